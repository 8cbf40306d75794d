package org.mdms.records.vitals;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.records.common.Filter;
import org.mdms.records.visit.TimeWindow;


@ApplicationScoped
public class VitalSignRepository implements PanacheRepository<VitalSign> {

    public record Criteria(Long patientId, Long visitId, VitalType type, Boolean abnormal, TimeWindow measuredIn) {
    }

    /** Always per patient: ix_vital_patient (patient_id, type, measured_at) serves the type and time window. */
    public PanacheQuery<VitalSign> search(Criteria criteria, Sort sort) {
        return new Filter()
                // vital signs are always listed per patient: never let a missing id widen the list
                .equal("patientId", java.util.Objects.requireNonNull(criteria.patientId(), "patientId"))
                .equal("visitId", criteria.visitId())
                .equal("type", criteria.type())
                .equal("abnormal", criteria.abnormal())
                .atOrAfter("measuredAt", criteria.measuredIn().from())
                .before("measuredAt", criteria.measuredIn().toExclusive())
                .find(this, sort);
    }
}
