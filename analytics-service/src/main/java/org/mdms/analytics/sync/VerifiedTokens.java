package org.mdms.analytics.sync;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.smallrye.jwt.runtime.auth.MpJwtValidator;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.common.auth.VerifiedTokenCache;

/**
 * A token smallrye-jwt has verified is recognised again by its exact string (mdms-common's VerifiedTokenCache: until
 * its exp, at most 5 min), without verifying it again: with the key read from patient-service's JWKS URL, smallrye-jwt
 * verifies every token on a worker thread, a hop there and back that on a busy machine was the largest part of a
 * small answer's time. Revocation (RevocationCheck) is still decided on every request.
 */
@ApplicationScoped
public class VerifiedTokens implements IdentityProvider<TokenAuthenticationRequest> {

    private final MpJwtValidator validator;
    private final VerifiedTokenCache cache;

    VerifiedTokens(MpJwtValidator validator) {
        this.validator = validator;
        this.cache = new VerifiedTokenCache(validator);
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Asked before smallrye-jwt's validator, which the cache asks itself for a token it has not seen. */
    @Override
    public int priority() {
        return validator.priority() + 1;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        return cache.authenticate(request, context);
    }
}
