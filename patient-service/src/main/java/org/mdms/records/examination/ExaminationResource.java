package org.mdms.records.examination;

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
import org.mdms.records.examination.ExaminationDtos.ExaminationRequest;
import org.mdms.records.examination.ExaminationDtos.ExaminationView;
import org.mdms.records.visit.TimeWindow;

import java.util.Map;

@Path("/api/v1/examinations")
@Tag(name = "Examinations", description = "Examinations and lab results of a visit; every read and write is audited")
public class ExaminationResource {

    public static final Map<String, String> SORTABLE = Map.of("id", "id", "performedAt", "performedAt",
            "item", "item", "abnormal", "abnormal");

    private final ExaminationService service;
    private final CurrentUser currentUser;

    ExaminationResource(ExaminationService service, CurrentUser currentUser) {
        this.service = service;
        this.currentUser = currentUser;
    }

    @GET
    @RolesAllowed({Role.ADMIN_, Role.DOCTOR_, Role.NURSE_, Role.TECHNICIAN_, Role.PATIENT_})
    @Operation(summary = "List examinations of a visit or a patient", description = "Paged, newest first by "
            + "default. Staff give `visitId` or `patientId` of a patient they treat (403 otherwise); a patient sees "
            + "only their own. Optional filters: "
            + "technicianId, abnormal, and a performedAt window (`from`/`to`: ISO-8601 instants or dates).")
    public Uni<Page<ExaminationView>> list(@QueryParam("visitId") Long visitId,
                                           @QueryParam("patientId") Long patientId,
                                           @QueryParam("technicianId") Long technicianId,
                                           @QueryParam("abnormal") Boolean abnormal,
                                           @QueryParam("from") String from, @QueryParam("to") String to,
                                           @QueryParam("page") Integer page, @QueryParam("size") Integer size,
                                           @QueryParam("sort") String sort) {
        // every bad query parameter is reported at once, not only the first
        QueryChecks query = new QueryChecks();
        TimeWindow window = query.check(() -> TimeWindow.parse(from, to));
        PageRequest paging = query.check(() -> PageRequest.of(page, size, sort, SORTABLE, "performedAt,desc"));
        query.refuseIfAny();
        return service.search(new ExaminationRepository.Criteria(visitId, patientId, technicianId, abnormal,
                window), paging, currentUser.caller());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Role.ADMIN_, Role.DOCTOR_, Role.NURSE_, Role.TECHNICIAN_, Role.PATIENT_})
    @Operation(summary = "Get an examination", description = "A patient may read only their own (403).")
    public Uni<ExaminationView> get(@PathParam("id") long id) {
        return service.get(id, currentUser.caller());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_, Role.DOCTOR_, Role.TECHNICIAN_})
    @Operation(summary = "Record an examination", description = "performedAt not in the future. 422 naming the "
            + "field for an unknown visit or a technicianId that is not a technician; 409 for a cancelled visit.")
    public Uni<Response> create(@NotNull @Valid ExaminationRequest request, @Context UriInfo uri) {
        return service.create(request, currentUser.caller()).map(view -> Created.at(uri, view.id(), view));
    }
}
