package org.mdms.records.department;

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
import org.mdms.records.auth.Role;
import org.mdms.records.common.Created;
import org.mdms.records.common.Page;
import org.mdms.common.PageRequest;
import org.mdms.records.department.DepartmentDtos.DepartmentRequest;
import org.mdms.records.department.DepartmentDtos.DepartmentView;

import java.util.Map;

@Path("/api/v1/departments")
@Tag(name = "Departments", description = "Departments of a hospital (内科, 外科, ...); admins maintain them")
@Authenticated
public class DepartmentResource {

    public static final Map<String, String> SORTABLE = Map.of("id", "id", "code", "code", "name", "name",
            "hospitalId", "hospitalId");

    private final DepartmentService service;

    DepartmentResource(DepartmentService service) {
        this.service = service;
    }

    @GET
    @Operation(summary = "List departments", description = "Paged; filter by hospital; `search` matches a code or "
            + "name prefix.")
    public Uni<Page<DepartmentView>> list(@QueryParam("hospitalId") Long hospitalId,
                                          @QueryParam("search") String search, @QueryParam("page") Integer page,
                                          @QueryParam("size") Integer size, @QueryParam("sort") String sort) {
        return service.search(hospitalId, search, PageRequest.of(page, size, sort, SORTABLE, "id"));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a department")
    public Uni<DepartmentView> get(@PathParam("id") long id) {
        return service.get(id);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ADMIN_)
    @Operation(summary = "Create a department", description = "422 if the hospital does not exist; 409 if the "
            + "code is taken in that hospital.")
    public Uni<Response> create(@NotNull @Valid DepartmentRequest request, @Context UriInfo uri) {
        return service.create(request).map(view -> Created.at(uri, view.id(), view));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/{id}")
    @RolesAllowed(Role.ADMIN_)
    @Operation(summary = "Update a department")
    public Uni<DepartmentView> update(@PathParam("id") long id, @NotNull @Valid DepartmentRequest request) {
        return service.update(id, request);
    }
}
