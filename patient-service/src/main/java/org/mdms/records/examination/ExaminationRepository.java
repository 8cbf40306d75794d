package org.mdms.records.examination;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.records.common.Filter;
import org.mdms.records.visit.TimeWindow;


@ApplicationScoped
public class ExaminationRepository implements PanacheRepository<Examination> {

    public record Criteria(Long visitId, Long patientId, Long technicianId, Boolean abnormal,
                           TimeWindow performedIn) {
    }

    public PanacheQuery<Examination> search(Criteria criteria, Sort sort) {
        return new Filter()
                .equal("visitId", criteria.visitId())
                // examinations hang off visits; ix_visit_patient finds the patient's visits
                .where("visitId in (select v.id from Visit v where v.patientId = :patientId)", "patientId",
                        criteria.patientId())
                .equal("technicianId", criteria.technicianId())
                .equal("abnormal", criteria.abnormal())
                .atOrAfter("performedAt", criteria.performedIn().from())
                .before("performedAt", criteria.performedIn().toExclusive())
                .find(this, sort);
    }
}
