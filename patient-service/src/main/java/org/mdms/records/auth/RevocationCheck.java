package org.mdms.records.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Refuses a signed, unexpired token that was revoked (see {@link RevocationList}) or carries no token version. */
@ApplicationScoped
public class RevocationCheck implements SecurityIdentityAugmentor {

    private final Revocations revocations;

    RevocationCheck(Revocations revocations) {
        this.revocations = revocations;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
        }
        TokenClaims claims = TokenClaims.of(jwt);
        if (claims == null) {
            return Uni.createFrom().failure(new AuthenticationFailedException("the token carries no token version"));
        }
        return onCallersContext(revocations.index()).map(index -> {
            if (index.revokes(claims.userId(), claims.tokenVersion(), claims.session())) {
                throw new AuthenticationFailedException("the token has been revoked");
            }
            return identity;
        });
    }

    /** The claims revocation is decided on: sub (user id), tv (token version), sid (sign-in session). */
    record TokenClaims(long userId, int tokenVersion, String session) {

        static TokenClaims of(JsonWebToken jwt) {
            Object version = jwt.getClaim(TokenService.TOKEN_VERSION_CLAIM);
            Object session = jwt.getClaim(TokenService.SESSION_CLAIM);
            try {
                return new TokenClaims(Long.parseLong(jwt.getSubject()), Integer.parseInt(unquote(version)),
                        session == null ? null : unquote(session));
            } catch (RuntimeException missingOrMalformed) {
                return null;
            }
        }

        private static String unquote(Object value) {
            return value.toString().replace("\"", "");
        }
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
