package org.mdms.common.auth;

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
 * Refuses a signed, unexpired token that the service's {@link RevokedTokens} revokes (disabled account, new password
 * or role, ended session), and a token without the tv (token version) claim. The one augmentor of the three services.
 */
@ApplicationScoped
public class RevocationCheck implements SecurityIdentityAugmentor {

    /** The claims revocation is decided on: sub (user id), tv (token version), sid (sign-in session). */
    public static final String TOKEN_VERSION_CLAIM = "tv";
    public static final String SESSION_CLAIM = "sid";

    private final RevokedTokens revoked;

    RevocationCheck(RevokedTokens revoked) {
        this.revoked = revoked;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
        }
        long userId;
        int tokenVersion;
        Object session = jwt.getClaim(SESSION_CLAIM);
        try {
            userId = Long.parseLong(jwt.getSubject());
            tokenVersion = Integer.parseInt(String.valueOf((Object) jwt.getClaim(TOKEN_VERSION_CLAIM)).replace("\"", ""));
        } catch (RuntimeException missingOrMalformed) {
            return Uni.createFrom().failure(new AuthenticationFailedException("the token carries no token version"));
        }
        String sid = session == null ? null : session.toString().replace("\"", "");
        return onCallersContext(revoked.revokes(userId, tokenVersion, sid)).map(revokes -> {
            if (revokes) {
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
