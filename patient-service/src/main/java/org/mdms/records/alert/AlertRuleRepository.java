package org.mdms.records.alert;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.records.common.Filter;
import org.mdms.records.vitals.VitalType;

@ApplicationScoped
public class AlertRuleRepository implements PanacheRepository<AlertRule> {

    /** generalOnly: only the rules that are not about one patient. */
    public record Criteria(String code, VitalType vitalType, Long departmentId, Long patientId, boolean generalOnly) {
    }

    public PanacheQuery<AlertRule> search(Criteria criteria, Sort sort) {
        return new Filter()
                .equal("code", criteria.code() == null || criteria.code().isBlank() ? null : criteria.code().strip())
                .equal("vitalType", criteria.vitalType())
                .equal("departmentId", criteria.departmentId())
                .equal("patientId", criteria.patientId())
                .where("patientId is null and :generalOnly = true", "generalOnly", criteria.generalOnly() ? true : null)
                .find(this, sort);
    }
}
