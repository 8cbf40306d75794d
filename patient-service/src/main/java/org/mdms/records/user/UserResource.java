package org.mdms.records.user;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mdms.records.auth.CurrentUser;
import org.mdms.records.auth.Role;
import org.mdms.records.common.Created;
import org.mdms.records.common.Page;
import org.mdms.common.PageRequest;
import org.mdms.records.user.UserDtos.NewUser;
import org.mdms.records.user.UserDtos.PasswordChange;
import org.mdms.records.user.UserDtos.UserUpdate;
import org.mdms.records.user.UserDtos.UserView;

import java.util.Map;

@Path("/api/v1/users")
@Tag(name = "Users", description = "Sign-in accounts; admins manage them")
@RolesAllowed(Role.ADMIN_)
public class UserResource {

    public static final Map<String, String> SORTABLE = Map.of("id", "id", "username", "username",
            "displayName", "displayName", "role", "role", "createdAt", "createdAt");

    private final UserService service;
    private final CurrentUser currentUser;

    UserResource(UserService service, CurrentUser currentUser) {
        this.service = service;
        this.currentUser = currentUser;
    }

    @GET
    @Operation(summary = "List users", description = "Paged; `search` matches a username or display-name prefix.")
    public Uni<Page<UserView>> list(@QueryParam("search") String search, @QueryParam("role") Role role,
                                    @QueryParam("page") Integer page, @QueryParam("size") Integer size,
                                    @QueryParam("sort") String sort) {
        return service.search(search, role, PageRequest.of(page, size, sort, SORTABLE, "id"));
    }

    @GET
    @Path("/me")
    @Authenticated
    @Operation(summary = "The signed-in user")
    public Uni<UserView> me() {
        return service.get(currentUser.userId());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a user")
    public Uni<UserView> get(@PathParam("id") long id) {
        return service.get(id);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a user", description = "Password stored as bcrypt. 409 if the username is taken.")
    public Uni<Response> create(@NotNull @Valid NewUser request, @Context UriInfo uri) {
        return service.create(request).map(view -> Created.at(uri, view.id(), view));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/{id}")
    @Operation(summary = "Update a user's display name or role, or enable/disable the account",
            description = "Disabling the account or changing its role ends its tokens in every service (audited).")
    public Uni<UserView> update(@PathParam("id") long id, @NotNull @Valid UserUpdate request) {
        return service.update(id, request, currentUser.caller());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/{id}/password")
    @Operation(summary = "Set a user's password", description = "Ends the account's tokens in every service.")
    @APIResponse(responseCode = "204", description = "Password set")
    public Uni<Response> changePassword(@PathParam("id") long id, @NotNull @Valid PasswordChange request) {
        return service.changePassword(id, request.password(), currentUser.caller())
                .map(done -> Response.noContent().build());
    }

    @POST
    @Path("/{id}/unlock")
    @Operation(summary = "Unlock an account", description = "Lifts a lockout caused by wrong passwords before its "
            + "delay is over (audited).")
    public Uni<UserView> unlock(@PathParam("id") long id) {
        return service.unlock(id, currentUser.caller());
    }
}
