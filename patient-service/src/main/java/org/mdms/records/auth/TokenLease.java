package org.mdms.records.auth;

import java.time.Instant;

/** What decides whether the token that opened a long answer (an event stream) still holds. */
public record TokenLease(long userId, int tokenVersion, String sessionId, Instant expiresAt) {
}
