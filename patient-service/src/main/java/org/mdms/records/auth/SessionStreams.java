package org.mdms.records.auth;

import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Ends a server-sent event stream when the token that opened it stops holding: at its exp, and once the revocation
 * list revokes its user or session (sign-out, admin revoke, refresh reuse), asked every
 * {@code mdms.auth.revocation-refresh}. The console reconnects and renews; other clients sign in again.
 */
@ApplicationScoped
public class SessionStreams {

    private final Revocations revocations;
    private final AccountSettings settings;

    SessionStreams(Revocations revocations, AccountSettings settings) {
        this.revocations = revocations;
        this.settings = settings;
    }

    public <T> Multi<T> whileSignedIn(TokenLease lease, Multi<T> events) {
        Duration left = Duration.between(Instant.now(), lease.expiresAt());
        if (left.isNegative() || left.isZero()) {
            return Multi.createFrom().empty();
        }
        Multi<Optional<T>> revoked = Multi.createFrom().ticks().every(settings.revocationRefresh())
                .onOverflow().drop()
                .onItem().transformToUniAndConcatenate(tick -> revocations.revokes(lease.userId(),
                        lease.tokenVersion(), lease.sessionId()))
                .select().where(Boolean::booleanValue)
                .map(yes -> Optional.empty());
        // an empty item marks the revocation: the events pass until it comes, and none after it
        return Multi.createBy().merging().streams(events.map(Optional::of), revoked)
                .select().first(Optional::isPresent)
                .select().first(left)
                .map(Optional::get);
    }
}
