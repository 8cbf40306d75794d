package org.mdms.common.auth;

import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * patient-service's revocation list as imaging and analytics keep it: read at most every {@code refresh}, one read at a
 * time shared by every request that finds the list stale. If patient-service cannot be reached the last list read
 * stays in use (every request that needs patient-service fails anyway). Each service's {@link RevokedTokens} holds one,
 * with the read through its own REST client.
 */
public final class RevocationCache {

    private static final Logger LOG = Logger.getLogger(RevocationCache.class);

    /** Minimum token version per listed user, and ended sessions. */
    public record Index(Map<Long, Integer> minimumVersion, Set<String> sessions, Instant readAt) {

        static final Index EMPTY = new Index(Map.of(), Set.of(), Instant.EPOCH);

        public boolean revokes(long userId, int tokenVersion, String session) {
            Integer minimum = minimumVersion.get(userId);
            return (minimum != null && tokenVersion < minimum) || (session != null && sessions.contains(session));
        }
    }

    private final Supplier<Uni<Index>> read;
    private final Duration refresh;
    private final AtomicReference<Index> current = new AtomicReference<>(Index.EMPTY);
    private final AtomicReference<Uni<Index>> reading = new AtomicReference<>();

    /** {@code read}: patient-service's list now (its readAt is now), through the service's client. */
    public RevocationCache(Supplier<Uni<Index>> read, Duration refresh) {
        this.read = read;
        this.refresh = refresh;
    }

    public Uni<Boolean> revokes(long userId, int tokenVersion, String session) {
        return index().map(index -> index.revokes(userId, tokenVersion, session));
    }

    public Uni<Index> index() {
        Index known = current.get();
        if (Instant.now().isBefore(known.readAt().plus(refresh))) {
            return Uni.createFrom().item(known);
        }
        Uni<Index> inFlight = reading.get();
        if (inFlight == null) {
            // one read at a time, shared by every request that finds the list stale
            Uni<Index> fresh = read(known).invoke(current::set).eventually(() -> reading.set(null))
                    .memoize().indefinitely();
            inFlight = reading.compareAndSet(null, fresh) ? fresh : reading.get();
        }
        return inFlight == null ? index() : inFlight;
    }

    private Uni<Index> read(Index known) {
        return Uni.createFrom().deferred(read::get)
                .ifNoItem().after(Duration.ofSeconds(2)).fail()
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("revocation list not read from patient-service (%s); using the last one", failure.toString());
                    // try again after the refresh period, not on every request
                    return new Index(known.minimumVersion(), known.sessions(), Instant.now());
                });
    }
}
