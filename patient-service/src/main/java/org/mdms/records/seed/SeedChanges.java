package org.mdms.records.seed;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Change-feed payloads for the entities whose feature packages are not the seed's to depend on. Field names and
 * shapes follow the change-feed contract (README, "Change feed"); patients, staff and departments use the feature
 * packages' own records.
 */
final class SeedChanges {

    private SeedChanges() {
    }

    record DrugChange(long id, String code, String name, String genericName, String category, String dosageForm,
                      String strength, String unit, BigDecimal price, boolean active) {
    }

    record VisitChange(long id, long patientId, long doctorId, long departmentId, String type, String status,
                       Instant startedAt, Instant endedAt, String diagnosisCode) {
    }

    record PrescriptionChange(long id, long visitId, long patientId, long doctorId, long departmentId, String status,
                              Instant issuedAt, Instant dispensedAt, Instant cancelledAt, BigDecimal totalAmount,
                              List<ItemChange> items) {
    }

    record ItemChange(long id, long drugId, int quantity, BigDecimal unitPrice, BigDecimal amount) {
    }

    record ExaminationChange(long id, long visitId, long patientId, Long technicianId, String item, boolean abnormal,
                             Instant performedAt) {
    }

    record VitalSignChange(long id, long patientId, Long visitId, String type, BigDecimal value,
                           BigDecimal secondaryValue, String unit, boolean abnormal, Instant measuredAt) {
    }
}
