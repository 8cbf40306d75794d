package org.mdms.records.console;

import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
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
import org.mdms.records.auth.CurrentUser;
import org.mdms.records.auth.Role;
import org.mdms.records.auth.TokenService;
import org.mdms.records.common.TooManyAttempts;
import org.mdms.records.patient.PatientRepository;
import org.mdms.records.patient.PatientResource;
import org.mdms.records.patient.PatientService;

import java.net.URI;

/**
 * The console's pages (server-rendered, under /ui): sign-in and sign-out, home, patient search and the patient chart.
 * Each page calls the same service as the API, with the signed-in caller, so it sees exactly what the API shows them.
 */
@Path("/ui")
@Produces(MediaType.TEXT_HTML)
public class ConsoleResource {

    private final TokenService tokens;
    private final ConsoleReturn returns;
    private final PatientService patients;
    private final PatientChart charts;
    private final CurrentUser currentUser;
    private final ConsoleSession session;
    private final ConsoleShell shell;

    ConsoleResource(TokenService tokens, ConsoleReturn returns, PatientService patients, PatientChart charts,
                    CurrentUser currentUser, ConsoleSession session, ConsoleShell shell) {
        this.tokens = tokens;
        this.returns = returns;
        this.patients = patients;
        this.charts = charts;
        this.currentUser = currentUser;
        this.session = session;
        this.shell = shell;
    }

    @GET
    @PermitAll
    public Response root() {
        return seeOther("/ui/home");
    }

    @GET
    @Path("/sign-in")
    @PermitAll
    public TemplateInstance signInForm(@QueryParam("ended") String ended, @QueryParam("next") String next,
                                       @Context RoutingContext rc) {
        String notice = ended == null ? null : shell.words(rc).session_ended();
        return shell.page(Pages.signIn(anonymous(rc), null, notice, returns.check(next, rc)), rc);
    }

    /** The same sign-in as POST /api/v1/auth/login: throttling, lockout, disabled accounts and audit. */
    @POST
    @Path("/sign-in")
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> signIn(@FormParam("username") String username, @FormParam("password") String password,
                                @FormParam("next") String next, @FormParam(ConsoleSession.CSRF_FIELD) String csrf,
                                @Context RoutingContext rc) {
        session.checkCsrf(csrf, rc);
        ConsoleMessages words = shell.words(rc);
        String name = username == null ? "" : username.strip();
        String back = returns.check(next, rc);
        if (name.isEmpty() || password == null || password.isEmpty()) {
            String missing = name.isEmpty() ? words.username() : words.password();
            return Uni.createFrom().item(form(name, words.required(missing), back, 400, rc));
        }
        String client = rc.request().remoteAddress() == null ? "unknown" : rc.request().remoteAddress().hostAddress();
        // deferred: a client already throttled is refused before login() returns a Uni, and must get the form too
        return Uni.createFrom().deferred(() -> tokens.login(name, password, client))
                .map(issued -> ConsoleRenewal.signedIn(session, issued, back, rc))
                .onFailure(TooManyAttempts.class).recoverWithItem(e -> Response.fromResponse(form(name,
                                words.too_many_attempts(((TooManyAttempts) e).retryAfterSeconds()), back, 429, rc))
                        .header("Retry-After", ((TooManyAttempts) e).retryAfterSeconds()).build())
                .onFailure(e -> e instanceof DomainException refused && refused.status() == 401)
                .recoverWithItem(() -> form(name, words.bad_credentials(), back, 401, rc));
    }

    /** Ends the session as POST /api/v1/auth/logout does (its access tokens are refused from now on). */
    @POST
    @Path("/sign-out")
    @RolesAllowed({Role.ADMIN_, Role.DOCTOR_, Role.NURSE_, Role.PHARMACIST_, Role.TECHNICIAN_, Role.ANALYST_,
            Role.PATIENT_})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> signOut(@FormParam(ConsoleSession.CSRF_FIELD) String csrf, @Context RoutingContext rc) {
        session.checkCsrf(csrf, rc);
        String sid = currentUser.sessionId();
        Uni<Void> ended = sid == null ? Uni.createFrom().voidItem() : tokens.logoutSession(sid);
        return ended.map(done -> Response.seeOther(URI.create("/ui/sign-in"))
                .cookie(session.cleared(rc), session.refreshCleared(rc)).build());
    }

    @GET
    @Path("/home")
    @RolesAllowed({Role.ADMIN_, Role.DOCTOR_, Role.NURSE_, Role.PHARMACIST_, Role.TECHNICIAN_, Role.ANALYST_,
            Role.PATIENT_})
    public TemplateInstance home(@Context RoutingContext rc) {
        return shell.page(Pages.home(shell.of(rc)), rc);
    }

    /** Search by name prefix or exact MRN, phone or ID number (the API's `search`); htmx gets only the result list. */
    @GET
    @Path("/patients")
    @RolesAllowed({Role.ADMIN_, Role.DOCTOR_, Role.NURSE_, Role.PHARMACIST_, Role.TECHNICIAN_})
    public Uni<TemplateInstance> patients(@QueryParam("q") String q, @QueryParam("page") String page,
                                          @QueryParam("deleted") boolean deleted,
                                          @HeaderParam("HX-Request") String htmx,
                                          @HeaderParam("HX-History-Restore-Request") String restore,
                                          @Context RoutingContext rc) {
        String query = q == null ? "" : q.strip();
        if (query.length() > 100) {
            throw DomainException.invalid("q", "at most 100 characters");
        }
        boolean fragment = htmx != null && restore == null;
        Pages.Shell view = shell.of(rc);
        if (query.isEmpty()) {
            return Uni.createFrom().item(shell.page(fragment ? Pages.patients$results(view, query, null)
                    : Pages.patients(view, query, null), rc));
        }
        PageRequest paging = PageRequest.of(pageNumber(page), 20, null, PatientResource.SORTABLE, "name");
        // deleted patients only when an admin asks (the API refuses anyone else with 403, as here)
        return patients.search(new PatientRepository.Criteria(query, null, null, null, null, deleted), paging,
                        currentUser.caller())
                .map(found -> new Pages.Results(query, found, deleted))
                .map(results -> shell.page(fragment ? Pages.patients$results(view, query, results)
                        : Pages.patients(view, query, results), rc));
    }

    @GET
    @Path("/patients/{id}")
    @RolesAllowed({Role.ADMIN_, Role.DOCTOR_, Role.NURSE_, Role.PHARMACIST_, Role.TECHNICIAN_, Role.PATIENT_})
    public Uni<TemplateInstance> chart(@PathParam("id") long id, @Context RoutingContext rc) {
        return charts.open(id, currentUser.caller()).map(chart -> shell.page(Pages.chart(shell.of(rc), chart), rc));
    }

    private Response form(String username, String error, String next, int status, RoutingContext rc) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE)
                .entity(shell.page(Pages.signIn(anonymous(rc), username, error, next), rc).render()).build();
    }

    private Pages.Shell anonymous(RoutingContext rc) {
        return new Pages.Shell(null, null, session.csrfToken(rc), session.locale(rc));
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

    private static Response seeOther(String path) {
        return Response.seeOther(URI.create(path)).build();
    }
}
