package org.mdms.imaging.patient;

import io.quarkus.smallrye.jwt.runtime.auth.MpJwtValidator;
import jakarta.inject.Singleton;
import org.mdms.common.auth.VerifiedTokenCache;

/**
 * A bearer token verified once is recognised again by its exact string (VerifiedTokenCache: until its exp, at most
 * 5 min), instead of parsing it and checking its RSA signature on every upload. Expiry and revocation
 * (RevocationCheck) are still decided on every request.
 */
@Singleton
public class VerifiedTokens extends VerifiedTokenCache {

    VerifiedTokens(MpJwtValidator validator) {
        super(validator);
    }
}
