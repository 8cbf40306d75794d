package org.mdms.records.device;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.mdms.records.common.RecordEntity;

import java.time.Instant;

/** A device measuring one patient (at one bed) from startedAt until endedAt (null = still). */
@Entity
@Table(name = "device_assignment")
public class DeviceAssignment extends RecordEntity {

    @Column(name = "device_id")
    private Long deviceId;
    @Column(name = "patient_id")
    private Long patientId;
    private String bed;
    @Column(name = "started_at")
    private Instant startedAt;
    @Column(name = "ended_at")
    private Instant endedAt;
    @Column(name = "assigned_by")
    private String assignedBy;
    @Column(name = "ended_by")
    private String endedBy;

    public Long getDeviceId() { return deviceId; }
    public void setDeviceId(Long deviceId) { this.deviceId = deviceId; }
    public Long getPatientId() { return patientId; }
    public void setPatientId(Long patientId) { this.patientId = patientId; }
    public String getBed() { return bed; }
    public void setBed(String bed) { this.bed = bed; }
    public Instant getStartedAt() { return startedAt; }
    public void setStartedAt(Instant startedAt) { this.startedAt = startedAt; }
    public Instant getEndedAt() { return endedAt; }
    public String getAssignedBy() { return assignedBy; }
    public void setAssignedBy(String assignedBy) { this.assignedBy = assignedBy; }
    public String getEndedBy() { return endedBy; }

    public void end(Instant at, String by) {
        this.endedAt = at;
        this.endedBy = by;
    }
}
