package org.mdms.records.console;

import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.mdms.common.DomainException;
import org.mdms.common.console.ConsoleSession;
import org.mdms.records.auth.CurrentUser;

import java.net.URI;
import java.util.Locale;

/**
 * What every console page class needs: the layout's shell, the page's language, and failures as pages (an ended
 * session back to sign-in, a refusal as an error page in the page's language), which the service's one error mapper
 * asks for every failure under {@code /ui}.
 */
@ApplicationScoped
public class ConsoleShell {

    private final CurrentUser currentUser;
    private final ConsoleSession session;
    private final ConsoleMessages en;
    private final ConsoleMessages zh;

    ConsoleShell(CurrentUser currentUser, ConsoleSession session, @Localized("en") ConsoleMessages en,
                 ConsoleMessages zh) {
        this.currentUser = currentUser;
        this.session = session;
        this.en = en;
        this.zh = zh;
    }

    Pages.Shell of(RoutingContext rc) {
        return new Pages.Shell(currentUser.caller(), currentUser.displayName(), session.csrfToken(rc),
                session.locale(rc));
    }

    TemplateInstance page(TemplateInstance template, RoutingContext rc) {
        return template.setLocale(session.locale(rc));
    }

    Response html(int status, TemplateInstance template, RoutingContext rc) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE).entity(page(template, rc).render()).build();
    }

    boolean english(RoutingContext rc) {
        return Locale.ENGLISH.getLanguage().equals(session.locale(rc).getLanguage());
    }

    ConsoleMessages words(RoutingContext rc) {
        return english(rc) ? en : zh;
    }

    Response seeOther(String path) {
        return Response.seeOther(URI.create(path)).build();
    }

    /** Whether a failure of this request becomes a console page rather than problem+json ({@code null}: never). */
    public static boolean isConsole(RoutingContext rc) {
        if (rc == null) {
            return false;
        }
        String path = rc.normalizedPath();
        return path.equals("/ui") || path.startsWith("/ui/");
    }

    /**
     * No session: to sign-in. A session cookie whose token is refused (expired, revoked, forged): to the renewal,
     * which uses the refresh token or, failing that, goes to sign-in with the page the user wanted.
     */
    public Response backToSignIn(RoutingContext rc) {
        if (session.hasSessionCookie(rc)) {
            return session.toRenewal("", rc);
        }
        if (rc.request().getHeader("HX-Request") != null) {
            // htmx would swap a redirect's page into the fragment: ask it to load the sign-in page instead
            return Response.ok().header("HX-Redirect", "/ui/sign-in").build();
        }
        return Response.seeOther(URI.create("/ui/sign-in")).build();
    }

    public Response forbidden(RoutingContext rc) {
        ConsoleMessages words = words(rc);
        return errorPage(403, words.forbidden(), english(rc) ? null : words.problem_forbidden(), rc);
    }

    public Response refused(DomainException e, RoutingContext rc) {
        ConsoleMessages words = words(rc);
        if (e instanceof ConsoleSession.CsrfRefused) {
            return errorPage(403, words.forbidden(), words.csrf_refused(), rc);
        }
        String title = switch (e.status()) {
            case 403 -> words.forbidden();
            case 404 -> words.not_found();
            case 400, 422 -> words.bad_request();
            case 409 -> words.conflict();
            default -> words.error();
        };
        return errorPage(e.status(), title, ProblemText.detail(e, words, english(rc)), rc);
    }

    private Response errorPage(int status, String title, String detail, RoutingContext rc) {
        // only an identity already resolved for this request (reading it now would block the event loop)
        Pages.Shell shell = rc.user() != null && currentUser.isSignedIn() ? of(rc)
                : new Pages.Shell(null, null, session.csrfToken(rc), session.locale(rc));
        return html(status, Pages.error(shell, status, title, detail), rc);
    }
}
