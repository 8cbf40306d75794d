package org.mdms.records.hospital;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mdms.records.auth.Role;
import org.mdms.records.common.Page;
import org.mdms.common.PageRequest;

import java.time.Instant;
import java.util.Map;

/** Hospitals are few and plain: the resource, repository and rules fit on one page. */
@Path("/api/v1/hospitals")
@Tag(name = "Hospitals", description = "The hospitals MDMS serves; admins register and change them")
@Authenticated
public class HospitalResource {

    @ApplicationScoped
    public static class HospitalRepository implements PanacheRepository<Hospital> {
    }

    @Schema(name = "HospitalRequest")
    public record HospitalRequest(
            @NotBlank @Size(max = 32) @Pattern(regexp = "[A-Za-z0-9_-]+") @Schema(example = "H001") String code,
            @NotBlank @Size(max = 200) @Schema(example = "北京协和医院") String name,
            @Size(max = 500) @Schema(example = "北京市东城区帅府园1号") String address,
            @Size(max = 32) @Pattern(regexp = "[0-9+\\- ]*") @Schema(example = "010-69156114") String phone) {
    }

    @Schema(name = "Hospital")
    public record HospitalView(long id, String code, String name, String address, String phone, Instant createdAt,
                               Instant updatedAt) {
        static HospitalView of(Hospital h) {
            return new HospitalView(h.getId(), h.getCode(), h.getName(), h.getAddress(), h.getPhone(),
                    h.getCreatedAt(), h.getUpdatedAt());
        }
    }

    public static final Map<String, String> SORTABLE = Map.of("id", "id", "code", "code", "name", "name");

    private final HospitalService service;

    HospitalResource(HospitalService service) {
        this.service = service;
    }

    @GET
    @Operation(summary = "List hospitals", description = "Paged; `search` matches code or name prefix.")
    public Uni<Page<HospitalView>> list(@QueryParam("search") String search, @QueryParam("page") Integer page,
                                        @QueryParam("size") Integer size, @QueryParam("sort") String sort) {
        return service.search(search, PageRequest.of(page, size, sort, SORTABLE, "id"));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a hospital")
    public Uni<HospitalView> get(@PathParam("id") long id) {
        return service.get(id);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ADMIN_)
    @Operation(summary = "Create a hospital")
    public Uni<Response> create(@NotNull @Valid HospitalRequest request, @Context UriInfo uri) {
        return service.create(request).map(saved -> Response
                .created(uri.getAbsolutePathBuilder().path(String.valueOf(saved.id())).build())
                .entity(saved).build());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/{id}")
    @RolesAllowed(Role.ADMIN_)
    @Operation(summary = "Update a hospital")
    public Uni<HospitalView> update(@PathParam("id") long id, @NotNull @Valid HospitalRequest request) {
        return service.update(id, request);
    }
}
