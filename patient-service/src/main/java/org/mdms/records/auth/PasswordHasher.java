package org.mdms.records.auth;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;

/** bcrypt is deliberately slow, so hashing and checking run on a worker thread, never on the event loop. */
@ApplicationScoped
public class PasswordHasher {

    static final int COST = 10;

    public Uni<String> hash(String password) {
        return Uni.createFrom().item(() -> hashNow(password)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    public Uni<Boolean> matches(String password, String hash) {
        return Uni.createFrom().item(() -> matchesNow(password, hash))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    public static String hashNow(String password) {
        return BcryptUtil.bcryptHash(password, COST);
    }

    static boolean matchesNow(String password, String hash) {
        return BcryptUtil.matches(password, hash);
    }
}
