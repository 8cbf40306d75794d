package org.mdms.records.vitals;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.records.visit.TimeWindow;

import java.util.ArrayList;
import java.util.List;

@ApplicationScoped
public class VitalSignRepository implements PanacheRepository<VitalSign> {

    public record Criteria(Long patientId, Long visitId, VitalType type, Boolean abnormal, TimeWindow measuredIn) {
    }

    /** Always per patient: ix_vital_patient (patient_id, type, measured_at) serves the type and time window. */
    public PanacheQuery<VitalSign> search(Criteria criteria, Sort sort) {
        List<String> where = new ArrayList<>();
        Parameters params = Parameters.with("patientId", criteria.patientId());
        where.add("patientId = :patientId");
        if (criteria.visitId() != null) {
            where.add("visitId = :visitId");
            params.and("visitId", criteria.visitId());
        }
        if (criteria.type() != null) {
            where.add("type = :type");
            params.and("type", criteria.type());
        }
        if (criteria.abnormal() != null) {
            where.add("abnormal = :abnormal");
            params.and("abnormal", criteria.abnormal());
        }
        if (criteria.measuredIn().from() != null) {
            where.add("measuredAt >= :from");
            params.and("from", criteria.measuredIn().from());
        }
        if (criteria.measuredIn().toExclusive() != null) {
            where.add("measuredAt < :to");
            params.and("to", criteria.measuredIn().toExclusive());
        }
        return find(String.join(" and ", where), sort, params);
    }
}
