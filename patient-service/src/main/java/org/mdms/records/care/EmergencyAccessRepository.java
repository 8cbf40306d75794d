package org.mdms.records.care;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.records.common.Filter;

import java.time.Instant;

@ApplicationScoped
public class EmergencyAccessRepository implements PanacheRepository<EmergencyAccess> {

    /** Grants for the admins' list: by patient, by user, only those still running at {@code activeAt}. */
    public PanacheQuery<EmergencyAccess> search(Long patientId, Long userId, Instant activeAt, Sort sort) {
        return new Filter()
                .equal("patientId", patientId)
                .equal("userId", userId)
                .where("expiresAt > :activeAt", "activeAt", activeAt)
                .find(this, sort);
    }
}
