package org.mdms.analytics.warehouse;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.annotation.Nullable;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The change feed's payloads, one record per entity type, of the same shape as patient-service's {@code *Change}
 * DTOs (its OpenAPI document's {@code ChangeEvent} oneOf schemas). Every field must be present; only the ones marked
 * {@link Nullable} may be null (the schemas' {@code nullable: true}). {@link FeedReader} enforces both.
 */
public final class Changes {

    private Changes() {
    }

    public enum Gender { MALE, FEMALE, OTHER, UNKNOWN }

    public enum StaffKind { DOCTOR, NURSE, PHARMACIST, TECHNICIAN }

    public enum VisitType { OUTPATIENT, INPATIENT, EMERGENCY }

    public enum VisitStatus { OPEN, CLOSED, CANCELLED }

    public enum PrescriptionStatus { ISSUED, DISPENSED, CANCELLED }

    public enum VitalType { HEART_RATE, BLOOD_PRESSURE, SPO2, TEMPERATURE }

    @RegisterForReflection
    public record DepartmentChange(long id, long hospitalId, String code, String name) {
    }

    @RegisterForReflection
    public record StaffChange(long id, long userId, long departmentId, StaffKind kind, String name,
                              @Nullable String title, boolean active) {
    }

    @RegisterForReflection
    public record PatientChange(long id, Gender gender, @Nullable Integer birthYear, boolean deleted) {
    }

    @RegisterForReflection
    public record DrugChange(long id, String code, String name, @Nullable String genericName, String category,
                             String dosageForm, String strength, String unit, BigDecimal price, boolean active) {
    }

    @RegisterForReflection
    public record VisitChange(long id, long patientId, long doctorId, long departmentId, VisitType type,
                              VisitStatus status, Instant startedAt, @Nullable Instant endedAt,
                              @Nullable String diagnosisCode) {
    }

    @RegisterForReflection
    public record ItemChange(long id, long drugId, int quantity, BigDecimal unitPrice, BigDecimal amount) {
    }

    @RegisterForReflection
    public record PrescriptionChange(long id, long visitId, long patientId, long doctorId, long departmentId,
                                     PrescriptionStatus status, Instant issuedAt, @Nullable Instant dispensedAt,
                                     @Nullable Instant cancelledAt, BigDecimal totalAmount, List<ItemChange> items) {
    }

    @RegisterForReflection
    public record ExaminationChange(long id, long visitId, long patientId, @Nullable Long technicianId, String item,
                                    boolean abnormal, Instant performedAt) {
    }

    @RegisterForReflection
    public record VitalSignChange(long id, long patientId, @Nullable Long visitId, VitalType type, BigDecimal value,
                                  @Nullable BigDecimal secondaryValue, String unit, boolean abnormal,
                                  Instant measuredAt) {
    }

    /** Devices' readings, up to a few hundred per event; each element is applied as a VITAL_SIGN event's payload. */
    @RegisterForReflection
    public record VitalSignBatchChange(List<VitalSignChange> vitalSigns) {
    }
}
