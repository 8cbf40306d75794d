package org.mdms.analytics.console;

import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.Response;
import org.mdms.common.console.ConsoleSession;

import java.net.URI;

/** A page asked without a valid session goes to patient-service's sign-in (an ended session says so there). */
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
        // an expired or revoked session: the cookie (Path=/, shared with patient-service) goes too
        return Response.seeOther(URI.create(config.patientUrl() + "/ui/sign-in?ended=1"))
                .cookie(session.cleared(rc)).build();
    }
}
