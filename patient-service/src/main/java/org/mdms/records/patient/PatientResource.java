package org.mdms.records.patient;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mdms.records.auth.CurrentUser;
import org.mdms.records.care.EmergencyAccessDtos.EmergencyAccessRequest;
import org.mdms.records.care.EmergencyAccessService;
import org.mdms.records.auth.Role;
import org.mdms.records.common.Created;
import org.mdms.records.common.Page;
import org.mdms.common.DomainException;
import org.mdms.common.PageRequest;
import org.mdms.records.patient.PatientDtos.PatientAccess;
import org.mdms.records.patient.PatientDtos.PatientRequest;
import org.mdms.records.patient.PatientDtos.PatientView;

import java.net.URI;
import java.util.Map;

@Path("/api/v1/patients")
@Tag(name = "Patients", description = "Patient master data; every read and write is audited")
public class PatientResource {

    public static final Map<String, String> SORTABLE = Map.of("id", "id", "name", "name", "mrn", "mrn",
            "birthDate", "birthDate", "createdAt", "createdAt");

    private final PatientService service;
    private final EmergencyAccessService emergencyAccess;
    private final CurrentUser currentUser;

    PatientResource(PatientService service, EmergencyAccessService emergencyAccess, CurrentUser currentUser) {
        this.service = service;
        this.emergencyAccess = emergencyAccess;
        this.currentUser = currentUser;
    }

    @GET
    @RolesAllowed({Role.ADMIN_, Role.DOCTOR_, Role.NURSE_, Role.PHARMACIST_, Role.TECHNICIAN_})
    @Operation(summary = "Search patients", description = "Paged. `search` matches a name prefix or an exact MRN, "
            + "phone or ID number; `name` is a name prefix ('%' and '_' match themselves); `mrn`, `phone`, "
            + "`idNumber` match exactly. Admins get full rows; staff get the LISTING view (name, MRN, gender, age, "
            + "ID number masked) and open the record through GET /{id}, which checks the care relationship. Deleted "
            + "patients only with includeDeleted=true (admins).")
    public Uni<Page<PatientView>> list(@QueryParam("search") @Size(max = 100) String search,
                                       @QueryParam("name") @Size(max = 100) String name,
                                       @QueryParam("mrn") @Size(max = 32) String mrn,
                                       @QueryParam("phone") @Size(max = 32) String phone,
                                       @QueryParam("idNumber") @Size(max = 32) String idNumber,
                                       @QueryParam("includeDeleted") @DefaultValue("false") boolean includeDeleted,
                                       @QueryParam("page") Integer page, @QueryParam("size") Integer size,
                                       @QueryParam("sort") String sort) {
        return service.search(new PatientRepository.Criteria(search, name, mrn, phone, idNumber, includeDeleted),
                PageRequest.of(page, size, sort, SORTABLE, "id"), currentUser.caller());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Role.ADMIN_, Role.DOCTOR_, Role.NURSE_, Role.PHARMACIST_, Role.TECHNICIAN_, Role.PATIENT_})
    @Operation(summary = "Get a patient", description = "The view follows the care relationship: FULL for admins, "
            + "the patient and a treating doctor or nurse; CLINICAL (no contacts, ID number masked) for a treating "
            + "technician; DISPENSING (name, MRN, gender, age, blood type, allergies) for a pharmacist with a "
            + "prescription of the patient to dispense; 403 for anyone else (staff may break the glass).")
    public Uni<PatientView> get(@PathParam("id") long id) {
        return service.get(id, currentUser.caller());
    }

    @GET
    @Path("/{id}/access")
    @RolesAllowed({Role.ADMIN_, Role.DOCTOR_, Role.NURSE_, Role.PHARMACIST_, Role.TECHNICIAN_, Role.PATIENT_,
            Role.ANALYST_})
    @Operation(summary = "How the caller relates to a patient", description = "The care relationship: SELF, "
            + "TREATING (doctor of any visit of the patient; doctor, nurse or technician of the department of an "
            + "OPEN visit; technician of an examination), EMERGENCY (an unexpired break-the-glass grant), "
            + "DISPENSING (a pharmacist with an ISSUED prescription of the patient or one they dispensed), ADMIN, "
            + "STAFF (no relationship) or NONE. Used by imaging-service for every image read. "
            + "audit=VITAL_SIGN_SUMMARY (analytics-service's question 6): when the relationship lets the caller read "
            + "the patient's vital signs there (ADMIN, TREATING, EMERGENCY), that read is written to the audit trail "
            + "here (SEARCH of VITAL_SIGN), as the vital-sign reads of this service are.")
    public Uni<PatientAccess> access(@PathParam("id") long id,
                                     @QueryParam("audit") @Parameter(schema = @Schema(type = SchemaType.STRING,
                                             enumeration = {PatientService.VITAL_SIGN_SUMMARY})) String audit) {
        if (audit == null || audit.isBlank()) {
            return service.access(id, currentUser.caller());
        }
        if (!PatientService.VITAL_SIGN_SUMMARY.equals(audit.strip())) {
            throw DomainException.invalid("audit", "must be " + PatientService.VITAL_SIGN_SUMMARY);
        }
        return service.accessForVitalSignSummary(id, currentUser.caller());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_, Role.DOCTOR_, Role.NURSE_})
    @Operation(summary = "Register a patient", description = "409 if the MRN is taken; 422 if userId is unknown or "
            + "not a PATIENT account.")
    public Uni<Response> create(@NotNull @Valid PatientRequest request, @Context UriInfo uri) {
        return service.create(request, currentUser.caller()).map(view -> Created.at(uri, view.id(), view));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/{id}")
    @RolesAllowed({Role.ADMIN_, Role.DOCTOR_, Role.NURSE_})
    @Operation(summary = "Update a patient", description = "Admins, or the doctor or nurse treating the patient "
            + "(403 otherwise).")
    public Uni<PatientView> update(@PathParam("id") long id, @NotNull @Valid PatientRequest request) {
        return service.update(id, request, currentUser.caller());
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Role.ADMIN_)
    @Operation(summary = "Soft-delete a patient", description = "Keeps the record (who, when, why); restore undoes it.")
    public Uni<PatientView> delete(@PathParam("id") long id,
                                   @QueryParam("reason") @NotBlank @Size(max = 500) String reason) {
        return service.delete(id, reason, currentUser.caller());
    }

    @POST
    @Path("/{id}/restore")
    @RolesAllowed(Role.ADMIN_)
    @Operation(summary = "Restore a soft-deleted patient")
    public Uni<PatientView> restore(@PathParam("id") long id) {
        return service.restore(id, currentUser.caller());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/{id}/emergency-access")
    @RolesAllowed({Role.DOCTOR_, Role.NURSE_, Role.TECHNICIAN_})
    @Tag(name = "Emergency access")
    @Operation(summary = "Break the glass", description = "The caller treats the patient (in every service) until "
            + "the grant expires (mdms.care.emergency-access-duration, default 4 hours). A reason of 10 to 500 "
            + "characters is required; the grant is audited and listed for admins. 404 for an unknown patient.")
    public Uni<Response> grant(@PathParam("id") long id, @NotNull @Valid EmergencyAccessRequest request) {
        return emergencyAccess.grant(id, request.reason(), currentUser.caller()).map(view -> Response
                .created(URI.create("/api/v1/emergency-access?patientId=" + id)).entity(view).build());
    }
}
