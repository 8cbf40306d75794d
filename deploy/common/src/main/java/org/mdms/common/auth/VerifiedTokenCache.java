package org.mdms.common.auth;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.smallrye.jwt.runtime.auth.MpJwtValidator;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens smallrye-jwt has verified, recognised again without parsing them and checking their RSA signature again (and,
 * with the key read from patient-service's JWKS URL, without smallrye-jwt's hop to a worker thread). Only the exact
 * token string that passed smallrye-jwt is recognised, until its exp and at most {@link #KEPT} after it passed (well
 * within smallrye-jwt's own hour between JWKS reads, so a key withdrawn from the JWKS is not trusted for longer than
 * before). Revocation is unchanged: {@link RevocationCheck} augments these identities on every request like any other,
 * and the roles are the token's own groups. Each service that verifies tokens itself makes it a bean with a subclass
 * (a {@code @Singleton} with the constructor only; patient-service, which signs them, has none).
 */
public abstract class VerifiedTokenCache implements IdentityProvider<TokenAuthenticationRequest> {

    public static final Duration KEPT = Duration.ofMinutes(5);
    /** Tokens kept at most; past this the expired ones go, and if that is not enough, all of them. */
    static final int MOST = 10_000;

    private record Verified(JsonWebToken jwt, long untilMillis) {
    }

    private final MpJwtValidator validator;
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

    protected VerifiedTokenCache(MpJwtValidator validator) {
        this.validator = validator;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Asked before smallrye-jwt's validator, which it asks itself for a token it has not seen. */
    @Override
    public int priority() {
        return validator.priority() + 1;
    }

    /** The identity of a token recognised, or smallrye-jwt's answer for one it has not seen (remembered if it passes). */
    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        String token = request.getToken().getToken();
        long now = System.currentTimeMillis();
        Verified known = verified.get(token);
        if (known != null && now < known.untilMillis()) {
            return Uni.createFrom().item(identity(known.jwt(), request));
        }
        if (known != null) {
            verified.remove(token, known);
        }
        return validator.authenticate(request, context).invoke(identity -> remember(token, identity, now));
    }

    private void remember(String token, SecurityIdentity identity, long verifiedAt) {
        if (identity == null || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return;
        }
        long until = Math.min(jwt.getExpirationTime() * 1000, verifiedAt + KEPT.toMillis());
        if (verified.size() >= MOST) {
            long now = System.currentTimeMillis();
            verified.values().removeIf(v -> v.untilMillis() <= now);
            if (verified.size() >= MOST) {
                verified.clear();
            }
        }
        verified.put(token, new Verified(jwt, until));
    }

    /** The identity smallrye-jwt builds (MpJwtValidator), with this request's credential and routing context. */
    private static SecurityIdentity identity(JsonWebToken jwt, TokenAuthenticationRequest request) {
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder().setPrincipal(jwt)
                .addCredential(request.getToken()).addRoles(jwt.getGroups()).addAttribute("quarkus.user", jwt);
        RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (routing != null) {
            builder.addAttribute(RoutingContext.class.getName(), routing);
        }
        return builder.build();
    }
}
