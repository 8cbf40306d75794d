package org.mdms.records.console;

import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.mdms.common.DomainException;
import org.mdms.common.PageRequest;
import org.mdms.common.console.ConsoleSession;
import org.mdms.records.audit.AuditTrail;
import org.mdms.records.auth.CurrentUser;
import org.mdms.records.auth.Role;
import org.mdms.records.patient.PatientService;
import org.mdms.records.user.UserDtos.NewUser;
import org.mdms.records.user.UserDtos.PasswordChange;
import org.mdms.records.user.UserDtos.UserUpdate;
import org.mdms.records.user.UserResource;
import org.mdms.records.user.UserService;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The admin's console pages under /ui/admin: accounts (find, create, disable, unlock, set a password), the audit search,
 * and a patient's soft delete and restore with who opened the chart. Each action calls the same service as the API,
 * with the same rules and audit; forms are checked with the API's Bean Validation rules and refusals shown beside the
 * fields they name.
 */
@Path("/ui/admin")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Role.ADMIN_)
public class AdminConsoleResource {

    static final int PAGE_SIZE = 20;
    /** The newest chart openings shown on the chart; the audit search has the rest. */
    static final int OPENED_BY_SIZE = 10;
    private static final Set<String> DONE = Set.of("created", "disabled", "enabled", "unlocked", "password");

    /** The reason DELETE /api/v1/patients/{id}?reason= requires, with the same rules. */
    record DeletionReason(@NotBlank @Size(max = 500) String reason) {
    }

    private final UserService users;
    private final AuditTrail audit;
    private final PatientService patients;
    private final CurrentUser currentUser;
    private final ConsoleSession session;
    private final ConsoleShell shell;
    private final ConsoleValidation validation;

    AdminConsoleResource(UserService users, AuditTrail audit, PatientService patients, CurrentUser currentUser,
                         ConsoleSession session, ConsoleShell shell, ConsoleValidation validation) {
        this.users = users;
        this.audit = audit;
        this.patients = patients;
        this.currentUser = currentUser;
        this.session = session;
        this.shell = shell;
        this.validation = validation;
    }

    @GET
    public Response root() {
        return shell.seeOther("/ui/admin/users");
    }

    // --- accounts

    @GET
    @Path("/users")
    public Uni<TemplateInstance> users(@QueryParam("q") String q, @QueryParam("page") String page,
                                       @Context RoutingContext rc) {
        return usersPage(q, page, FormState.fresh(), rc);
    }

    /** Creates an account as POST /api/v1/users does (bcrypt, exact names, 409 when taken). */
    @POST
    @Path("/users")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> createUser(@FormParam("username") String username, @FormParam("password") String password,
                                    @FormParam("role") String role, @FormParam("displayName") String displayName,
                                    @FormParam(ConsoleSession.CSRF_FIELD) String csrf, @Context RoutingContext rc) {
        session.checkCsrf(csrf, rc);
        ConsoleMessages words = shell.words(rc);
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put("username", trim(username));
        typed.put("displayName", trim(displayName));
        typed.put("role", trim(role));
        typed.put("password", "");
        Role chosen = role(typed.get("role"));
        NewUser request = new NewUser(typed.get("username"), password, chosen, typed.get("displayName"));
        Map<String, String> invalid = new LinkedHashMap<>(validation.check(request, words));
        if (chosen == null && !typed.get("role").isEmpty()) {
            invalid.put("role", words.field_format());
        }
        FormState form = FormState.of(typed);
        if (!invalid.isEmpty()) {
            return usersPage(null, null, form.withErrors(invalid), rc).map(t -> shell.html(400, t, rc));
        }
        return users.create(request)
                .map(created -> shell.seeOther("/ui/admin/users/" + created.id() + "?done=created"))
                .onFailure(DomainException.class).recoverWithUni(e -> refusedForm((DomainException) e, rc,
                        messages -> usersPage(null, null, form.withErrors(messages), rc)));
    }

    @GET
    @Path("/users/{id}")
    public Uni<TemplateInstance> user(@PathParam("id") long id, @QueryParam("done") String done,
                                      @Context RoutingContext rc) {
        return userPage(id, done, FormState.fresh(), rc);
    }

    /** Disables or enables the account as PUT /api/v1/users/{id} does: disabling ends its sessions everywhere. */
    @POST
    @Path("/users/{id}/enabled")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> setEnabled(@PathParam("id") long id, @FormParam("enabled") String enabled,
                                    @FormParam(ConsoleSession.CSRF_FIELD) String csrf, @Context RoutingContext rc) {
        session.checkCsrf(csrf, rc);
        if (!"true".equals(enabled) && !"false".equals(enabled)) {
            throw DomainException.invalid("enabled", "must be true or false");
        }
        boolean enable = Boolean.parseBoolean(enabled);
        return users.get(id)
                .chain(user -> users.update(id, new UserUpdate(user.displayName(), enable, null), currentUser.caller()))
                .map(user -> shell.seeOther("/ui/admin/users/" + id + "?done=" + (enable ? "enabled" : "disabled")));
    }

    @POST
    @Path("/users/{id}/unlock")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> unlock(@PathParam("id") long id, @FormParam(ConsoleSession.CSRF_FIELD) String csrf,
                                @Context RoutingContext rc) {
        session.checkCsrf(csrf, rc);
        return users.unlock(id, currentUser.caller())
                .map(user -> shell.seeOther("/ui/admin/users/" + id + "?done=unlocked"));
    }

    /** Sets a new password as PUT /api/v1/users/{id}/password does: the account's sessions end. */
    @POST
    @Path("/users/{id}/password")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> setPassword(@PathParam("id") long id, @FormParam("password") String password,
                                     @FormParam(ConsoleSession.CSRF_FIELD) String csrf, @Context RoutingContext rc) {
        session.checkCsrf(csrf, rc);
        Map<String, String> invalid = validation.check(new PasswordChange(password), shell.words(rc));
        FormState form = FormState.of(Map.of("password", ""));
        if (!invalid.isEmpty()) {
            return userPage(id, null, form.withErrors(invalid), rc).map(t -> shell.html(400, t, rc));
        }
        return users.changePassword(id, password, currentUser.caller())
                .map(done -> shell.seeOther("/ui/admin/users/" + id + "?done=password"));
    }

    // --- audit

    /** Who did what, when, to which patient: GET /api/v1/audit's filters, newest first, 20 a page. */
    @GET
    @Path("/audit")
    public Uni<Response> audit(@QueryParam("username") String username, @QueryParam("action") String action,
                               @QueryParam("patientId") String patientId, @QueryParam("from") String from,
                               @QueryParam("to") String to, @QueryParam("page") String page,
                               @Context RoutingContext rc) {
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put("username", trim(username));
        typed.put("action", trim(action));
        typed.put("patientId", trim(patientId));
        typed.put("from", trim(from));
        typed.put("to", trim(to));
        FormState filters = FormState.of(typed);
        PageRequest paging = PageRequest.of(pageNumber(page), PAGE_SIZE, null, AuditTrail.SORTABLE, "occurredAt,desc");
        Long patient;
        try {
            patient = typed.get("patientId").isEmpty() ? null : Long.valueOf(typed.get("patientId"));
        } catch (NumberFormatException e) {
            return auditRefused(filters, DomainException.invalid("patientId", "must be a whole number"), rc);
        }
        AuditTrail.Criteria criteria = new AuditTrail.Criteria(patient, typed.get("username"), typed.get("action"),
                instant(typed.get("from")), instant(typed.get("to")));
        return Uni.createFrom().deferred(() -> audit.search(criteria, paging))
                .map(found -> shell.html(200, AdminPages.audit(shell.of(rc), new AdminPages.Audit(filters, found,
                        Pager.of(found, "/ui/admin/audit", typed)), AdminPages.ACTIONS), rc))
                .onFailure(e -> e instanceof DomainException refused && refused.status() == 400)
                .recoverWithUni(e -> auditRefused(filters, (DomainException) e, rc));
    }

    // --- a patient's soft delete and restore, and who opened the chart

    /** The admin's panel of the chart (htmx loads it into the chart; without htmx it is a page of its own). */
    @GET
    @Path("/patients/{id}")
    public Uni<TemplateInstance> patient(@PathParam("id") long id, @HeaderParam("HX-Request") String htmx,
                                         @Context RoutingContext rc) {
        return patientAdmin(id, FormState.fresh()).map(admin -> shell.page(htmx != null
                ? AdminPages.patient$panel(shell.of(rc), admin) : AdminPages.patient(shell.of(rc), admin), rc));
    }

    /** Soft delete with a reason, as DELETE /api/v1/patients/{id}?reason= (409 when already deleted). */
    @POST
    @Path("/patients/{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> deletePatient(@PathParam("id") long id, @FormParam("reason") String reason,
                                       @FormParam(ConsoleSession.CSRF_FIELD) String csrf, @Context RoutingContext rc) {
        session.checkCsrf(csrf, rc);
        DeletionReason request = new DeletionReason(reason == null ? null : reason.strip());
        Map<String, String> invalid = validation.check(request, shell.words(rc));
        if (!invalid.isEmpty()) {
            FormState form = new FormState(Map.of("reason", reason == null ? "" : reason), invalid);
            return patientAdmin(id, form).map(admin -> shell.html(400, AdminPages.patient(shell.of(rc), admin), rc));
        }
        return patients.delete(id, request.reason(), currentUser.caller())
                .map(deleted -> shell.seeOther("/ui/patients/" + id));
    }

    /** Restore, as POST /api/v1/patients/{id}/restore (409 when not deleted). */
    @POST
    @Path("/patients/{id}/restore")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> restorePatient(@PathParam("id") long id, @FormParam(ConsoleSession.CSRF_FIELD) String csrf,
                                        @Context RoutingContext rc) {
        session.checkCsrf(csrf, rc);
        return patients.restore(id, currentUser.caller()).map(restored -> shell.seeOther("/ui/patients/" + id));
    }

    private Uni<TemplateInstance> usersPage(String q, String page, FormState form, RoutingContext rc) {
        String query = trim(q);
        if (query.length() > 100) {
            throw DomainException.invalid("q", "at most 100 characters");
        }
        PageRequest paging = PageRequest.of(pageNumber(page), PAGE_SIZE, null, UserResource.SORTABLE, "username");
        return users.search(query.isEmpty() ? null : query, null, paging)
                .map(found -> shell.page(AdminPages.users(shell.of(rc), new AdminPages.Users(query, found,
                        Pager.of(found, "/ui/admin/users", Map.of("q", query))), form, AdminPages.ROLES), rc));
    }

    private Uni<TemplateInstance> userPage(long id, String done, FormState password, RoutingContext rc) {
        String notice = done != null && DONE.contains(done) ? doneText(done, shell.words(rc)) : null;
        return users.get(id).map(user -> shell.page(AdminPages.user(shell.of(rc), user, password, notice), rc));
    }

    private Uni<AdminPages.PatientAdmin> patientAdmin(long id, FormState deletion) {
        PageRequest newest = PageRequest.of(0, OPENED_BY_SIZE, null, AuditTrail.SORTABLE, "occurredAt,desc");
        return patients.access(id, currentUser.caller())
                .chain(access -> audit.openedBy(id, newest)
                        .map(opened -> new AdminPages.PatientAdmin(access, deletion, opened)));
    }

    /** A service's refusal naming fields goes back to the form (400/409/422); any other becomes an error page. */
    private Uni<Response> refusedForm(DomainException e, RoutingContext rc,
                                      java.util.function.Function<Map<String, String>, Uni<TemplateInstance>> form) {
        if (e.errors().isEmpty() || (e.status() != 400 && e.status() != 409 && e.status() != 422)) {
            return Uni.createFrom().item(shell.refused(e, rc));
        }
        return form.apply(ProblemText.fields(e, shell.words(rc), shell.english(rc)))
                .map(t -> shell.html(e.status(), t, rc));
    }

    private Uni<Response> auditRefused(FormState filters, DomainException e, RoutingContext rc) {
        Map<String, String> messages = ProblemText.fields(e, shell.words(rc), shell.english(rc));
        PageRequest first = PageRequest.of(0, PAGE_SIZE, null, AuditTrail.SORTABLE, "occurredAt,desc");
        org.mdms.records.common.Page<AuditTrail.AuditEventView> nothing =
                org.mdms.records.common.Page.of(java.util.List.of(), first, 0);
        return Uni.createFrom().item(shell.html(400, AdminPages.audit(shell.of(rc), new AdminPages.Audit(
                filters.withErrors(messages), nothing, Pager.of(nothing, "/ui/admin/audit", Map.of())),
                AdminPages.ACTIONS), rc));
    }

    private static String doneText(String done, ConsoleMessages words) {
        return switch (done) {
            case "created" -> words.user_created();
            case "disabled" -> words.user_was_disabled();
            case "enabled" -> words.user_was_enabled();
            case "unlocked" -> words.user_was_unlocked();
            default -> words.user_password_set();
        };
    }

    /** A datetime-local value (yyyy-MM-ddTHH:mm, read as UTC) or a full ISO-8601 instant. */
    private static String instant(String value) {
        if (value.isEmpty() || value.endsWith("Z") || value.contains("+")) {
            return value;
        }
        return value.length() == 16 ? value + ":00Z" : value + "Z";
    }

    private static Role role(String value) {
        try {
            return value.isEmpty() ? null : Role.valueOf(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String trim(String value) {
        return value == null ? "" : value.strip();
    }

    private static int pageNumber(String page) {
        if (page == null || page.isBlank()) {
            return 0;
        }
        try {
            return Integer.parseInt(page.strip());
        } catch (NumberFormatException e) {
            throw DomainException.invalid("page", "must be a whole number, got '" + page + "'");
        }
    }
}
