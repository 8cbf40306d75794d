package org.mdms.analytics.console;

import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.security.Authenticated;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.mdms.analytics.care.PatientCareApi;
import org.mdms.common.DomainException;
import org.mdms.common.console.ConsoleSession;

import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * The analytics dashboard (/ui/analytics) for analysts and admins. The page carries the pickers and empty charts;
 * its script (ui/assets/analytics.js) asks the same /api/v1 questions with the session cookie, so what it shows is
 * exactly what the API answers this caller. Sign-in lives in patient-service's console.
 */
@Path("/ui")
@Produces(MediaType.TEXT_HTML)
public class DashboardPage {

    private final PickerQueries pickers;
    private final PatientCareApi patients;
    private final JsonWebToken jwt;
    private final ConsoleSession session;
    private final ConsoleConfig config;
    private final DashboardMessages en;
    private final DashboardMessages zh;

    DashboardPage(PickerQueries pickers, @RestClient PatientCareApi patients, JsonWebToken jwt,
                  ConsoleSession session, ConsoleConfig config, @Localized("en") DashboardMessages en,
                  DashboardMessages zh) {
        this.pickers = pickers;
        this.patients = patients;
        this.jwt = jwt;
        this.session = session;
        this.config = config;
        this.en = en;
        this.zh = zh;
    }

    @GET
    @PermitAll
    public Response root() {
        return Response.seeOther(URI.create("/ui/analytics")).build();
    }

    @GET
    @Path("/analytics")
    @RolesAllowed({"ADMIN", "ANALYST"})
    public Uni<TemplateInstance> dashboard(@Context RoutingContext rc) {
        Pages.Shell shell = shell(rc);
        Pages.Defaults defaults = new Pages.Defaults(LocalDate.now(ZoneOffset.UTC));
        return pickers.choices().map(choices -> Pages.analytics(shell, choices, defaults).setLocale(shell.locale()));
    }

    /**
     * Sign-out from the dashboard: the CSP's form-action 'self' keeps the form on this service, which asks
     * patient-service to end the session (DELETE /api/v1/auth/session with the cookie's token, as its own sign-out
     * does), clears the cookie and goes to patient-service's sign-in.
     */
    @POST
    @Path("/sign-out")
    @Authenticated
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> signOut(@FormParam(ConsoleSession.CSRF_FIELD) String csrf, @Context RoutingContext rc) {
        session.checkCsrf(csrf, rc);
        return patients.endSession("Bearer " + jwt.getRawToken())
                // the cookie stays while the session could not be ended: signing out again must still be possible
                .onFailure().transform(e -> DomainException.unavailable("patient-service did not end the session; "
                        + "try again", e))
                .map(ended -> Response.seeOther(URI.create(config.patientUrl() + "/ui/sign-in"))
                        .cookie(session.cleared(rc)).build());
    }

    // --- failures become pages: no session goes to patient-service's sign-in, another role gets a 403 page

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, @Context RoutingContext rc) {
        return ConsoleRedirects.toSignIn(config, session, rc);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, @Context RoutingContext rc) {
        DashboardMessages words = words(rc);
        Pages.Shell shell = new Pages.Shell(null, null, session.csrfToken(rc), session.locale(rc),
                config.patientUrl());
        return Response.status(403).type(MediaType.TEXT_HTML_TYPE)
                .entity(Pages.error(shell, 403, words.forbidden(), words.dashboard_forbidden())
                        .setLocale(shell.locale()).render())
                .build();
    }

    @ServerExceptionMapper
    public Response refused(DomainException e, @Context RoutingContext rc) {
        DashboardMessages words = words(rc);
        Pages.Shell shell = new Pages.Shell(null, null, session.csrfToken(rc), session.locale(rc), config.patientUrl());
        String detail = e instanceof ConsoleSession.CsrfRefused ? words.csrf_refused() : e.getMessage();
        return Response.status(e.status()).type(MediaType.TEXT_HTML_TYPE)
                .entity(Pages.error(shell, e.status(), e.status() == 403 ? words.forbidden() : words.error(), detail)
                        .setLocale(shell.locale()).render())
                .build();
    }

    private Pages.Shell shell(RoutingContext rc) {
        String role = jwt.getGroups().contains("ADMIN") ? "ADMIN" : "ANALYST";
        Object name = jwt.getClaim("name");
        String displayName = name == null ? jwt.getName() : name.toString().replace("\"", "");
        return new Pages.Shell(displayName, role, session.csrfToken(rc), session.locale(rc), config.patientUrl());
    }

    private DashboardMessages words(RoutingContext rc) {
        return Locale.ENGLISH.getLanguage().equals(session.locale(rc).getLanguage()) ? en : zh;
    }
}
