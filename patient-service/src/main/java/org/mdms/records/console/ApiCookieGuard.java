package org.mdms.records.console;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.mdms.records.common.Problem;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The session cookie belongs to the console's pages: the API reads with it (a page may show an image or a list), but
 * it never changes a record on the cookie alone. A change through /api needs the token in the Authorization header,
 * which another site's page cannot make a browser send; so a forged form or fetch can never write into a record
 * (cross-site request forgery), even in a browser that ignores SameSite.
 */
public class ApiCookieGuard {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> refuseChangesOnTheCookie(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/api/") || READS.contains(request.getMethod())
                || !request.getCookies().containsKey(ConsoleSession.SESSION_COOKIE)) {
            return Optional.empty();
        }
        String detail = "the console's session cookie does not authorise changes through the API: send the token"
                + " in the Authorization header";
        Problem body = new Problem("about:blank", "Forbidden", 403, detail, path, List.of());
        return Optional.of(Response.status(403).type(Problem.MEDIA_TYPE).entity(body).build());
    }
}
