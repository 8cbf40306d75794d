package org.mdms.common;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Locale;

/**
 * A client that lists only {@code application/problem+json} in Accept (generated clients do, for an operation whose
 * error responses are declared first) says how it reads errors, not that it refuses the operation's answer: it also
 * gets the answer's own media type (JSON, CSV, an image) instead of a 406. A client that lists {@code text/plain}
 * but no JSON gets a record as JSON (RFC 9110 §12.5.1 lets the server disregard Accept), as in all three services;
 * an operation that produces text still answers text. Any other Accept is negotiated as sent. One filter for the
 * three services (mdms-common).
 */
public class ProblemAccept {

    @ServerRequestFilter(preMatching = true)
    public void alsoAcceptTheAnswer(ContainerRequestContext request) {
        String accept = request.getHeaderString(HttpHeaders.ACCEPT);
        if (accept == null) {
            return;
        }
        String listed = accept.toLowerCase(Locale.ROOT);
        if (listed.contains("*/*") || listed.contains("application/json")) {
            return;
        }
        if (listed.contains("application/problem+json")) {
            request.getHeaders().putSingle(HttpHeaders.ACCEPT, accept + ", */*;q=0.1");
        } else if (listed.contains("text/plain")) {
            request.getHeaders().putSingle(HttpHeaders.ACCEPT, accept + ", application/json;q=0.1");
        }
    }
}
