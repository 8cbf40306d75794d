package org.mdms.records.auth;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.function.Supplier;

/**
 * bcrypt is deliberately slow, so hashing and checking run on a worker thread, never on the event loop; the result
 * comes back on the caller's Vert.x context so the reactive Hibernate session can carry on there.
 */
@ApplicationScoped
public class PasswordHasher {

    static final int COST = 10;

    /** Checked against when the user name is unknown, so that costs what a wrong password costs (same bcrypt cost). */
    private volatile String dummyHash;

    public Uni<String> hash(String password) {
        return offEventLoop(() -> hashNow(password));
    }

    public Uni<Boolean> matches(String password, String hash) {
        return offEventLoop(() -> BcryptUtil.matches(password, hash));
    }

    /** Made at start-up (and on first use in tests that skip it), never on the event loop of a request. */
    void onStart(@Observes StartupEvent event) {
        dummyHash();
    }

    public String dummyHash() {
        if (dummyHash == null) {
            dummyHash = hashNow(java.util.UUID.randomUUID().toString());
        }
        return dummyHash;
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
