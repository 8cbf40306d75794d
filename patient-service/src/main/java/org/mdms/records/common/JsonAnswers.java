package org.mdms.records.common;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * A record is always answered as JSON. Without this, a client whose Accept lists only {@code application/problem+json}
 * or {@code text/plain} (generated clients do the first when an operation's error responses come first) got the
 * record's Java {@code toString()} as the body. The server may disregard Accept (RFC 9110 §12.5.1); it does so here
 * rather than leak a class name or answer 406 to a client that can read JSON.
 */
public class JsonAnswers {

    @ServerResponseFilter
    public void answerRecordsInJson(ContainerResponseContext response) {
        Object entity = response.getEntity();
        if (entity == null || entity instanceof CharSequence || entity instanceof byte[] || entity instanceof Problem) {
            return;
        }
        MediaType type = response.getMediaType();
        if (type != null && "application".equals(type.getType()) && "json".equals(type.getSubtype())) {
            return;
        }
        response.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
    }
}
