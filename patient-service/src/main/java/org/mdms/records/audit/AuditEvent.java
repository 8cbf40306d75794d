package org.mdms.records.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Read side of audit_event (rows are written by {@link AuditLog} with plain SQL). */
@Entity
@Table(name = "audit_event")
public class AuditEvent {

    @Id
    private Long id;
    @Column(name = "occurred_at")
    private Instant occurredAt;
    @Column(name = "user_id")
    private Long userId;
    private String username;
    private String role;
    private String action;
    @Column(name = "resource_type")
    private String resourceType;
    @Column(name = "resource_id")
    private Long resourceId;
    @Column(name = "patient_id")
    private Long patientId;
    private String detail;

    public Long getId() { return id; }
    public Instant getOccurredAt() { return occurredAt; }
    public Long getUserId() { return userId; }
    public String getUsername() { return username; }
    public String getRole() { return role; }
    public String getAction() { return action; }
    public String getResourceType() { return resourceType; }
    public Long getResourceId() { return resourceId; }
    public Long getPatientId() { return patientId; }
    public String getDetail() { return detail; }
}
