package org.mdms.records.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Sign-in throttling, refresh tokens and revocation (mdms.auth.*; every value has an MDMS_AUTH_* override). */
@ConfigMapping(prefix = "mdms.auth")
public interface AccountSettings {

    /** How long a refresh token may be used; each refresh replaces it with a new one. */
    @WithDefault("PT12H")
    Duration refreshLifetime();

    /**
     * How long after a refresh token was used it may be presented once more and still renew the session (a sibling
     * pair of the same session) instead of counting as reuse: two tabs renewing at the same instant both present it.
     * Past this, reuse ends the session. Zero turns the grace off.
     */
    @WithDefault("PT5S")
    Duration refreshReuseGrace();

    Lockout lockout();

    Client client();

    /** How often the revocation list is re-read from the database (it is re-read at once after a local change). */
    @WithDefault("PT2S")
    Duration revocationRefresh();

    interface Lockout {
        /** Consecutive wrong passwords that lock an account (or an unknown user name). */
        @WithDefault("5")
        int maxFailures();

        /** How long the lock lasts unless an admin unlocks the account earlier. */
        @WithDefault("PT15M")
        Duration duration();
    }

    interface Client {
        /** Failed sign-ins one client address may make within {@link #window()} before it is refused (429). */
        @WithDefault("30")
        int maxFailures();

        @WithDefault("PT10M")
        Duration window();
    }
}
