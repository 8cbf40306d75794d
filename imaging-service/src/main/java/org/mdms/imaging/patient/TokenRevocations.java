package org.mdms.imaging.patient;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.mdms.common.auth.RevocationCache;
import org.mdms.common.auth.RevokedTokens;
import org.mdms.imaging.config.ImagingConfig;

import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;

/** patient-service's revocation list, read through this service's client at most every {@code mdms.patient.revocation-refresh}. */
@ApplicationScoped
public class TokenRevocations implements RevokedTokens {

    private final RevocationCache cache;

    TokenRevocations(@RestClient PatientServiceClient patients, ImagingConfig config) {
        this.cache = new RevocationCache(() -> patients.revocations().map(list -> new RevocationCache.Index(
                list.users().stream().collect(Collectors.toUnmodifiableMap(PatientRefs.RevokedUser::id,
                        PatientRefs.RevokedUser::tokenVersion, Math::max)),
                Set.copyOf(list.sessions()), Instant.now())), config.patient().revocationRefresh());
    }

    @Override
    public Uni<Boolean> revokes(long userId, int tokenVersion, String session) {
        return cache.revokes(userId, tokenVersion, session);
    }
}
