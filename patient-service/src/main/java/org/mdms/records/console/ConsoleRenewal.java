package org.mdms.records.console;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.mdms.common.DomainException;
import org.mdms.common.console.ConsoleSession;
import org.mdms.records.auth.TokenService;
import org.mdms.records.auth.TokenService.IssuedToken;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Renews the console's session when its access token has run out: the refresh token in the cookie mdms_refresh (sent
 * only here) is rotated exactly as POST /api/v1/auth/refresh does (single use, reuse ends the session, revocation
 * respected), the two cookies are set again and the browser goes back to the page it wanted. A refused or missing
 * refresh token clears both cookies and goes to sign-in, which returns to that page. The three services' pages send
 * a refused session here ({@link ConsoleSession#toRenewal}). Only the refresh token of the session the session cookie
 * names is used, so cookies of two sign-ins in one browser renew neither.
 */
@Path(ConsoleSession.RENEW_PATH)
public class ConsoleRenewal {

    private final TokenService tokens;
    private final ConsoleSession session;
    private final ConsoleReturn returns;

    ConsoleRenewal(TokenService tokens, ConsoleSession session, ConsoleReturn returns) {
        this.tokens = tokens;
        this.session = session;
        this.returns = returns;
    }

    @GET
    @PermitAll
    public Uni<Response> renew(@QueryParam("next") String next,
                               @CookieParam(ConsoleSession.SESSION_COOKIE) String accessToken,
                               @CookieParam(ConsoleSession.REFRESH_COOKIE) String refreshToken,
                               @HeaderParam(HttpHeaders.ACCEPT) String accept,
                               @Context RoutingContext rc) {
        if (accept != null && accept.strip().startsWith(MediaType.APPLICATION_JSON)) {
            return renewForScript(accessToken, refreshToken, rc);
        }
        String back = returns.check(next, rc);
        String sid = sessionOf(accessToken);
        if (refreshToken == null || refreshToken.isEmpty() || sid == null) {
            return Uni.createFrom().item(toSignIn(back, rc));
        }
        return tokens.refresh(refreshToken, sid)
                .map(issued -> signedIn(session, issued, back, rc))
                .onFailure(e -> e instanceof DomainException refused && refused.status() == 401)
                .recoverWithItem(() -> toSignIn(back, rc));
    }

    /**
     * A form posted after the access token ran out, sent here with 307 ({@link ConsoleSession#toRenewal}), its body
     * unread: renewed, the browser is sent back with 307 to {@code next}, the form's address, and posts the same form
     * again with the new session cookie. Refused, sign-in (with the page that showed the form, from Referer). No CSRF
     * check here: the refresh cookie is SameSite=Strict, so another site's form cannot make this rotate anything, and
     * the form posted again is checked by its own page.
     */
    @POST
    @PermitAll
    public Uni<Response> renewAndPostAgain(@QueryParam("next") String next,
                                           @CookieParam(ConsoleSession.SESSION_COOKIE) String accessToken,
                                           @CookieParam(ConsoleSession.REFRESH_COOKIE) String refreshToken,
                                           @Context RoutingContext rc) {
        String form = returns.check(next, rc);
        String page = returns.check(rc.request().getHeader("Referer"), rc);
        String sid = sessionOf(accessToken);
        if (form == null || refreshToken == null || refreshToken.isEmpty() || sid == null) {
            return Uni.createFrom().item(toSignIn(page, rc));
        }
        return tokens.refresh(refreshToken, sid)
                .map(issued -> withCookies(Response.temporaryRedirect(URI.create(form)), session, issued, rc))
                .onFailure(e -> e instanceof DomainException refused && refused.status() == 401)
                .recoverWithItem(() -> toSignIn(page, rc));
    }

    /**
     * The same renewal for a page's script (Accept: application/json, as live.js asks when its event stream was
     * refused): 204 with the new cookies, or 401 with both cookies cleared (the page then reloads, to sign-in).
     */
    private Uni<Response> renewForScript(String accessToken, String refreshToken, RoutingContext rc) {
        String sid = sessionOf(accessToken);
        Response refused = Response.status(401).cookie(session.cleared(rc), session.refreshCleared(rc)).build();
        if (refreshToken == null || refreshToken.isEmpty() || sid == null) {
            return Uni.createFrom().item(refused);
        }
        return tokens.refresh(refreshToken, sid)
                .map(issued -> withCookies(Response.noContent(), session, issued, rc))
                .onFailure(e -> e instanceof DomainException failed && failed.status() == 401)
                .recoverWithItem(refused);
    }

    /**
     * The sign-in session (sid) the session cookie names. Read without checking the signature (the token has usually
     * expired): it only narrows which refresh token may be used, so a forged value can do no more than be refused.
     */
    static String sessionOf(String accessToken) {
        if (accessToken == null) {
            return null;
        }
        String[] parts = accessToken.split("\\.");
        try {
            Object sid = parts.length == 3
                    ? new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8))
                    .getValue(TokenService.SESSION_CLAIM)
                    : null;
            return sid instanceof String value && !value.isEmpty() ? value : null;
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    /**
     * After a sign-in or a renewal: back to the page (home without one) with the session and refresh cookies, both
     * as long as the sign-in can be renewed (the access token inside expires sooner).
     */
    static Response signedIn(ConsoleSession session, IssuedToken issued, String back, RoutingContext rc) {
        return withCookies(Response.seeOther(URI.create(back == null ? "/ui/home" : back)), session, issued, rc);
    }

    private static Response withCookies(Response.ResponseBuilder answer, ConsoleSession session, IssuedToken issued,
                                        RoutingContext rc) {
        Duration lifetime = Duration.ofSeconds(issued.refreshExpiresInSeconds());
        return answer.cookie(session.session(issued.accessToken(), lifetime, rc),
                session.refresh(issued.refreshToken(), lifetime, rc)).build();
    }

    private Response toSignIn(String back, RoutingContext rc) {
        String target = "/ui/sign-in?ended=1" + (back == null ? "" : "&next=" + URLEncoder.encode(back,
                StandardCharsets.UTF_8));
        return Response.seeOther(URI.create(target)).cookie(session.cleared(rc), session.refreshCleared(rc)).build();
    }
}
