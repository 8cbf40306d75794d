package org.mdms.records.visit;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

@ApplicationScoped
public class VisitRepository implements PanacheRepository<Visit> {

    public record Criteria(Long patientId, Long doctorId, Long departmentId, Visit.Status status, Visit.Type type,
                           TimeWindow startedIn) {
    }

    /** patient, doctor and department lead an index each (with started_at second). */
    public PanacheQuery<Visit> search(Criteria criteria, Sort sort) {
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (criteria.patientId() != null) {
            where.add("patientId = :patientId");
            params.and("patientId", criteria.patientId());
        }
        if (criteria.doctorId() != null) {
            where.add("doctorId = :doctorId");
            params.and("doctorId", criteria.doctorId());
        }
        if (criteria.departmentId() != null) {
            where.add("departmentId = :departmentId");
            params.and("departmentId", criteria.departmentId());
        }
        if (criteria.status() != null) {
            where.add("status = :status");
            params.and("status", criteria.status());
        }
        if (criteria.type() != null) {
            where.add("type = :type");
            params.and("type", criteria.type());
        }
        if (criteria.startedIn().from() != null) {
            where.add("startedAt >= :from");
            params.and("from", criteria.startedIn().from());
        }
        if (criteria.startedIn().toExclusive() != null) {
            where.add("startedAt < :to");
            params.and("to", criteria.startedIn().toExclusive());
        }
        return find(where.isEmpty() ? "1 = 1" : String.join(" and ", where), sort, params);
    }
}
