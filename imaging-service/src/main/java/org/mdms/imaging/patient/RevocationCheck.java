package org.mdms.imaging.patient;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Refuses a token patient-service has revoked (disabled account, new password or role, ended session), within
 * {@code mdms.patient.revocation-refresh}, and a token without the tv (token version) claim.
 */
@ApplicationScoped
public class RevocationCheck implements SecurityIdentityAugmentor {

    private final TokenRevocations revocations;

    RevocationCheck(TokenRevocations revocations) {
        this.revocations = revocations;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
        }
        long userId;
        int tokenVersion;
        Object session = jwt.getClaim("sid");
        try {
            userId = Long.parseLong(jwt.getSubject());
            tokenVersion = Integer.parseInt(String.valueOf((Object) jwt.getClaim("tv")).replace("\"", ""));
        } catch (RuntimeException missingOrMalformed) {
            return Uni.createFrom().failure(new AuthenticationFailedException("the token carries no token version"));
        }
        String sid = session == null ? null : session.toString().replace("\"", "");
        return onCallersContext(revocations.index()).map(index -> {
            if (index.revokes(userId, tokenVersion, sid)) {
                throw new AuthenticationFailedException("the token has been revoked");
            }
            return identity;
        });
    }

    /**
     * A list read once is shared by every request that was waiting for it; each request must carry on on its own
     * Vert.x context (its request scope), not on the thread of the request that started the read.
     */
    private static <T> Uni<T> onCallersContext(Uni<T> result) {
        Context caller = Vertx.currentContext();
        if (caller == null || !Context.isOnEventLoopThread()) {
            return result;
        }
        return result.emitOn(task -> {
            if (Vertx.currentContext() == caller) {
                task.run();
            } else {
                caller.runOnContext(ignored -> task.run());
            }
        });
    }
}
