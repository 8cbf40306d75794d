package org.mdms.imaging.support;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/**
 * Runs blocking work (image decoding, hashing, MinIO request preparation) on a worker thread and brings the result
 * back to the caller's Vert.x context, where Hibernate Reactive must continue.
 */
@ApplicationScoped
public class OffLoop {

    private final io.vertx.mutiny.core.Vertx vertx;

    OffLoop(io.vertx.mutiny.core.Vertx vertx) {
        this.vertx = vertx;
    }

    /** Blocking work on a worker thread; unordered so concurrent requests run in parallel. */
    public <T> Uni<T> run(Callable<T> work) {
        return vertx.executeBlocking(work, false);
    }

    /**
     * An asynchronous MinIO call: the request is prepared on a worker (the client reads and signs the payload
     * there), its completion arrives on an HTTP client thread and is moved back to the caller's context.
     */
    public <T> Uni<T> async(Callable<? extends CompletionStage<T>> call) {
        Executor back = contextExecutor();
        return run(call).onItem().transformToUni(stage -> Uni.createFrom().completionStage(stage))
                .onFailure().transform(OffLoop::unwrap)
                .emitOn(back);
    }

    /** Asynchronous work (e.g. Vert.x's HTTP client) whose outcome is moved back to the caller's context. */
    public <T> Uni<T> onCaller(java.util.function.Supplier<Uni<? extends T>> work) {
        Executor back = contextExecutor();
        return Uni.createFrom().deferred(work).emitOn(back);
    }

    private static Executor contextExecutor() {
        Context context = io.vertx.core.Vertx.currentContext();
        return context == null ? Runnable::run : task -> context.runOnContext(ignored -> task.run());
    }

    public static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }
}
