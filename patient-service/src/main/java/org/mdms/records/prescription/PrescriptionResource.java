package org.mdms.records.prescription;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
import org.mdms.records.prescription.PrescriptionDtos.CancelRequest;
import org.mdms.records.prescription.PrescriptionDtos.PrescriptionRequest;
import org.mdms.records.prescription.PrescriptionDtos.PrescriptionView;
import org.mdms.records.visit.TimeWindow;

import java.util.Map;

@Path("/api/v1/prescriptions")
@Tag(name = "Prescriptions", description = "Doctors prescribe, pharmacists dispense; totals are computed by the "
        + "server from the drug catalogue. Every read and write is audited.")
public class PrescriptionResource {

    public static final Map<String, String> SORTABLE = Map.of("id", "id", "issuedAt", "issuedAt",
            "status", "status", "totalAmount", "totalAmount", "dispensedAt", "dispensedAt");

    private final PrescriptionService service;
    private final CurrentUser currentUser;

    PrescriptionResource(PrescriptionService service, CurrentUser currentUser) {
        this.service = service;
        this.currentUser = currentUser;
    }

    @GET
    @RolesAllowed({Role.ADMIN_, Role.DOCTOR_, Role.NURSE_, Role.PHARMACIST_, Role.PATIENT_})
    @Operation(summary = "List prescriptions", description = "Paged, newest first by default, each with its items. "
            + "Filter by visit, patient, doctor, pharmacist, status and an issuedAt window (`from`/`to`: ISO-8601 "
            + "instants or dates). A patient sees only their own (another patientId is a 403). Staff name a patient or "
            + "visit they treat (pharmacists: a patient they dispense for); without one, a doctor gets their own, a "
            + "pharmacist the queue (status=ISSUED) or their own (pharmacistId), others a 403.")
    public Uni<Page<PrescriptionView>> list(@QueryParam("visitId") Long visitId,
                                            @QueryParam("patientId") Long patientId,
                                            @QueryParam("doctorId") Long doctorId,
                                            @QueryParam("pharmacistId") Long pharmacistId,
                                            @QueryParam("status") Prescription.Status status,
                                            @QueryParam("from") String from, @QueryParam("to") String to,
                                            @QueryParam("page") Integer page, @QueryParam("size") Integer size,
                                            @QueryParam("sort") String sort) {
        // every bad query parameter is reported at once, not only the first
        QueryChecks query = new QueryChecks();
        TimeWindow window = query.check(() -> TimeWindow.parse(from, to));
        PageRequest paging = query.check(() -> PageRequest.of(page, size, sort, SORTABLE, "issuedAt,desc"));
        query.refuseIfAny();
        return service.search(new PrescriptionRepository.Criteria(visitId, patientId, doctorId, pharmacistId, status,
                window), paging, currentUser.caller());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Role.ADMIN_, Role.DOCTOR_, Role.NURSE_, Role.PHARMACIST_, Role.PATIENT_})
    @Operation(summary = "Get a prescription with its items", description = "A patient may read only their own.")
    public Uni<PrescriptionView> get(@PathParam("id") long id) {
        return service.get(id, currentUser.caller());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.DOCTOR_)
    @Operation(summary = "Issue a prescription", description = "Only doctors; the prescriber is the caller. Unit "
            + "prices come from the drug catalogue and amounts and the total are computed by the server: a request "
            + "carrying unitPrice, amount or totalAmount is refused (400). 422 naming the field for an unknown "
            + "visit or an unknown or inactive drug (`items[i].drugId`); 409 for a cancelled visit.")
    public Uni<Response> create(@NotNull @Valid PrescriptionRequest request, @Context UriInfo uri) {
        return service.create(request, currentUser.caller()).map(view -> Created.at(uri, view.id(), view));
    }

    @POST
    @Path("/{id}/dispense")
    @RolesAllowed(Role.PHARMACIST_)
    @Operation(summary = "Dispense", description = "Only pharmacists; the dispensing pharmacist is the caller. "
            + "409 unless the prescription is ISSUED.")
    public Uni<PrescriptionView> dispense(@PathParam("id") long id) {
        return service.dispense(id, currentUser.caller());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/{id}/cancel")
    @RolesAllowed({Role.DOCTOR_, Role.ADMIN_})
    @Operation(summary = "Cancel", description = "By the prescribing doctor (other doctors get 403) or an admin, "
            + "with a reason. 409 unless the prescription is ISSUED.")
    public Uni<PrescriptionView> cancel(@PathParam("id") long id, @NotNull @Valid CancelRequest request) {
        return service.cancel(id, request.reason(), currentUser.caller());
    }
}
