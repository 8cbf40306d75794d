package org.mdms.records.prescription;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.records.common.Filter;
import org.mdms.records.visit.TimeWindow;

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
        return new Filter()
                .equal("visitId", criteria.visitId())
                // prescriptions hang off visits; ix_visit_patient finds the patient's visits
                .where("visitId in (select v.id from Visit v where v.patientId = :patientId)", "patientId",
                        criteria.patientId())
                .equal("doctorId", criteria.doctorId())
                .equal("pharmacistId", criteria.pharmacistId())
                .equal("status", criteria.status())
                .atOrAfter("issuedAt", criteria.issuedIn().from())
                .before("issuedAt", criteria.issuedIn().toExclusive())
                .find(this, sort);
    }
}
