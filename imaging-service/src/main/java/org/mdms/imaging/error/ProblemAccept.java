package org.mdms.imaging.error;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A client that lists only {@code application/problem+json} in Accept (generated clients do, for an operation whose
 * error responses are declared first) says how it reads errors, not that it refuses the operation's answer: it also
 * gets the answer's own media type (JSON, CSV, an image) instead of a 406. Any other Accept is negotiated as sent.
 */
public class ProblemAccept {

    @ServerRequestFilter(preMatching = true)
    public void alsoAcceptTheAnswer(ContainerRequestContext request) {
        String accept = request.getHeaderString(HttpHeaders.ACCEPT);
        if (accept != null && accept.contains("application/problem+json") && !accept.contains("*/*")
                && !accept.contains("application/json")) {
            request.getHeaders().putSingle(HttpHeaders.ACCEPT, accept + ", */*;q=0.1");
        }
    }
}
