-- Accounts that can be locked and revoked (issue 10, section 4).

-- User names are compared byte for byte: 'ADMIN' is not 'admin'. (utf8mb4_bin still pads trailing spaces, but names
-- with spaces or control characters are refused at creation and at sign-in, and the service compares exactly.)
ALTER TABLE user_account
    MODIFY username VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;

-- failed_logins / locked_until: consecutive wrong passwords and the lockout they caused.
-- token_version: raised on disable, password change, role change; tokens carrying an older version are refused.
ALTER TABLE user_account
    ADD COLUMN failed_logins            INT         NOT NULL DEFAULT 0,
    ADD COLUMN locked_until             DATETIME(6) NULL,
    ADD COLUMN token_version            INT         NOT NULL DEFAULT 0,
    ADD COLUMN token_version_changed_at DATETIME(6) NULL,
    ADD INDEX ix_user_token_version_changed (token_version_changed_at);

-- Refresh tokens, stored as SHA-256 of the token. One family per sign-in; each refresh replaces the row it used.
-- A used (rotated) token presented again revokes its whole family.
CREATE TABLE refresh_token (
    id            BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    token_hash    CHAR(64)    NOT NULL,
    family        CHAR(36)    NOT NULL,
    user_id       BIGINT      NOT NULL,
    token_version INT         NOT NULL,
    issued_at     DATETIME(6) NOT NULL,
    expires_at    DATETIME(6) NOT NULL,
    used_at       DATETIME(6) NULL,
    revoked_at    DATETIME(6) NULL,
    CONSTRAINT uk_refresh_token_hash UNIQUE (token_hash),
    CONSTRAINT fk_refresh_token_user FOREIGN KEY (user_id) REFERENCES user_account (id),
    INDEX ix_refresh_token_family (family),
    INDEX ix_refresh_token_user (user_id),
    INDEX ix_refresh_token_revoked (revoked_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
