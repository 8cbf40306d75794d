package org.mdms.records.console;

import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.mdms.common.DomainException;
import org.mdms.common.console.ConsoleSession;
import org.mdms.records.alert.AlertDtos.Acknowledgement;
import org.mdms.records.alert.AlertService;
import org.mdms.records.alert.AlertStatistics;
import org.mdms.records.auth.Caller;
import org.mdms.records.auth.CurrentUser;
import org.mdms.records.auth.Role;
import org.mdms.records.console.ClinicalDesk.Times;
import org.mdms.records.visit.TimeWindow;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The ward view (the newest readings of a ward's patients and their unresolved alerts, live over the API's ward and
 * alert streams, which accept the console's cookie) and the alert inbox (acknowledge with a note, resolve, the
 * department statistics). The forms go through the alert API's service with the signed-in caller.
 */
@Path("/ui")
@Produces(MediaType.TEXT_HTML)
public class WardConsoleResource {

    /** The inbox's statistics cover the alerts opened in the last week. */
    static final Duration STATISTICS_WINDOW = Duration.ofDays(7);

    private final WardDesk desk;
    private final AlertService alerts;
    private final AlertStatistics statistics;
    private final CurrentUser currentUser;
    private final ConsoleSession session;
    private final Validator validator;
    private final ConsoleShell shell;
    private final Times times;

    WardConsoleResource(WardDesk desk, AlertService alerts, AlertStatistics statistics, CurrentUser currentUser,
                        ConsoleSession session, Validator validator, ConsoleShell shell,
                        ClinicalSettings settings) {
        this.desk = desk;
        this.alerts = alerts;
        this.statistics = statistics;
        this.currentUser = currentUser;
        this.session = session;
        this.validator = validator;
        this.shell = shell;
        this.times = new Times(settings.zone());
    }

    /** A doctor's or nurse's own ward; for admins, the list of departments. */
    @GET
    @Path("/wards")
    @RolesAllowed({Role.ADMIN_, Role.DOCTOR_, Role.NURSE_})
    public Uni<Response> wards(@Context RoutingContext rc) {
        Caller caller = currentUser.caller();
        if (!caller.is(Role.ADMIN)) {
            return desk.ownDepartment(caller).map(own -> {
                if (own == null) {
                    throw DomainException.forbidden("the ward view is for the department's doctors and nurses");
                }
                return shell.seeOther("/ui/wards/" + own);
            });
        }
        return desk.departments().map(all -> shell.html(200, WardPages.wards(shell.of(rc), all), rc));
    }

    @GET
    @Path("/wards/{departmentId}")
    @RolesAllowed({Role.ADMIN_, Role.DOCTOR_, Role.NURSE_})
    public Uni<TemplateInstance> ward(@PathParam("departmentId") long departmentId, @Context RoutingContext rc) {
        return desk.ward(departmentId, currentUser.caller())
                .map(ward -> shell.page(WardPages.ward(shell.of(rc), times, ward), rc));
    }

    @GET
    @Path("/alerts")
    @RolesAllowed({Role.ADMIN_, Role.DOCTOR_, Role.NURSE_})
    public Uni<TemplateInstance> inbox(@QueryParam("acknowledged") Long acknowledged,
                                       @QueryParam("resolved") Long resolved, @Context RoutingContext rc) {
        Caller caller = currentUser.caller();
        ConsoleMessages words = shell.words(rc);
        String notice = acknowledged != null ? words.alert_acknowledged_notice(acknowledged)
                : resolved != null ? words.alert_resolved_notice(resolved) : null;
        Instant now = Instant.now();
        TimeWindow week = new TimeWindow(now.minus(STATISTICS_WINDOW).truncatedTo(ChronoUnit.SECONDS), null);
        boolean acts = caller.is(Role.DOCTOR) || caller.is(Role.NURSE);
        return desk.inbox(null, caller)
                .chain(rows -> statistics.of(null, week, caller)
                        .map(stats -> shell.page(WardPages.alerts(shell.of(rc), times, rows, acts, stats, notice),
                                rc)));
    }

    /** As POST /api/v1/alerts/{id}/acknowledge: a doctor or nurse who treats the patient, with an optional note. */
    @POST
    @Path("/alerts/{id}/acknowledge")
    @RolesAllowed({Role.DOCTOR_, Role.NURSE_})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> acknowledge(@PathParam("id") long id, @FormParam("note") String note,
                                     @FormParam(ConsoleSession.CSRF_FIELD) String csrf, @Context RoutingContext rc) {
        session.checkCsrf(csrf, rc);
        Acknowledgement request = new Acknowledgement(note);
        var violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw DomainException.invalid("note", violations.iterator().next().getMessage());
        }
        return alerts.acknowledge(id, note, currentUser.caller())
                .map(done -> shell.seeOther("/ui/alerts?acknowledged=" + id));
    }

    /** As POST /api/v1/alerts/{id}/resolve. */
    @POST
    @Path("/alerts/{id}/resolve")
    @RolesAllowed({Role.DOCTOR_, Role.NURSE_})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> resolve(@PathParam("id") long id, @FormParam(ConsoleSession.CSRF_FIELD) String csrf,
                                 @Context RoutingContext rc) {
        session.checkCsrf(csrf, rc);
        return alerts.resolve(id, currentUser.caller()).map(done -> shell.seeOther("/ui/alerts?resolved=" + id));
    }
}
