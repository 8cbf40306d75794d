package org.mdms.records.alert;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;
import org.mdms.common.PageRequest;
import org.mdms.common.QueryChecks;
import org.mdms.records.alert.AlertDtos.Acknowledgement;
import org.mdms.records.alert.AlertDtos.AlertEvent;
import org.mdms.records.alert.AlertDtos.AlertView;
import org.mdms.records.auth.CurrentUser;
import org.mdms.records.auth.Role;
import org.mdms.records.auth.SessionStreams;
import org.mdms.records.common.Page;
import org.mdms.records.visit.TimeWindow;

@Path("/api/v1/alerts")
@Tag(name = "Alerts", description = "Alerts opened by the alert rules on readings (sustained breaches) and by "
        + "silent devices; acknowledged and resolved by the care team; live over server-sent events")
public class AlertResource {

    static final String EVENT_EXAMPLE = "data:{\"change\":\"OPENED\",\"alert\":{\"id\":7,\"patientId\":1,"
            + "\"ruleCode\":\"SPO2_LOW\",\"severity\":\"HIGH\",\"status\":\"OPEN\",\"message\":\"SPO2 below 90 for "
            + "30 s (latest 86 %)\"}}\n\n";

    static final String STATISTICS_EXAMPLE = """
            {"from":"2026-03-01T00:00:00Z","to":"2026-04-01T00:00:00Z","percentile":"nearest-rank",
             "departments":[{"departmentId":1,"departmentName":"心内科","total":12,
               "bySeverity":{"LOW":0,"MEDIUM":3,"HIGH":7,"CRITICAL":2},
               "byStatus":{"OPEN":2,"ACKNOWLEDGED":3,"RESOLVED":7},
               "timeToAcknowledge":{"count":10,"p50Seconds":42.5,"p95Seconds":180.0,"maxSeconds":180.0},
               "timeToResolve":{"count":7,"p50Seconds":900.0,"p95Seconds":3600.0,"maxSeconds":3600.0}}]}""";

    private final AlertService service;
    private final AlertStatistics statistics;
    private final AlertBroadcast broadcast;
    private final SessionStreams sessions;
    private final CurrentUser currentUser;

    AlertResource(AlertService service, AlertStatistics statistics, AlertBroadcast broadcast,
                  SessionStreams sessions, CurrentUser currentUser) {
        this.service = service;
        this.statistics = statistics;
        this.broadcast = broadcast;
        this.sessions = sessions;
        this.currentUser = currentUser;
    }

    @GET
    @RolesAllowed({Role.ADMIN_, Role.DOCTOR_, Role.NURSE_, Role.TECHNICIAN_, Role.PATIENT_})
    @Operation(summary = "Alerts", description = "Paged, newest first by default. Admins see all; a patient their "
            + "own; doctors, nurses and technicians the alerts of patients they treat (the care relationship of "
            + "vital signs). Filter by status, severity, patient, department (of the patient's open visit when the "
            + "alert opened) and openedAt (`from`/`to`: ISO-8601 instants or dates).")
    public Uni<Page<AlertView>> list(
            @Parameter(description = "OPEN, ACKNOWLEDGED or RESOLVED", example = "OPEN") @QueryParam("status")
            AlertStatus status,
            @Parameter(description = "LOW, MEDIUM, HIGH or CRITICAL", example = "HIGH") @QueryParam("severity")
            Severity severity,
            @Parameter(example = "1") @QueryParam("patientId") Long patientId,
            @Parameter(example = "1") @QueryParam("departmentId") Long departmentId,
            @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size, @QueryParam("sort") String sort) {
        QueryChecks query = new QueryChecks();
        TimeWindow window = query.check(() -> TimeWindow.parse(from, to));
        PageRequest paging = query.check(() -> PageRequest.of(page, size, sort, AlertService.SORTABLE,
                "openedAt,desc"));
        query.refuseIfAny();
        return service.search(new AlertService.Criteria(status, severity, patientId, departmentId, window), paging,
                currentUser.caller());
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_, Role.DOCTOR_, Role.NURSE_, Role.TECHNICIAN_, Role.PATIENT_})
    @Operation(summary = "Alerts as they happen (server-sent events)", description = "A text/event-stream: one "
            + "`data:` line with an AlertEvent (change OPENED, ESCALATED, ACKNOWLEDGED or RESOLVED, and the alert) "
            + "per change, from the moment of subscribing (no replay: read GET /api/v1/alerts first). Only alerts "
            + "the caller may see in the list are sent; the care relationship is asked again every few seconds. The stream ends at the token's exp and "
            + "within the revocation bound once its session or user is revoked: reconnect with a fresh token.")
    @APIResponse(responseCode = "200", description = "The event stream", content = @Content(
            mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(implementation = AlertEvent.class),
            examples = @ExampleObject(name = "opened", value = EVENT_EXAMPLE)))
    public Multi<AlertEvent> stream() {
        return sessions.whileSignedIn(currentUser.lease(), broadcast.eventsFor(currentUser.caller()));
    }

    @GET
    @Path("/statistics")
    @RolesAllowed({Role.ADMIN_, Role.ANALYST_, Role.DOCTOR_, Role.NURSE_})
    @Operation(summary = "Alert statistics per department", description = "Over the alerts opened in the window "
            + "(`from` and `to` inclusive; ISO-8601 instants or dates, a date counting its whole UTC day; both "
            + "optional): per department, counts by severity and by status (the status now), and the time from "
            + "opening to acknowledgement and to resolution (of the alerts that reached that step) as p50, p95 and "
            + "max in seconds. Percentiles by nearest rank: the value at rank ceil(p/100 x count) in ascending "
            + "order. Admins and analysts see every department (or the one named); doctors and nurses only their "
            + "own department (the default when departmentId is absent; another one is a 403). The department of "
            + "an alert is the one of the patient's open visit when it opened (null: no open visit).")
    @APIResponse(responseCode = "200", description = "The statistics", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AlertDtos.Statistics.class),
            examples = @ExampleObject(name = "month", value = STATISTICS_EXAMPLE)))
    public Uni<AlertDtos.Statistics> statistics(
            @Parameter(example = "1") @QueryParam("departmentId") Long departmentId,
            @Parameter(example = "2026-03-01") @QueryParam("from") String from,
            @QueryParam("to") String to) {
        QueryChecks query = new QueryChecks();
        TimeWindow window = query.check(() -> TimeWindow.parse(from, to));
        query.refuseIfAny();
        return statistics.of(departmentId, window, currentUser.caller());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Role.ADMIN_, Role.DOCTOR_, Role.NURSE_, Role.TECHNICIAN_, Role.PATIENT_})
    @Operation(summary = "Get one alert", description = "403 unless the caller may read the patient's vital signs.")
    public Uni<AlertView> get(@PathParam("id") long id) {
        return service.get(id, currentUser.caller());
    }

    @POST
    @Path("/{id}/acknowledge")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.DOCTOR_, Role.NURSE_})
    @Operation(summary = "Acknowledge an alert", description = "A doctor or nurse who treats the patient (or holds "
            + "break-the-glass access) takes the alert: who, when and an optional note are kept, escalation stops. "
            + "409 unless the alert is OPEN.")
    public Uni<AlertView> acknowledge(@PathParam("id") long id, @Valid Acknowledgement acknowledgement) {
        return service.acknowledge(id, acknowledgement == null ? null : acknowledgement.note(),
                currentUser.caller());
    }

    @POST
    @Path("/{id}/resolve")
    @RolesAllowed({Role.DOCTOR_, Role.NURSE_})
    @Operation(summary = "Resolve an alert by hand", description = "A doctor or nurse who treats the patient closes "
            + "an OPEN or ACKNOWLEDGED alert (resolution MANUAL); a new breach then opens a new alert. 409 when "
            + "resolved already.")
    public Uni<AlertView> resolve(@PathParam("id") long id) {
        return service.resolve(id, currentUser.caller());
    }
}
