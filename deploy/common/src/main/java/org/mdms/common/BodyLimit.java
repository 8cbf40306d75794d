package org.mdms.common;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A body over {@code quarkus.http.limits.max-body-size} is refused with a 413 problem+json like every other error;
 * Vert.x alone answers an empty 413. A declared Content-Length is refused before the body is read; a body that
 * grows past the limit while it is read (chunked) fails with 413, which the failure handler describes the same way.
 * All three services use this one class (mdms-common).
 */
@ApplicationScoped
public class BodyLimit {

    private final long limit;

    BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize limit) {
        this.limit = limit.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::refuseADeclaredOversize);
        router.route().order(Integer.MIN_VALUE).failureHandler(this::describeAnOversize);
    }

    private void refuseADeclaredOversize(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && isOver(length)) {
            answer(context);
            return;
        }
        context.next();
    }

    private void describeAnOversize(RoutingContext context) {
        if (context.statusCode() == 413 && !context.response().headWritten()) {
            answer(context);
            return;
        }
        context.next();
    }

    private boolean isOver(String length) {
        try {
            return Long.parseLong(length.trim()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private void answer(RoutingContext context) {
        JsonObject problem = new JsonObject()
                .put("type", "about:blank")
                .put("title", "Content Too Large")
                .put("status", 413)
                .put("detail", "the request body is larger than the " + limit + " bytes allowed")
                .put("instance", context.request().path());
        context.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(problem.encode());
    }
}
