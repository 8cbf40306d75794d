package org.mdms.records.examination;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.records.visit.TimeWindow;

import java.util.ArrayList;
import java.util.List;

@ApplicationScoped
public class ExaminationRepository implements PanacheRepository<Examination> {

    public record Criteria(Long visitId, Long patientId, Long technicianId, Boolean abnormal,
                           TimeWindow performedIn) {
    }

    public PanacheQuery<Examination> search(Criteria criteria, Sort sort) {
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (criteria.visitId() != null) {
            where.add("visitId = :visitId");
            params.and("visitId", criteria.visitId());
        }
        if (criteria.patientId() != null) {
            // examinations hang off visits; ix_visit_patient finds the patient's visits
            where.add("visitId in (select v.id from Visit v where v.patientId = :patientId)");
            params.and("patientId", criteria.patientId());
        }
        if (criteria.technicianId() != null) {
            where.add("technicianId = :technicianId");
            params.and("technicianId", criteria.technicianId());
        }
        if (criteria.abnormal() != null) {
            where.add("abnormal = :abnormal");
            params.and("abnormal", criteria.abnormal());
        }
        if (criteria.performedIn().from() != null) {
            where.add("performedAt >= :from");
            params.and("from", criteria.performedIn().from());
        }
        if (criteria.performedIn().toExclusive() != null) {
            where.add("performedAt < :to");
            params.and("to", criteria.performedIn().toExclusive());
        }
        return find(where.isEmpty() ? "1 = 1" : String.join(" and ", where), sort, params);
    }
}
