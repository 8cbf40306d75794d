package org.mdms.analytics.sync;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.mdms.analytics.common.AnalyticsConfig;
import org.mdms.common.auth.RevocationCache;
import org.mdms.common.auth.RevokedTokens;

import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;

/** patient-service's revocation list, read through this service's client at most every {@code mdms.analytics.revocation-refresh}. */
@ApplicationScoped
public class TokenRevocations implements RevokedTokens {

    private final RevocationCache cache;

    TokenRevocations(@RestClient PatientServiceApi patients, AnalyticsConfig config) {
        this.cache = new RevocationCache(() -> patients.revocations().map(list -> new RevocationCache.Index(
                list.users().stream().collect(Collectors.toUnmodifiableMap(PatientServiceApi.RevokedUser::id,
                        PatientServiceApi.RevokedUser::tokenVersion, Math::max)),
                Set.copyOf(list.sessions()), Instant.now())), config.revocationRefresh());
    }

    @Override
    public Uni<Boolean> revokes(long userId, int tokenVersion, String session) {
        return cache.revokes(userId, tokenVersion, session);
    }
}
