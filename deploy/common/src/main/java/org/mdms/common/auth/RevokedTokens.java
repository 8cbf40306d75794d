package org.mdms.common.auth;

import io.smallrye.mutiny.Uni;

/**
 * The revocation list a service keeps, as {@link RevocationCheck} asks it: patient-service reads its own table,
 * imaging and analytics read patient-service's list through their REST client. Each service has one such bean.
 */
public interface RevokedTokens {

    /**
     * Whether the list, as last read, revokes a token of this user, token version (tv) and sign-in session (sid, or
     * null); a read of the list may be shared by every request waiting for it.
     */
    Uni<Boolean> revokes(long userId, int tokenVersion, String session);
}
