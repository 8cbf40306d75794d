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
 * How the clinical pages answer, as ConsoleResource does: pages in the caller's language with the layout's shell,
 * failures as pages (never JSON), an ended session back to sign-in.
 */
@ApplicationScoped
public class ConsoleAnswers {

    private final CurrentUser currentUser;
    private final ConsoleSession session;
    private final ConsoleMessages en;
    private final ConsoleMessages zh;

    ConsoleAnswers(CurrentUser currentUser, ConsoleSession session, @Localized("en") ConsoleMessages en,
                   ConsoleMessages zh) {
        this.currentUser = currentUser;
        this.session = session;
        this.en = en;
        this.zh = zh;
    }

    public Pages.Shell shell(RoutingContext rc) {
        return new Pages.Shell(currentUser.caller(), currentUser.displayName(), session.csrfToken(rc),
                session.locale(rc));
    }

    public TemplateInstance page(TemplateInstance template, RoutingContext rc) {
        return template.setLocale(session.locale(rc));
    }

    public ConsoleMessages words(RoutingContext rc) {
        return Locale.ENGLISH.getLanguage().equals(session.locale(rc).getLanguage()) ? en : zh;
    }

    /** A page with a status other than 200: a form that comes back with its errors. */
    public Response html(int status, TemplateInstance page) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE).entity(page.render()).build();
    }

    public Response seeOther(String path) {
        return Response.seeOther(URI.create(path)).build();
    }

    /** A refusal of the API's services as a page: its status, a title in the caller's words and the API's detail. */
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
        return errorPage(e.status(), title, e.getMessage(), rc);
    }

    public Response forbidden(RoutingContext rc) {
        return errorPage(403, words(rc).forbidden(), null, rc);
    }

    public Response backToSignIn(RoutingContext rc) {
        String target = session.hasSessionCookie(rc) ? "/ui/sign-in?ended=1" : "/ui/sign-in";
        if (rc.request().getHeader("HX-Request") != null) {
            // htmx would swap a redirect's page into the fragment: ask it to load the sign-in page instead
            return Response.ok().header("HX-Redirect", target).cookie(session.cleared(rc)).build();
        }
        return Response.seeOther(URI.create(target)).cookie(session.cleared(rc)).build();
    }

    private Response errorPage(int status, String title, String detail, RoutingContext rc) {
        // only an identity already resolved for this request (reading it now would block the event loop)
        Pages.Shell shell = rc.user() != null && currentUser.isSignedIn() ? shell(rc)
                : new Pages.Shell(null, null, session.csrfToken(rc), session.locale(rc));
        return html(status, page(Pages.error(shell, status, title, detail), rc));
    }
}
