-- Break-the-glass: a staff member's audited, time-limited access to one patient they do not treat.
CREATE TABLE emergency_access (
    id          BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    patient_id  BIGINT        NOT NULL,
    user_id     BIGINT        NOT NULL,
    username    VARCHAR(64)   NOT NULL,
    role        VARCHAR(20)   NOT NULL,
    reason      VARCHAR(500)  NOT NULL,
    granted_at  DATETIME(6)   NOT NULL,
    expires_at  DATETIME(6)   NOT NULL,
    created_at  DATETIME(6)   NOT NULL,
    updated_at  DATETIME(6)   NOT NULL,
    version     INT           NOT NULL DEFAULT 0,
    CONSTRAINT fk_emergency_patient FOREIGN KEY (patient_id) REFERENCES patient (id),
    CONSTRAINT fk_emergency_user FOREIGN KEY (user_id) REFERENCES user_account (id),
    -- the care check asks "does this user hold an unexpired grant for this patient": one index range
    INDEX ix_emergency_patient_user (patient_id, user_id, expires_at),
    INDEX ix_emergency_granted (granted_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The care check also asks "is this staff member the technician of an examination of the patient".
CREATE INDEX ix_examination_technician ON examination (technician_id, visit_id);
