package org.mdms.records.visit;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.records.common.Filter;


@ApplicationScoped
public class VisitRepository implements PanacheRepository<Visit> {

    public record Criteria(Long patientId, Long doctorId, Long departmentId, Visit.Status status, Visit.Type type,
                           TimeWindow startedIn) {
    }

    /** patient, doctor and department lead an index each (with started_at second). */
    public PanacheQuery<Visit> search(Criteria criteria, Sort sort) {
        return new Filter()
                .equal("patientId", criteria.patientId())
                .equal("doctorId", criteria.doctorId())
                .equal("departmentId", criteria.departmentId())
                .equal("status", criteria.status())
                .equal("type", criteria.type())
                .atOrAfter("startedAt", criteria.startedIn().from())
                .before("startedAt", criteria.startedIn().toExclusive())
                .find(this, sort);
    }
}
