package org.mdms.records.vitals;

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
import org.mdms.records.visit.TimeWindow;
import org.mdms.records.vitals.VitalSignDtos.BatchResult;
import org.mdms.records.vitals.VitalSignDtos.VitalSignBatch;
import org.mdms.records.vitals.VitalSignDtos.VitalSignRequest;
import org.mdms.records.vitals.VitalSignDtos.VitalSignView;

import java.util.Map;

@Path("/api/v1/vital-signs")
@Tag(name = "Vital signs", description = "Heart rate, blood pressure, SpO2 and temperature, typed in or uploaded "
        + "by devices; every read and write is audited")
public class VitalSignResource {

    public static final Map<String, String> SORTABLE = Map.of("id", "id", "measuredAt", "measuredAt",
            "type", "type", "value", "value");

    private final VitalSignService service;
    private final CurrentUser currentUser;

    VitalSignResource(VitalSignService service, CurrentUser currentUser) {
        this.service = service;
        this.currentUser = currentUser;
    }

    @GET
    @RolesAllowed({Role.ADMIN_, Role.DOCTOR_, Role.NURSE_, Role.TECHNICIAN_, Role.PATIENT_})
    @Operation(summary = "A patient's vital signs", description = "Paged, newest first by default. Staff must give "
            + "patientId; a patient sees only their own. Filter by visit, type, abnormal and a measuredAt window "
            + "(`from`/`to`: ISO-8601 instants or dates).")
    public Uni<Page<VitalSignView>> list(@QueryParam("patientId") Long patientId,
                                         @QueryParam("visitId") Long visitId,
                                         @QueryParam("type") VitalType type,
                                         @QueryParam("abnormal") Boolean abnormal,
                                         @QueryParam("from") String from, @QueryParam("to") String to,
                                         @QueryParam("page") Integer page, @QueryParam("size") Integer size,
                                         @QueryParam("sort") String sort) {
        // every bad query parameter is reported at once, not only the first
        QueryChecks query = new QueryChecks();
        TimeWindow window = query.check(() -> TimeWindow.parse(from, to));
        PageRequest paging = query.check(() -> PageRequest.of(page, size, sort, SORTABLE, "measuredAt,desc"));
        query.refuseIfAny();
        return service.search(new VitalSignRepository.Criteria(patientId, visitId, type, abnormal,
                window), paging, currentUser.caller());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Role.ADMIN_, Role.DOCTOR_, Role.NURSE_, Role.TECHNICIAN_, Role.PATIENT_})
    @Operation(summary = "Get one measurement", description = "A patient may read only their own (403).")
    public Uni<VitalSignView> get(@PathParam("id") long id) {
        return service.get(id, currentUser.caller());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_, Role.DOCTOR_, Role.NURSE_, Role.TECHNICIAN_})
    @Operation(summary = "Record a measurement", description = "The unit is derived from the type. A value outside "
            + "the plausible range is a 400 naming the field; a plausible value outside the normal range is stored "
            + "with abnormal=true. 422 for an unknown patient or a visit of another patient.")
    public Uni<Response> create(@NotNull @Valid VitalSignRequest request, @Context UriInfo uri) {
        return service.record(request, currentUser.caller()).map(view -> Created.at(uri, view.id(), view));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/batch")
    @RolesAllowed({Role.ADMIN_, Role.DOCTOR_, Role.NURSE_, Role.TECHNICIAN_})
    @Operation(summary = "Upload readings from a device", description = "Up to 500 readings, same rules as a single "
            + "one; all are stored or none (errors name `readings[i].field`).")
    public Uni<Response> createBatch(@NotNull @Valid VitalSignBatch batch) {
        return service.recordBatch(batch.readings(), currentUser.caller())
                .map(result -> Response.status(Response.Status.CREATED).entity(result).build());
    }
}
