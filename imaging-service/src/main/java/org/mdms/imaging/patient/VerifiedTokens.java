package org.mdms.imaging.patient;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.smallrye.jwt.runtime.auth.MpJwtValidator;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.common.auth.VerifiedTokenCache;

/**
 * A bearer token verified once is recognised again by its exact string (VerifiedTokenCache: until its exp, at most
 * 5 min), instead of parsing it and checking its RSA signature on every upload. Expiry and revocation
 * (RevocationCheck) are still decided on every request.
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
