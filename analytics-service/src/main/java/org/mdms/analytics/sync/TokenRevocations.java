package org.mdms.analytics.sync;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;
import org.mdms.common.auth.RevokedTokens;
import org.mdms.analytics.common.AnalyticsConfig;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * patient-service's revocation list, read at most every {@code mdms.analytics.revocation-refresh}. If patient-service
 * cannot be reached the last list read stays in use (every request that needs patient-service fails anyway).
 */
@ApplicationScoped
public class TokenRevocations implements RevokedTokens {

    private static final Logger LOG = Logger.getLogger(TokenRevocations.class);

    /** Minimum token version per listed user, and ended sessions. */
    public record Index(Map<Long, Integer> minimumVersion, Set<String> sessions, Instant readAt) {

        static final Index EMPTY = new Index(Map.of(), Set.of(), Instant.EPOCH);

        public boolean revokes(long userId, int tokenVersion, String session) {
            Integer minimum = minimumVersion.get(userId);
            return (minimum != null && tokenVersion < minimum) || (session != null && sessions.contains(session));
        }
    }

    private final PatientServiceApi patients;
    private final Duration refresh;
    private final AtomicReference<Index> current = new AtomicReference<>(Index.EMPTY);
    private final AtomicReference<Uni<Index>> reading = new AtomicReference<>();

    TokenRevocations(@RestClient PatientServiceApi patients, AnalyticsConfig config) {
        this.patients = patients;
        this.refresh = config.revocationRefresh();
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

    @Override
    public Uni<Boolean> revokes(long userId, int tokenVersion, String session) {
        return index().map(index -> index.revokes(userId, tokenVersion, session));
    }

    private Uni<Index> read(Index known) {
        return patients.revocations()
                .ifNoItem().after(Duration.ofSeconds(2)).fail()
                .map(list -> new Index(
                        list.users().stream().collect(Collectors.toUnmodifiableMap(PatientServiceApi.RevokedUser::id,
                                PatientServiceApi.RevokedUser::tokenVersion, Math::max)),
                        Set.copyOf(list.sessions()), Instant.now()))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("revocation list not read from patient-service (%s); using the last one", failure.toString());
                    // try again after the refresh period, not on every request
                    return new Index(known.minimumVersion(), known.sessions(), Instant.now());
                });
    }
}
