package org.mdms.records.care;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.mdms.records.common.RecordEntity;

import java.time.Instant;

/** A break-the-glass grant: who opened which patient's record, why, and until when. Never changed once made. */
@Entity
@Table(name = "emergency_access")
public class EmergencyAccess extends RecordEntity {

    @Column(name = "patient_id")
    private Long patientId;
    @Column(name = "user_id")
    private Long userId;
    private String username;
    private String role;
    private String reason;
    @Column(name = "granted_at")
    private Instant grantedAt;
    @Column(name = "expires_at")
    private Instant expiresAt;

    public static EmergencyAccess grant(long patientId, long userId, String username, String role, String reason,
                                        Instant grantedAt, Instant expiresAt) {
        EmergencyAccess access = new EmergencyAccess();
        access.patientId = patientId;
        access.userId = userId;
        access.username = username;
        access.role = role;
        access.reason = reason;
        access.grantedAt = grantedAt;
        access.expiresAt = expiresAt;
        return access;
    }

    public Long getPatientId() { return patientId; }
    public Long getUserId() { return userId; }
    public String getUsername() { return username; }
    public String getRole() { return role; }
    public String getReason() { return reason; }
    public Instant getGrantedAt() { return grantedAt; }
    public Instant getExpiresAt() { return expiresAt; }
}
