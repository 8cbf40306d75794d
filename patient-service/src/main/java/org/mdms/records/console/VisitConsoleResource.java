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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.mdms.common.DomainException;
import org.mdms.common.console.ConsoleSession;
import org.mdms.records.auth.Caller;
import org.mdms.records.auth.CurrentUser;
import org.mdms.records.auth.Role;
import org.mdms.records.console.ClinicalDesk.Times;
import org.mdms.records.console.ClinicalPages.NewVisit;
import org.mdms.records.console.ClinicalPages.VisitForms;
import org.mdms.records.visit.Visit;
import org.mdms.records.visit.VisitDtos.VisitClose;
import org.mdms.records.visit.VisitDtos.VisitRequest;
import org.mdms.records.visit.VisitService;

import java.time.Instant;
import java.util.Set;

/**
 * A doctor opens a visit for a patient and a visit is closed, from the console: the same {@link VisitService} calls
 * and Bean Validation as {@code POST /api/v1/visits} and {@code POST /api/v1/visits/{id}/close}, with the signed-in
 * caller; the API's errors beside the fields they name.
 */
@Path("/ui")
@Produces(MediaType.TEXT_HTML)
public class VisitConsoleResource {

    private static final Set<String> OPEN_FIELDS = Set.of("type", "departmentId", "startedAt", "chiefComplaint");
    private static final Set<String> CLOSE_FIELDS = Set.of("endedAt", "diagnosis", "diagnosisCode");

    private final VisitService visits;
    private final ClinicalDesk desk;
    private final ConsoleLookups lookups;
    private final CurrentUser currentUser;
    private final ConsoleSession session;
    private final Validator validator;
    private final ConsoleShell shell;
    private final Times times;

    VisitConsoleResource(VisitService visits, ClinicalDesk desk, ConsoleLookups lookups, CurrentUser currentUser,
                         ConsoleSession session, Validator validator, ConsoleShell shell, ClinicalSettings settings) {
        this.visits = visits;
        this.desk = desk;
        this.lookups = lookups;
        this.currentUser = currentUser;
        this.session = session;
        this.validator = validator;
        this.shell = shell;
        this.times = new Times(settings.zone());
    }

    /** The form: the doctor is the caller, their department chosen; the patient as a search result shows them. */
    @GET
    @Path("/patients/{id}/visits/new")
    @RolesAllowed(Role.DOCTOR_)
    public Uni<TemplateInstance> openForm(@PathParam("id") long patientId, @Context RoutingContext rc) {
        Caller caller = currentUser.caller();
        return lookups.ownDepartment(caller).chain(department -> newVisit(patientId, ClinicalForm.empty()
                        .with("type", Visit.Type.OUTPATIENT.name())
                        .with("departmentId", department == null ? null : department.toString())
                        .with("startedAt", times.typed(Instant.now()))))
                .map(visit -> shell.page(ClinicalPages.newVisit(shell.of(rc), visit), rc));
    }

    /** As POST /api/v1/visits with the caller as the doctor: 303 to the new visit's page. */
    @POST
    @Path("/patients/{id}/visits")
    @RolesAllowed(Role.DOCTOR_)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> open(@PathParam("id") long patientId, @FormParam("type") String type,
                              @FormParam("departmentId") String departmentId,
                              @FormParam("startedAt") String startedAt,
                              @FormParam("chiefComplaint") String chiefComplaint,
                              @FormParam(ConsoleSession.CSRF_FIELD) String csrf, @Context RoutingContext rc) {
        session.checkCsrf(csrf, rc);
        Caller caller = currentUser.caller();
        ClinicalForm form = ClinicalForm.empty().with("type", type).with("departmentId", departmentId)
                .with("startedAt", startedAt).with("chiefComplaint", chiefComplaint);
        VisitRequest request = new VisitRequest(patientId, caller.staffId(), form.wholeNumber("departmentId"),
                form.choice("type", Visit.Type::valueOf), Visit.Status.OPEN, form.time("startedAt", times.zone()),
                null, form.text("chiefComplaint"), null, null);
        if (form.reject(validator.validate(request)).hasErrors()) {
            return openAgain(patientId, form, 400, rc);
        }
        return Uni.createFrom().deferred(() -> visits.create(request, caller))
                .map(opened -> shell.seeOther("/ui/visits/" + opened.id()))
                .onFailure(DomainException.class).recoverWithUni(e -> {
                    DomainException refused = (DomainException) e;
                    if (refused.status() == 403 || refused.status() == 404) {
                        return Uni.createFrom().failure(refused);
                    }
                    return openAgain(patientId, form.reject(refused, OPEN_FIELDS), refused.status(), rc);
                });
    }

    /** As POST /api/v1/visits/{id}/close: only an OPEN visit (409 beside the form otherwise). */
    @POST
    @Path("/visits/{id}/close")
    @RolesAllowed({Role.ADMIN_, Role.DOCTOR_, Role.NURSE_})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> close(@PathParam("id") long id, @FormParam("endedAt") String endedAt,
                               @FormParam("diagnosis") String diagnosis,
                               @FormParam("diagnosisCode") String diagnosisCode,
                               @FormParam(ConsoleSession.CSRF_FIELD) String csrf, @Context RoutingContext rc) {
        session.checkCsrf(csrf, rc);
        Caller caller = currentUser.caller();
        ClinicalForm form = ClinicalForm.empty().with("endedAt", endedAt).with("diagnosis", diagnosis)
                .with("diagnosisCode", diagnosisCode);
        VisitClose request = new VisitClose(form.time("endedAt", times.zone()), form.text("diagnosis"),
                form.text("diagnosisCode"));
        if (form.reject(validator.validate(request)).hasErrors()) {
            return closeAgain(id, form, 400, rc);
        }
        return Uni.createFrom().deferred(() -> visits.close(id, request, caller))
                .map(closed -> shell.seeOther("/ui/visits/" + id))
                .onFailure(DomainException.class).recoverWithUni(e -> {
                    DomainException refused = (DomainException) e;
                    if (refused.status() == 403 || refused.status() == 404) {
                        return Uni.createFrom().failure(refused);
                    }
                    return closeAgain(id, form.reject(refused, CLOSE_FIELDS), refused.status(), rc);
                });
    }

    private Uni<NewVisit> newVisit(long patientId, ClinicalForm form) {
        return lookups.livingPatient(patientId).chain(patient -> lookups.departments()
                .map(departments -> new NewVisit(patient.getId(), patient.getName(), patient.getMrn(),
                        departments, form)));
    }

    private Uni<Response> openAgain(long patientId, ClinicalForm form, int status, RoutingContext rc) {
        return newVisit(patientId, form).map(visit -> shell.html(status, ClinicalPages.newVisit(shell.of(rc),
                visit), rc));
    }

    private Uni<Response> closeAgain(long id, ClinicalForm form, int status, RoutingContext rc) {
        ClinicalForm fresh = ClinicalForm.empty();
        return desk.visit(id, currentUser.caller()).map(visit -> shell.html(status, ClinicalPages.visit(shell.of(rc),
                times, visit, new VisitForms(fresh.with("performedAt", times.typed(Instant.now())),
                        ClinicalForm.empty().with("measuredAt", times.typed(Instant.now())), null,
                        ClinicalForm.empty(), form)), rc));
    }
}
