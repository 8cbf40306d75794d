package org.mdms.imaging.patient;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.imaging.config.ImagingConfig;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The patient checks of an upload (does the patient exist, which patient has this MRN, does the caller treat them),
 * remembered for {@code mdms.patient.check-cache} (default 5 s) per caller token and patient, so a burst of uploads
 * of one study asks patient-service once. Only answers are remembered, never failures; the key holds the bearer
 * token, so another token (a new sign-in, a new role) asks again, and token revocation is still checked on every
 * request by {@link TokenRevocations}. A care relationship that ends is seen at most the cache time later.
 */
@ApplicationScoped
public class PatientChecks {

    private static final int MAX_ENTRIES = 10_000;

    private record Entry(Object answer, long expiresAt) {
    }

    private final PatientDirectory directory;
    private final Duration ttl;
    private final Map<String, Entry> answers = new ConcurrentHashMap<>();

    PatientChecks(PatientDirectory directory, ImagingConfig config) {
        this.directory = directory;
        this.ttl = config.patient().checkCache();
    }

    public Uni<Optional<PatientRefs.PatientAccess>> access(long patientId, String bearer) {
        return remembered("access/" + patientId + "/" + bearer, () -> directory.access(patientId, bearer));
    }

    public Uni<Optional<PatientRefs.PatientRef>> byMrn(String mrn, String bearer) {
        return remembered("mrn/" + mrn + "/" + bearer, () -> directory.byMrn(mrn, bearer));
    }

    @SuppressWarnings("unchecked")
    private <T> Uni<T> remembered(String key, Supplier<Uni<T>> ask) {
        if (ttl.isZero() || ttl.isNegative()) {
            return ask.get();
        }
        long now = System.nanoTime();
        Entry e = answers.get(key);
        if (e != null && now - e.expiresAt() < 0) {
            return Uni.createFrom().item((T) e.answer());
        }
        return ask.get().invoke(answer -> {
            if (answers.size() >= MAX_ENTRIES) {
                answers.clear();
            }
            answers.put(key, new Entry(answer, System.nanoTime() + ttl.toNanos()));
        });
    }
}
