package org.mdms.records.alert;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import org.mdms.records.common.RecordEntity;
import org.mdms.records.vitals.VitalType;

import java.math.BigDecimal;

/** When readings (or a silent device) open an alert: the hospital's default, a department's, or one patient's. */
@Entity
@Table(name = "alert_rule")
public class AlertRule extends RecordEntity {

    private String code;
    @Enumerated(EnumType.STRING)
    private RuleKind kind;
    @Enumerated(EnumType.STRING)
    @Column(name = "vital_type")
    private VitalType vitalType;
    @Column(name = "department_id")
    private Long departmentId;
    @Column(name = "patient_id")
    private Long patientId;
    @Enumerated(EnumType.STRING)
    private Severity severity;
    private BigDecimal below;
    private BigDecimal above;
    @Column(name = "sustain_seconds")
    private int sustainSeconds;
    @Column(name = "resolve_after_seconds")
    private int resolveAfterSeconds;
    @Column(name = "escalate_after_seconds")
    private int escalateAfterSeconds;
    @Column(name = "silent_after_seconds")
    private Integer silentAfterSeconds;
    private boolean enabled;
    @Column(name = "updated_by")
    private String updatedBy;

    /** ALL, DEPARTMENT or PATIENT: who the rule applies to. */
    public String scope() {
        return patientId != null ? "PATIENT" : departmentId != null ? "DEPARTMENT" : "ALL";
    }

    public String getCode() { return code; }
    public void setCode(String code) { this.code = code; }
    public RuleKind getKind() { return kind; }
    public void setKind(RuleKind kind) { this.kind = kind; }
    public VitalType getVitalType() { return vitalType; }
    public void setVitalType(VitalType vitalType) { this.vitalType = vitalType; }
    public Long getDepartmentId() { return departmentId; }
    public void setDepartmentId(Long departmentId) { this.departmentId = departmentId; }
    public Long getPatientId() { return patientId; }
    public void setPatientId(Long patientId) { this.patientId = patientId; }
    public Severity getSeverity() { return severity; }
    public void setSeverity(Severity severity) { this.severity = severity; }
    public BigDecimal getBelow() { return below; }
    public void setBelow(BigDecimal below) { this.below = below; }
    public BigDecimal getAbove() { return above; }
    public void setAbove(BigDecimal above) { this.above = above; }
    public int getSustainSeconds() { return sustainSeconds; }
    public void setSustainSeconds(int sustainSeconds) { this.sustainSeconds = sustainSeconds; }
    public int getResolveAfterSeconds() { return resolveAfterSeconds; }
    public void setResolveAfterSeconds(int resolveAfterSeconds) { this.resolveAfterSeconds = resolveAfterSeconds; }
    public int getEscalateAfterSeconds() { return escalateAfterSeconds; }
    public void setEscalateAfterSeconds(int escalateAfterSeconds) { this.escalateAfterSeconds = escalateAfterSeconds; }
    public Integer getSilentAfterSeconds() { return silentAfterSeconds; }
    public void setSilentAfterSeconds(Integer silentAfterSeconds) { this.silentAfterSeconds = silentAfterSeconds; }
    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public String getUpdatedBy() { return updatedBy; }
    public void setUpdatedBy(String updatedBy) { this.updatedBy = updatedBy; }
}
