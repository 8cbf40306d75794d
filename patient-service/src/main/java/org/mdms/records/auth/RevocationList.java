package org.mdms.records.auth;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Tokens that must no longer be accepted although their signature and expiry are fine: users whose token version was
 * raised (disabled, new password, new role) and signed-out or compromised sessions. Only changes younger than an
 * access token's lifetime (plus a minute) are listed: older tokens have expired anyway, so the list stays small.
 */
@Schema(name = "RevocationList")
public record RevocationList(
        @Schema(description = "when the list was read") Instant asOf,
        @Schema(description = "a token whose user is listed is refused unless its tv claim is at least tokenVersion")
        List<RevokedUser> users,
        @Schema(description = "sid claims (sign-in sessions) that are refused") List<String> sessions) {

    @Schema(name = "RevokedUser")
    public record RevokedUser(long id, int tokenVersion) {
    }

    public static final RevocationList EMPTY = new RevocationList(Instant.EPOCH, List.of(), List.of());

    /** Fast lookups for the check on every request. */
    public Index index() {
        return new Index(users.stream().collect(Collectors.toUnmodifiableMap(RevokedUser::id, RevokedUser::tokenVersion,
                Math::max)), Set.copyOf(sessions));
    }

    public record Index(Map<Long, Integer> minimumVersion, Set<String> sessions) {

        public boolean revokes(long userId, int tokenVersion, String session) {
            Integer minimum = minimumVersion.get(userId);
            return (minimum != null && tokenVersion < minimum) || (session != null && sessions.contains(session));
        }
    }
}
