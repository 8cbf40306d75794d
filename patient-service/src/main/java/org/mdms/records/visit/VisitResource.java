package org.mdms.records.visit;

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
import org.mdms.common.QueryChecks;
import org.mdms.records.visit.VisitDtos.VisitClose;
import org.mdms.records.visit.VisitDtos.VisitRequest;
import org.mdms.records.visit.VisitDtos.VisitView;

import java.util.Map;

@Path("/api/v1/visits")
@Tag(name = "Visits", description = "Outpatient, inpatient and emergency visits; every read and write is audited")
public class VisitResource {

    public static final Map<String, String> SORTABLE = Map.of("id", "id", "startedAt", "startedAt",
            "endedAt", "endedAt", "status", "status", "type", "type");

    private final VisitService service;
    private final CurrentUser currentUser;

    VisitResource(VisitService service, CurrentUser currentUser) {
        this.service = service;
        this.currentUser = currentUser;
    }

    @GET
    @RolesAllowed({Role.ADMIN_, Role.DOCTOR_, Role.NURSE_, Role.PHARMACIST_, Role.TECHNICIAN_, Role.PATIENT_})
    @Operation(summary = "List visits", description = "Paged, newest first by default. Filter by patient, doctor, "
            + "department, status, type and a start-time window (`from`/`to`: ISO-8601 instants or dates, `to` "
            + "inclusive). A patient sees only their own visits (another patientId is a 403). Staff name a patient "
            + "they treat (403 otherwise, see /patients/{id}/access) or, without patientId, get their own visits as "
            + "the doctor.")
    public Uni<Page<VisitView>> list(@QueryParam("patientId") Long patientId,
                                     @QueryParam("doctorId") Long doctorId,
                                     @QueryParam("departmentId") Long departmentId,
                                     @QueryParam("status") Visit.Status status,
                                     @QueryParam("type") Visit.Type type,
                                     @QueryParam("from") String from, @QueryParam("to") String to,
                                     @QueryParam("page") Integer page, @QueryParam("size") Integer size,
                                     @QueryParam("sort") String sort) {
        // every bad query parameter is reported at once, not only the first
        QueryChecks query = new QueryChecks();
        TimeWindow window = query.check(() -> TimeWindow.parse(from, to));
        PageRequest paging = query.check(() -> PageRequest.of(page, size, sort, SORTABLE, "startedAt,desc"));
        query.refuseIfAny();
        return service.search(new VisitRepository.Criteria(patientId, doctorId, departmentId, status, type,
                window), paging, currentUser.caller());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Role.ADMIN_, Role.DOCTOR_, Role.NURSE_, Role.PHARMACIST_, Role.TECHNICIAN_, Role.PATIENT_})
    @Operation(summary = "Get a visit", description = "A patient may read only their own visits (403).")
    public Uni<VisitView> get(@PathParam("id") long id) {
        return service.get(id, currentUser.caller());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_, Role.DOCTOR_, Role.NURSE_})
    @Operation(summary = "Open a visit", description = "startedAt not in the future, endedAt after it. 422 naming "
            + "the field for an unknown patient, doctor (or a staff member who is not a doctor) or department.")
    public Uni<Response> create(@NotNull @Valid VisitRequest request, @Context UriInfo uri) {
        return service.create(request, currentUser.caller()).map(view -> Created.at(uri, view.id(), view));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/{id}")
    @RolesAllowed({Role.ADMIN_, Role.DOCTOR_, Role.NURSE_})
    @Operation(summary = "Update a visit", description = "Everything but the patient can change (400 otherwise).")
    public Uni<VisitView> update(@PathParam("id") long id, @NotNull @Valid VisitRequest request) {
        return service.update(id, request, currentUser.caller());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/{id}/close")
    @RolesAllowed({Role.ADMIN_, Role.DOCTOR_, Role.NURSE_})
    @Operation(summary = "Close an open visit", description = "Sets status CLOSED and endedAt (default now), "
            + "optionally the final diagnosis. 409 unless the visit is OPEN.")
    public Uni<VisitView> close(@PathParam("id") long id, @Valid VisitClose request) {
        return service.close(id, request, currentUser.caller());
    }
}
