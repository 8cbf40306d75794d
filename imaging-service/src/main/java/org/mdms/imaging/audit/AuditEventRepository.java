package org.mdms.imaging.audit;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class AuditEventRepository implements PanacheRepository<AuditEvent> {

    /** Entries about one patient, one image and/or one action (upper-cased); all of them when none is given. */
    public PanacheQuery<AuditEvent> search(Long patientId, Long imageId, String action, Sort sort) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (patientId != null) {
            where.append(" and patientId = :patientId");
            params.and("patientId", patientId);
        }
        if (imageId != null) {
            where.append(" and resourceId = :imageId");
            params.and("imageId", imageId);
        }
        if (action != null && !action.isBlank()) {
            where.append(" and action = :action");
            params.and("action", action.toUpperCase());
        }
        return find(where.toString(), sort, params);
    }
}
