package org.mdms.records.auth;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import org.mdms.records.common.RecordEntity;

import java.time.Instant;

@Entity
@Table(name = "user_account")
public class UserAccount extends RecordEntity {

    private String username;
    @Column(name = "password_hash")
    private String passwordHash;
    @Enumerated(EnumType.STRING)
    private Role role;
    @Column(name = "display_name")
    private String displayName;
    private boolean enabled = true;
    /** Consecutive wrong passwords, read only here (counted and reset with plain SQL in TokenService). */
    @Column(name = "failed_logins", insertable = false, updatable = false)
    private int failedLogins;
    /** Set when too many wrong passwords locked the account (failed_logins is counted with plain SQL). */
    @Column(name = "locked_until")
    private Instant lockedUntil;
    /** Raised to end every token issued before: disable, password change, role change. */
    @Column(name = "token_version")
    private int tokenVersion;
    @Column(name = "token_version_changed_at")
    private Instant tokenVersionChangedAt;

    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public String getPasswordHash() { return passwordHash; }
    public void setPasswordHash(String passwordHash) { this.passwordHash = passwordHash; }
    public Role getRole() { return role; }
    public void setRole(Role role) { this.role = role; }
    public String getDisplayName() { return displayName; }
    public void setDisplayName(String displayName) { this.displayName = displayName; }
    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public int getFailedLogins() { return failedLogins; }
    public Instant getLockedUntil() { return lockedUntil; }
    public void setLockedUntil(Instant lockedUntil) { this.lockedUntil = lockedUntil; }
    public int getTokenVersion() { return tokenVersion; }
    public Instant getTokenVersionChangedAt() { return tokenVersionChangedAt; }

    public boolean isLocked(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }

    /** Ends every access and refresh token issued so far (the revocation list carries the new version). */
    public void revokeTokens() {
        tokenVersion++;
        tokenVersionChangedAt = Instant.now();
    }
}
