package org.mdms.records.prescription;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.mdms.common.DomainException;
import org.mdms.records.common.RecordEntity;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A doctor's prescription for one visit. ISSUED, then either DISPENSED by a pharmacist or CANCELLED; both are
 * final. The version column makes a dispense racing a cancel fail with 409 instead of both winning.
 */
@Entity
@Table(name = "prescription")
public class Prescription extends RecordEntity {

    @Schema(name = "PrescriptionStatus")
    public enum Status { ISSUED, DISPENSED, CANCELLED }

    @Column(name = "visit_id")
    private Long visitId;
    @Column(name = "doctor_id")
    private Long doctorId;
    @Column(name = "pharmacist_id")
    private Long pharmacistId;
    @Enumerated(EnumType.STRING)
    private Status status;
    @Column(name = "issued_at")
    private Instant issuedAt;
    @Column(name = "dispensed_at")
    private Instant dispensedAt;
    @Column(name = "cancelled_at")
    private Instant cancelledAt;
    @Column(name = "cancel_reason")
    private String cancelReason;
    private String note;
    @Column(name = "total_amount")
    private BigDecimal totalAmount;

    public void dispense(long pharmacist) {
        requireIssued("dispensed");
        status = Status.DISPENSED;
        pharmacistId = pharmacist;
        dispensedAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    public void cancel(String reason) {
        requireIssued("cancelled");
        status = Status.CANCELLED;
        cancelReason = reason;
        cancelledAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    private void requireIssued(String what) {
        if (status != Status.ISSUED) {
            throw DomainException.conflict("status", "prescription " + getId() + " is " + status
                    + "; only ISSUED prescriptions can be " + what);
        }
    }

    public Long getVisitId() { return visitId; }
    public void setVisitId(Long visitId) { this.visitId = visitId; }
    public Long getDoctorId() { return doctorId; }
    public void setDoctorId(Long doctorId) { this.doctorId = doctorId; }
    public Long getPharmacistId() { return pharmacistId; }
    public Status getStatus() { return status; }
    public void setStatus(Status status) { this.status = status; }
    public Instant getIssuedAt() { return issuedAt; }
    public void setIssuedAt(Instant issuedAt) { this.issuedAt = issuedAt; }
    public Instant getDispensedAt() { return dispensedAt; }
    public Instant getCancelledAt() { return cancelledAt; }
    public String getCancelReason() { return cancelReason; }
    public String getNote() { return note; }
    public void setNote(String note) { this.note = note; }
    public BigDecimal getTotalAmount() { return totalAmount; }
    public void setTotalAmount(BigDecimal totalAmount) { this.totalAmount = totalAmount; }
}
