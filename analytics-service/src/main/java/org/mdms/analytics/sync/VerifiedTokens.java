package org.mdms.analytics.sync;

import io.quarkus.smallrye.jwt.runtime.auth.MpJwtValidator;
import jakarta.inject.Singleton;
import org.mdms.common.auth.VerifiedTokenCache;

/**
 * A token smallrye-jwt has verified is recognised again by its exact string (mdms-common's VerifiedTokenCache: until
 * its exp, at most 5 min), without verifying it again: with the key read from patient-service's JWKS URL, smallrye-jwt
 * verifies every token on a worker thread, a hop there and back that on a busy machine was the largest part of a
 * small answer's time. Revocation (RevocationCheck) is still decided on every request.
 */
@Singleton
public class VerifiedTokens extends VerifiedTokenCache {

    VerifiedTokens(MpJwtValidator validator) {
        super(validator);
    }
}
