package org.mdms.records.hospital;

import org.mdms.records.common.Like;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
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
import org.mdms.common.DomainException;
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

    private final HospitalRepository hospitals;

    HospitalResource(HospitalRepository hospitals) {
        this.hospitals = hospitals;
    }

    @GET
    @WithSession
    @Operation(summary = "List hospitals", description = "Paged; `search` matches code or name prefix.")
    public Uni<Page<HospitalView>> list(@QueryParam("search") String search, @QueryParam("page") Integer page,
                                        @QueryParam("size") Integer size, @QueryParam("sort") String sort) {
        PageRequest request = PageRequest.of(page, size, sort, SORTABLE, "id");
        var query = search == null || search.isBlank()
                ? hospitals.findAll(request.sort())
                : hospitals.find("code like ?1 escape '!' or name like ?1 escape '!'", request.sort(),
                        Like.prefix(search));
        return Page.of(query, request, HospitalView::of);
    }

    @GET
    @Path("/{id}")
    @WithSession
    @Operation(summary = "Get a hospital")
    public Uni<HospitalView> get(@PathParam("id") long id) {
        return hospitals.findById(id).onItem().ifNull().failWith(() -> DomainException.notFound("hospital", id))
                .map(HospitalView::of);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ADMIN_)
    @WithTransaction
    @Operation(summary = "Create a hospital")
    public Uni<Response> create(@NotNull @Valid HospitalRequest request, @Context UriInfo uri) {
        Hospital hospital = new Hospital();
        apply(hospital, request);
        return hospitals.persistAndFlush(hospital).map(saved -> Response
                .created(uri.getAbsolutePathBuilder().path(saved.getId().toString()).build())
                .entity(HospitalView.of(saved)).build());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/{id}")
    @RolesAllowed(Role.ADMIN_)
    @WithTransaction
    @Operation(summary = "Update a hospital")
    public Uni<HospitalView> update(@PathParam("id") long id, @NotNull @Valid HospitalRequest request) {
        return hospitals.findById(id).onItem().ifNull().failWith(() -> DomainException.notFound("hospital", id))
                .invoke(hospital -> apply(hospital, request))
                .call(hospitals::flush)
                .map(HospitalView::of);
    }

    private static void apply(Hospital hospital, HospitalRequest request) {
        hospital.setCode(request.code());
        hospital.setName(request.name());
        hospital.setAddress(request.address());
        hospital.setPhone(request.phone());
    }
}
