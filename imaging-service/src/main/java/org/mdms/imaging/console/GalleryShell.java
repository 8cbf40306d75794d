package org.mdms.imaging.console;

import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.mdms.common.DomainException;
import org.mdms.common.console.ConsoleSession;
import org.mdms.imaging.patient.Caller;

import java.net.URI;
import java.util.Locale;

/**
 * What every console page class of this service needs: the layout's shell, the page's language, and failures as
 * pages (an ended session back to patient-service's sign-in, a refusal as an error page in the page's language),
 * which the service's one error mapper asks for every failure under {@code /ui}.
 */
@ApplicationScoped
public class GalleryShell {

    private final JsonWebToken jwt;
    private final SecurityIdentity identity;
    private final ConsoleSession session;
    private final ConsoleConfig config;
    private final GalleryMessages en;
    private final GalleryMessages zh;

    GalleryShell(JsonWebToken jwt, SecurityIdentity identity, ConsoleSession session, ConsoleConfig config,
                 @Localized("en") GalleryMessages en, GalleryMessages zh) {
        this.jwt = jwt;
        this.identity = identity;
        this.session = session;
        this.config = config;
        this.en = en;
        this.zh = zh;
    }

    /** Whether a failure of this request becomes a console page rather than problem+json. */
    public static boolean isConsole(RoutingContext rc) {
        if (rc == null) {
            return false;
        }
        String path = rc.normalizedPath();
        return path.equals("/ui") || path.startsWith("/ui/");
    }

    boolean uploadsFor(Caller caller, long patientId) {
        return GalleryPages.uploadsFor(caller, patientId);
    }

    Caller caller() {
        return Caller.of(jwt);
    }

    GalleryPages.Shell of(RoutingContext rc) {
        return new GalleryPages.Shell(caller(), session.csrfToken(rc), session.locale(rc), config.patientUrl());
    }

    TemplateInstance page(TemplateInstance template, RoutingContext rc) {
        return template.setLocale(session.locale(rc));
    }

    Response html(int status, TemplateInstance template, RoutingContext rc) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE).entity(page(template, rc).render()).build();
    }

    GalleryMessages words(RoutingContext rc) {
        return Locale.ENGLISH.getLanguage().equals(session.locale(rc).getLanguage()) ? en : zh;
    }

    /**
     * No session: to patient-service's sign-in. A session cookie whose token is refused (expired, revoked, forged):
     * through patient-service's renewal, which comes back here with a new token or goes to sign-in.
     */
    public Response backToSignIn(RoutingContext rc) {
        if (session.hasSessionCookie(rc)) {
            return session.toRenewal(config.patientUrl(), rc);
        }
        String target = config.patientUrl() + "/ui/sign-in";
        if (rc.request().getHeader("HX-Request") != null) {
            // htmx would swap a redirect's page into the tile: ask it to load the sign-in page instead
            return Response.ok().header("HX-Redirect", target).build();
        }
        return Response.seeOther(URI.create(target)).build();
    }

    public Response forbidden(RoutingContext rc) {
        return errorPage(403, words(rc).forbidden(), null, rc);
    }

    public Response refused(DomainException e, RoutingContext rc) {
        if (e instanceof ConsoleSession.CsrfRefused) {
            GalleryMessages words = words(rc);
            return errorPage(403, words.forbidden(), words.csrf_refused(), rc);
        }
        return failed(e.status(), e.getMessage(), rc);
    }

    /** A refusal under /ui as an error page in the page's language (the API's problem detail beneath the title). */
    public Response failed(int status, String detail, RoutingContext rc) {
        GalleryMessages words = words(rc);
        String title = switch (status) {
            case 403 -> words.forbidden();
            case 404 -> words.not_found();
            case 400 -> words.bad_request();
            default -> words.error();
        };
        return errorPage(status, title, detail, rc);
    }

    private Response errorPage(int status, String title, String detail, RoutingContext rc) {
        // only an identity already resolved for this request (resolving it now would block the event loop)
        GalleryPages.Shell shell = rc.user() != null && !identity.isAnonymous() ? of(rc)
                : new GalleryPages.Shell(null, session.csrfToken(rc), session.locale(rc), config.patientUrl());
        return html(status, GalleryPages.error(shell, status, title, detail), rc);
    }
}
