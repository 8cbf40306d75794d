package org.mdms.records.prescription;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.records.visit.TimeWindow;

import java.util.ArrayList;
import java.util.List;

@ApplicationScoped
public class PrescriptionRepository implements PanacheRepository<Prescription> {

    public record Criteria(Long visitId, Long patientId, Long doctorId, Long pharmacistId,
                           Prescription.Status status, TimeWindow issuedIn) {
    }

    @ApplicationScoped
    public static class ItemRepository implements PanacheRepository<PrescriptionItem> {

        public Uni<List<PrescriptionItem>> ofPrescriptions(List<Long> prescriptionIds) {
            if (prescriptionIds.isEmpty()) {
                return Uni.createFrom().item(List.of());
            }
            return find("prescriptionId in ?1", Sort.by("id"), prescriptionIds).list();
        }
    }

    public PanacheQuery<Prescription> search(Criteria criteria, Sort sort) {
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (criteria.visitId() != null) {
            where.add("visitId = :visitId");
            params.and("visitId", criteria.visitId());
        }
        if (criteria.patientId() != null) {
            // prescriptions hang off visits; ix_visit_patient finds the patient's visits
            where.add("visitId in (select v.id from Visit v where v.patientId = :patientId)");
            params.and("patientId", criteria.patientId());
        }
        if (criteria.doctorId() != null) {
            where.add("doctorId = :doctorId");
            params.and("doctorId", criteria.doctorId());
        }
        if (criteria.pharmacistId() != null) {
            where.add("pharmacistId = :pharmacistId");
            params.and("pharmacistId", criteria.pharmacistId());
        }
        if (criteria.status() != null) {
            where.add("status = :status");
            params.and("status", criteria.status());
        }
        if (criteria.issuedIn().from() != null) {
            where.add("issuedAt >= :from");
            params.and("from", criteria.issuedIn().from());
        }
        if (criteria.issuedIn().toExclusive() != null) {
            where.add("issuedAt < :to");
            params.and("to", criteria.issuedIn().toExclusive());
        }
        return find(where.isEmpty() ? "1 = 1" : String.join(" and ", where), sort, params);
    }
}
