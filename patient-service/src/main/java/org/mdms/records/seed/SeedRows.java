package org.mdms.records.seed;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The rows the generator produces, one record per table, with exactly the columns the seed writes. */
final class SeedRows {

    private SeedRows() {
    }

    record HospitalRow(long id, String code, String name, String address, String phone) {
    }

    record DepartmentRow(long id, long hospitalId, String code, String name, String description) {
    }

    record UserRow(long id, String username, String role, String displayName) {
    }

    record StaffRow(long id, long userId, long departmentId, String staffNo, String name, String kind, String title,
                    String phone, String email) {
    }

    record DrugRow(long id, String code, String name, String genericName, String category, String dosageForm,
                   String strength, String unit, BigDecimal price, String manufacturer) {
    }

    record PatientRow(long id, Long userId, String mrn, String name, String gender, LocalDate birthDate,
                      String idNumber, String phone, String email, String address, String bloodType,
                      String allergies, String emergencyContactName, String emergencyContactPhone) {
    }

    record VisitRow(long id, long patientId, long doctorId, long departmentId, String type, String status,
                    Instant startedAt, Instant endedAt, String chiefComplaint, String diagnosis,
                    String diagnosisCode) {
    }

    record PrescriptionRow(long id, long visitId, long patientId, long doctorId, long departmentId,
                           Long pharmacistId, String status, Instant issuedAt, Instant dispensedAt,
                           Instant cancelledAt, String cancelReason, BigDecimal totalAmount, List<ItemRow> items) {
    }

    record ItemRow(long id, long prescriptionId, long drugId, int quantity, String dosage, String frequency, int days,
                   BigDecimal unitPrice, BigDecimal amount) {
    }

    record ExaminationRow(long id, long visitId, long patientId, Long technicianId, String item, String result,
                          String unit, String referenceRange, boolean abnormal, Instant performedAt) {
    }

    record VitalSignRow(long id, long patientId, long visitId, String type, BigDecimal value,
                        BigDecimal secondaryValue, String unit, boolean abnormal, Instant measuredAt) {
    }

    /** Everything one batch writes: a slice of patients with all their visits and what hangs off them. */
    record Batch(int index, List<PatientRow> patients, List<VisitRow> visits, List<PrescriptionRow> prescriptions,
                 List<ExaminationRow> examinations, List<VitalSignRow> vitalSigns) {

        long itemCount() {
            return prescriptions.stream().mapToLong(p -> p.items().size()).sum();
        }
    }

    /** Staff the generated visits are attached to, per kind. */
    record StaffRef(long id, long departmentId) {
    }

    /** The hospital's people and catalogue the patient batches refer to. */
    record Reference(HospitalRow hospital, List<DepartmentRow> departments, List<StaffRef> doctors,
                     List<StaffRef> nurses, List<StaffRef> pharmacists, List<StaffRef> technicians,
                     List<DrugRow> drugs, int createdStaff) {
    }

    /**
     * Pins the run's first patient to an existing account and its care to given staff (the demo: the demo patient
     * is seen by the demo doctor, examined by the demo technician, served by the demo pharmacist).
     */
    record Pin(long patientUserId, StaffRef doctor, StaffRef technician, StaffRef pharmacist) {
    }
}
