package org.mdms.records.auth;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;

@ConfigMapping(prefix = "mdms.jwt")
public interface JwtSettings {
    String issuer();

    Duration lifetime();

    /** PEM private key: a file path or a classpath resource. */
    String signKeyLocation();

    /** PEM public key: a file path or a classpath resource. Served as JWKS. */
    String verifyKeyLocation();
}
