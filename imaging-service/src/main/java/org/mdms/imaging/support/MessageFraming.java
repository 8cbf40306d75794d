package org.mdms.imaging.support;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * One framing per response (RFC 9112 section 6.3): streamed answers (image bytes, thumbnails, previews and their
 * problem+json) know their length and set Content-Length, while the streaming writer also turns on chunked
 * encoding; strict clients (Node's fetch, proxies) refuse a message carrying both. When the length is known we keep
 * it and send the body as is.
 */
@ApplicationScoped
public class MessageFraming {

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(MessageFraming::oneFraming);
    }

    private static void oneFraming(RoutingContext rc) {
        rc.addHeadersEndHandler(v -> {
            HttpServerResponse response = rc.response();
            if (response.headers().contains(HttpHeaders.CONTENT_LENGTH) && response.isChunked()) {
                response.setChunked(false);
            }
        });
        rc.next();
    }
}
