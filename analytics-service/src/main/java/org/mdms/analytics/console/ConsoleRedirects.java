package org.mdms.analytics.console;

import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.Response;
import org.mdms.common.console.ConsoleSession;

import java.net.URI;

/**
 * A page asked without a session goes to patient-service's sign-in; with a session whose token is refused (expired,
 * revoked) through patient-service's renewal, which comes back here or ends at sign-in (saying the session ended).
 */
public final class ConsoleRedirects {

    private ConsoleRedirects() {
    }

    public static boolean isConsole(String path) {
        return path.equals("/ui") || path.startsWith("/ui/");
    }

    public static Response toSignIn(ConsoleConfig config, ConsoleSession session, RoutingContext rc) {
        if (!session.hasSessionCookie(rc)) {
            return Response.seeOther(URI.create(config.patientUrl() + "/ui/sign-in")).build();
        }
        // an expired or revoked session: patient-service's renewal comes back here with a new token, or signs in
        return session.toRenewal(config.patientUrl(), rc);
    }
}
