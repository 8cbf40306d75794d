package org.mdms.common.console;

import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.mdms.common.DomainException;

import java.util.Set;

/**
 * The session cookie belongs to the console's pages: the API reads with it (a page may show an image or a list), but
 * it never changes a record on the cookie alone. A change through /api that carries the cookie is refused: API
 * clients send the token in the Authorization header, which another site's page cannot make a browser send; so a
 * forged form or fetch can never write into a record (cross-site request forgery), even in a browser that ignores
 * SameSite. The console's own forms post to /ui, where a CSRF token is checked. Every service that reads the cookie
 * gets this rule from mdms-common.
 */
public class ApiCookieGuard {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    @ServerRequestFilter(preMatching = true)
    public void refuseChangesOnTheCookie(ContainerRequestContext request) {
        if (request.getUriInfo().getPath().startsWith("/api/") && !READS.contains(request.getMethod())
                && request.getCookies().containsKey(ConsoleSession.SESSION_COOKIE)) {
            throw DomainException.forbidden("the console's session cookie does not authorise changes through the"
                    + " API: send the token in the Authorization header");
        }
    }
}
