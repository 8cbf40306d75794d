package org.mdms.records.auth;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One refresh token, stored as the SHA-256 of its value. A family is one sign-in and all its rotations. */
@Entity
@Table(name = "refresh_token")
public class RefreshToken {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "token_hash")
    private String tokenHash;
    private String family;
    @Column(name = "user_id")
    private long userId;
    @Column(name = "token_version")
    private int tokenVersion;
    @Column(name = "issued_at")
    private Instant issuedAt;
    @Column(name = "expires_at")
    private Instant expiresAt;
    @Column(name = "used_at")
    private Instant usedAt;
    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected RefreshToken() {
    }

    public RefreshToken(String tokenHash, String family, long userId, int tokenVersion, Instant issuedAt,
                        Instant expiresAt) {
        this.tokenHash = tokenHash;
        this.family = family;
        this.userId = userId;
        this.tokenVersion = tokenVersion;
        this.issuedAt = issuedAt;
        this.expiresAt = expiresAt;
    }

    public Long getId() { return id; }
    public String getFamily() { return family; }
    public long getUserId() { return userId; }
    public int getTokenVersion() { return tokenVersion; }
    public Instant getExpiresAt() { return expiresAt; }
    public Instant getUsedAt() { return usedAt; }
    public Instant getRevokedAt() { return revokedAt; }
}
