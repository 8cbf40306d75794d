package org.mdms.records.examination;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.mdms.records.common.RecordEntity;

import java.time.Instant;

/** One examination or lab item of a visit, with its result. */
@Entity
@Table(name = "examination")
public class Examination extends RecordEntity {

    @Column(name = "visit_id")
    private Long visitId;
    @Column(name = "technician_id")
    private Long technicianId;
    private String item;
    private String result;
    private String unit;
    @Column(name = "reference_range")
    private String referenceRange;
    private boolean abnormal;
    @Column(name = "performed_at")
    private Instant performedAt;

    public Long getVisitId() { return visitId; }
    public void setVisitId(Long visitId) { this.visitId = visitId; }
    public Long getTechnicianId() { return technicianId; }
    public void setTechnicianId(Long technicianId) { this.technicianId = technicianId; }
    public String getItem() { return item; }
    public void setItem(String item) { this.item = item; }
    public String getResult() { return result; }
    public void setResult(String result) { this.result = result; }
    public String getUnit() { return unit; }
    public void setUnit(String unit) { this.unit = unit; }
    public String getReferenceRange() { return referenceRange; }
    public void setReferenceRange(String referenceRange) { this.referenceRange = referenceRange; }
    public boolean isAbnormal() { return abnormal; }
    public void setAbnormal(boolean abnormal) { this.abnormal = abnormal; }
    public Instant getPerformedAt() { return performedAt; }
    public void setPerformedAt(Instant performedAt) { this.performedAt = performedAt; }
}
