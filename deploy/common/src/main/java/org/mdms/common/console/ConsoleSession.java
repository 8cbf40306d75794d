package org.mdms.common.console;

import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.mdms.common.DomainException;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The console's session cookie and CSRF rule.
 * <p>
 * Session: the access token itself, in an HttpOnly, SameSite=Strict cookie on Path=/ (so imaging and analytics can
 * read it under the same sign-in), Secure when the request came over https; smallrye-jwt reads it
 * ({@code mp.jwt.token.header=Cookie}) and still accepts {@code Authorization: Bearer} for API clients.
 * <p>
 * Renewal: the access token lives 15 minutes, the sign-in longer. patient-service also sets the refresh token in the
 * HttpOnly, SameSite=Strict cookie {@value #REFRESH_COOKIE}, sent only to its {@value #RENEW_PATH} (Path=/ui/session).
 * A console page that finds the session cookie but cannot accept its token (expired, revoked, forged) sends the browser
 * there with the page it wanted ({@link #toRenewal}; a form's POST with 307, so that it is posted again after the
 * renewal); patient-service rotates the refresh token as the API's refresh does and sends the browser back, or to
 * sign-in when the refresh token is refused. The session cookie therefore lives
 * as long as the refresh token (the token inside it still expires after 15 minutes).
 * <p>
 * CSRF: a double-submit token. {@link ConsoleFilter} gives every browser a random token in an HttpOnly,
 * SameSite=Strict cookie; each state-changing form carries it in a hidden field (or an X-CSRF-Token header for
 * htmx), and the two must match. Chosen over quarkus-rest-csrf because it also guards the sign-in form (no session
 * yet), needs no server state or shared key across replicas and services, and adds no pinned 3.34.2 extension.
 */
@ApplicationScoped
public class ConsoleSession {

    public static final String SESSION_COOKIE = "mdms_session";
    public static final String REFRESH_COOKIE = "mdms_refresh";
    public static final String RENEW_PATH = "/ui/session/renew";
    public static final String CSRF_FIELD = "csrf";
    private static final String REFRESH_PATH = "/ui/session";

    /**
     * Unset: the cookie belongs to the host that set it (the three local ports share it). Behind an Ingress with one
     * host per service (patient.mdms.example.org, imaging..., analytics...) set the parent domain (mdms.example.org),
     * MDMS_CONSOLE_COOKIE_DOMAIN, so the three accept one sign-in; the hosts stay one site for SameSite=Strict.
     */
    private final Optional<String> cookieDomain;

    ConsoleSession(@ConfigProperty(name = "mdms.console.cookie-domain") Optional<String> cookieDomain) {
        this.cookieDomain = cookieDomain.map(String::strip).filter(domain -> !domain.isEmpty());
    }

    public NewCookie session(String accessToken, Duration lifetime, RoutingContext rc) {
        return new NewCookie.Builder(SESSION_COOKIE).value(accessToken).path("/").domain(cookieDomain.orElse(null))
                .httpOnly(true).secure(https(rc)).sameSite(NewCookie.SameSite.STRICT)
                .maxAge((int) lifetime.toSeconds()).build();
    }

    public NewCookie cleared(RoutingContext rc) {
        return new NewCookie.Builder(SESSION_COOKIE).value("").path("/").domain(cookieDomain.orElse(null))
                .httpOnly(true).secure(https(rc)).sameSite(NewCookie.SameSite.STRICT).maxAge(0).build();
    }

    /** The refresh token, for patient-service's renewal only (its host, Path=/ui/session). */
    public NewCookie refresh(String refreshToken, Duration lifetime, RoutingContext rc) {
        return new NewCookie.Builder(REFRESH_COOKIE).value(refreshToken).path(REFRESH_PATH)
                .httpOnly(true).secure(https(rc)).sameSite(NewCookie.SameSite.STRICT)
                .maxAge((int) lifetime.toSeconds()).build();
    }

    public NewCookie refreshCleared(RoutingContext rc) {
        return new NewCookie.Builder(REFRESH_COOKIE).value("").path(REFRESH_PATH)
                .httpOnly(true).secure(https(rc)).sameSite(NewCookie.SameSite.STRICT).maxAge(0).build();
    }

    /**
     * A console request with the session cookie whose token was refused: to patient-service's renewal (at
     * {@code patientUrl}, empty for patient-service itself), which comes back to the page the user wanted: this page
     * for a GET, the page that was showing for htmx (HX-Current-URL). A form's POST goes there with 307, which makes
     * the browser post the same body to the renewal, and the renewal answers 307 back to this address: the form is
     * processed as it was submitted, with its CSRF field checked as ever, and what was typed is not lost.
     */
    public Response toRenewal(String patientUrl, RoutingContext rc) {
        if (rc.request().getHeader("HX-Request") == null && "POST".equals(rc.request().method().name())) {
            return Response.temporaryRedirect(URI.create(patientUrl + RENEW_PATH + "?next="
                    + URLEncoder.encode(rc.request().absoluteURI(), StandardCharsets.UTF_8))).build();
        }
        String wanted = wantedPage(rc);
        String target = patientUrl + RENEW_PATH
                + (wanted == null ? "" : "?next=" + URLEncoder.encode(wanted, StandardCharsets.UTF_8));
        if (rc.request().getHeader("HX-Request") != null) {
            // htmx would swap a redirect's page into the fragment: ask it to load the page instead
            return Response.ok().header("HX-Redirect", target).build();
        }
        return Response.seeOther(URI.create(target)).build();
    }

    private static String wantedPage(RoutingContext rc) {
        if (rc.request().getHeader("HX-Request") != null) {
            return rc.request().getHeader("HX-Current-URL");
        }
        String method = rc.request().method().name();
        if (method.equals("GET") || method.equals("HEAD")) {
            return rc.request().absoluteURI();
        }
        return rc.request().getHeader("Referer");
    }

    public boolean hasSessionCookie(RoutingContext rc) {
        var cookie = rc.request().getCookie(SESSION_COOKIE);
        return cookie != null && !cookie.getValue().isEmpty();
    }

    public String csrfToken(RoutingContext rc) {
        return rc.get(ConsoleFilter.CSRF_KEY);
    }

    public Locale locale(RoutingContext rc) {
        Locale locale = rc.get(ConsoleFilter.LOCALE_KEY);
        return locale == null ? Locale.CHINESE : locale;
    }

    /** Refuses (403) a state-changing request whose form field or header does not match the browser's CSRF cookie. */
    public void checkCsrf(String formToken, RoutingContext rc) {
        var cookie = rc.request().getCookie(ConsoleFilter.CSRF_COOKIE);
        String sent = formToken != null ? formToken : rc.request().getHeader("X-CSRF-Token");
        if (cookie == null || sent == null || !MessageDigest.isEqual(
                cookie.getValue().getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8))) {
            throw new CsrfRefused();
        }
    }

    private static boolean https(RoutingContext rc) {
        return "https".equalsIgnoreCase(rc.request().scheme());
    }

    /** A form without the browser's CSRF token: another site's form, or a page older than the cookie. */
    public static class CsrfRefused extends DomainException {
        CsrfRefused() {
            super(403, "Forbidden", "the form's CSRF token is missing or does not match", java.util.List.of());
        }
    }
}
