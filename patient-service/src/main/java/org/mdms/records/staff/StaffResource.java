package org.mdms.records.staff;

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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mdms.records.auth.CurrentUser;
import org.mdms.records.auth.Role;
import org.mdms.records.common.Created;
import org.mdms.records.common.Page;
import org.mdms.common.PageRequest;
import org.mdms.records.staff.StaffDtos.StaffRequest;
import org.mdms.records.staff.StaffDtos.StaffView;

import java.util.Map;

@Path("/api/v1/staff")
@Tag(name = "Staff", description = "Doctors, nurses, pharmacists and technicians")
@Authenticated
public class StaffResource {

    public static final Map<String, String> SORTABLE = Map.of("id", "id", "name", "name", "staffNo", "staffNo",
            "kind", "kind", "departmentId", "departmentId");

    private final StaffService service;
    private final CurrentUser currentUser;

    StaffResource(StaffService service, CurrentUser currentUser) {
        this.service = service;
        this.currentUser = currentUser;
    }

    @GET
    @Operation(summary = "List staff", description = "Paged; filter by department and kind; `search` matches a "
            + "name or staff-number prefix.")
    public Uni<Page<StaffView>> list(@QueryParam("departmentId") Long departmentId,
                                     @QueryParam("kind") Staff.Kind kind, @QueryParam("search") String search,
                                     @QueryParam("page") Integer page, @QueryParam("size") Integer size,
                                     @QueryParam("sort") String sort) {
        return service.search(departmentId, kind, search, PageRequest.of(page, size, sort, SORTABLE, "id"),
                currentUser.caller());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a staff member")
    public Uni<StaffView> get(@PathParam("id") long id) {
        return service.get(id, currentUser.caller());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ADMIN_)
    @Operation(summary = "Create a staff member", description = "Links an existing user (whose role matches the "
            + "kind) to one department. 422 for an unknown user or department, 409 if the user already is staff.")
    public Uni<Response> create(@NotNull @Valid StaffRequest request, @Context UriInfo uri) {
        return service.create(request).map(view -> Created.at(uri, view.id(), view));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/{id}")
    @RolesAllowed(Role.ADMIN_)
    @Operation(summary = "Update a staff member")
    public Uni<StaffView> update(@PathParam("id") long id, @NotNull @Valid StaffRequest request) {
        return service.update(id, request);
    }
}
