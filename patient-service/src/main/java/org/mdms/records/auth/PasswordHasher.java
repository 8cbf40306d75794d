package org.mdms.records.auth;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.function.Supplier;

/**
 * bcrypt is deliberately slow, so hashing and checking run on a worker thread, never on the event loop; the result
 * comes back on the caller's Vert.x context so the reactive Hibernate session can carry on there.
 */
@ApplicationScoped
public class PasswordHasher {

    static final int COST = 10;

    public Uni<String> hash(String password) {
        return offEventLoop(() -> hashNow(password));
    }

    public Uni<Boolean> matches(String password, String hash) {
        return offEventLoop(() -> BcryptUtil.matches(password, hash));
    }

    public static String hashNow(String password) {
        return BcryptUtil.bcryptHash(password, COST);
    }

    private static <T> Uni<T> offEventLoop(Supplier<T> work) {
        Context caller = Vertx.currentContext();
        Uni<T> result = Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        return caller == null ? result : result.emitOn(task -> caller.runOnContext(ignored -> task.run()));
    }
}
