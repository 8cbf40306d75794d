package org.mdms.records.drug;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import org.mdms.records.drug.DrugDtos.DrugRequest;
import org.mdms.records.drug.DrugDtos.DrugView;

import java.util.Map;

@Path("/api/v1/drugs")
@Tag(name = "Drugs", description = "The drug catalogue; admins and pharmacists maintain it, everyone signed in reads it")
@Authenticated
public class DrugResource {

    public static final Map<String, String> SORTABLE = Map.of("id", "id", "code", "code", "name", "name",
            "genericName", "genericName", "category", "category", "price", "price");

    private final DrugService service;

    DrugResource(DrugService service) {
        this.service = service;
    }

    @GET
    @Operation(summary = "Search the catalogue", description = "Paged. `search` matches a prefix of the code, name "
            + "or generic name; `category` matches exactly; `active=true` lists only prescribable drugs.")
    public Uni<Page<DrugView>> list(@QueryParam("search") @Size(max = 200) String search,
                                    @QueryParam("category") @Size(max = 100) String category,
                                    @QueryParam("active") Boolean active,
                                    @QueryParam("page") Integer page, @QueryParam("size") Integer size,
                                    @QueryParam("sort") String sort) {
        return service.search(new DrugRepository.Criteria(search, category, active),
                PageRequest.of(page, size, sort, SORTABLE, "code"));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a drug")
    public Uni<DrugView> get(@PathParam("id") long id) {
        return service.get(id);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_, Role.PHARMACIST_})
    @Operation(summary = "Add a drug", description = "409 if the code is taken.")
    public Uni<Response> create(@NotNull @Valid DrugRequest request, @Context UriInfo uri) {
        return service.create(request).map(view -> Created.at(uri, view.id(), view));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/{id}")
    @RolesAllowed({Role.ADMIN_, Role.PHARMACIST_})
    @Operation(summary = "Update a drug", description = "A new price applies to prescriptions issued from now on; "
            + "issued prescriptions keep the price they were issued with.")
    public Uni<DrugView> update(@PathParam("id") long id, @NotNull @Valid DrugRequest request) {
        return service.update(id, request);
    }

    @POST
    @Path("/{id}/deactivate")
    @RolesAllowed({Role.ADMIN_, Role.PHARMACIST_})
    @Operation(summary = "Deactivate a drug", description = "It stays in the catalogue for existing prescriptions "
            + "but can no longer be prescribed.")
    public Uni<DrugView> deactivate(@PathParam("id") long id) {
        return service.setActive(id, false);
    }

    @POST
    @Path("/{id}/activate")
    @RolesAllowed({Role.ADMIN_, Role.PHARMACIST_})
    @Operation(summary = "Reactivate a drug")
    public Uni<DrugView> activate(@PathParam("id") long id) {
        return service.setActive(id, true);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({Role.ADMIN_, Role.PHARMACIST_})
    @Operation(summary = "Delete = deactivate", description = "Drugs are never removed (prescriptions refer to "
            + "them); this deactivates the drug and returns it.")
    public Uni<DrugView> delete(@PathParam("id") long id) {
        return service.setActive(id, false);
    }
}
