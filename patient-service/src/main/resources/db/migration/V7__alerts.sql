-- Alerts (issue 15): rules per vital type with severity, thresholds and sustain time; the alerts they open.

-- A rule applies to every patient (department_id and patient_id NULL: the hospital's default), to the patients of
-- one department (their open visit's), or to one patient; for a code the most specific one wins, so a patient's
-- override with enabled = FALSE turns that rule off for the patient. scope_key makes one rule per code and scope.
CREATE TABLE alert_rule (
    id                     BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    code                   VARCHAR(40)  NOT NULL,
    kind                   VARCHAR(20)  NOT NULL,
    vital_type             VARCHAR(20),
    department_id          BIGINT,
    patient_id             BIGINT,
    severity               VARCHAR(10)  NOT NULL,
    below                  DECIMAL(6, 2),
    above                  DECIMAL(6, 2),
    sustain_seconds        INT          NOT NULL DEFAULT 0,
    resolve_after_seconds  INT          NOT NULL DEFAULT 60,
    escalate_after_seconds INT          NOT NULL DEFAULT 300,
    silent_after_seconds   INT,
    enabled                BOOLEAN      NOT NULL DEFAULT TRUE,
    updated_by             VARCHAR(64)  NOT NULL,
    created_at             DATETIME(6)  NOT NULL,
    updated_at             DATETIME(6)  NOT NULL,
    version                INT          NOT NULL DEFAULT 0,
    scope_key              VARCHAR(32) AS (CASE WHEN patient_id IS NOT NULL THEN CONCAT('P', patient_id)
                                                WHEN department_id IS NOT NULL THEN CONCAT('D', department_id)
                                                ELSE 'ALL' END) STORED,
    CONSTRAINT uq_alert_rule_scope UNIQUE (code, scope_key),
    CONSTRAINT ck_alert_rule_kind CHECK (kind IN ('VITAL_SIGN', 'DEVICE_SILENT')),
    CONSTRAINT ck_alert_rule_severity CHECK (severity IN ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
    CONSTRAINT fk_alert_rule_department FOREIGN KEY (department_id) REFERENCES department (id),
    CONSTRAINT fk_alert_rule_patient FOREIGN KEY (patient_id) REFERENCES patient (id),
    INDEX ix_alert_rule_patient (patient_id),
    INDEX ix_alert_rule_department (department_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The hospital's defaults (thresholds on `value`: the systolic pressure for BLOOD_PRESSURE).
INSERT INTO alert_rule (code, kind, vital_type, severity, below, above, sustain_seconds, resolve_after_seconds,
                        escalate_after_seconds, silent_after_seconds, updated_by, created_at, updated_at) VALUES
    ('SPO2_LOW', 'VITAL_SIGN', 'SPO2', 'HIGH', 90, NULL, 30, 60, 300, NULL, 'migration', NOW(6), NOW(6)),
    ('HEART_RATE_HIGH', 'VITAL_SIGN', 'HEART_RATE', 'CRITICAL', NULL, 150, 0, 60, 120, NULL, 'migration', NOW(6), NOW(6)),
    ('HEART_RATE_LOW', 'VITAL_SIGN', 'HEART_RATE', 'HIGH', 40, NULL, 10, 60, 300, NULL, 'migration', NOW(6), NOW(6)),
    ('BLOOD_PRESSURE_HIGH', 'VITAL_SIGN', 'BLOOD_PRESSURE', 'HIGH', NULL, 180, 60, 300, 600, NULL, 'migration', NOW(6), NOW(6)),
    ('BLOOD_PRESSURE_LOW', 'VITAL_SIGN', 'BLOOD_PRESSURE', 'HIGH', 80, NULL, 60, 300, 600, NULL, 'migration', NOW(6), NOW(6)),
    ('TEMPERATURE_HIGH', 'VITAL_SIGN', 'TEMPERATURE', 'MEDIUM', NULL, 39.0, 0, 600, 1800, NULL, 'migration', NOW(6), NOW(6)),
    ('DEVICE_SILENT', 'DEVICE_SILENT', NULL, 'MEDIUM', NULL, NULL, 0, 0, 600, 120, 'migration', NOW(6), NOW(6));

-- An alert of one patient and rule code. open_key makes the database keep one unresolved alert per patient and
-- code: a breach that goes on updates it (last_value, last_breach_at, breaches) instead of opening another.
CREATE TABLE alert (
    id               BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    patient_id       BIGINT        NOT NULL,
    department_id    BIGINT,
    rule_id          BIGINT        NOT NULL,
    rule_code        VARCHAR(40)   NOT NULL,
    kind             VARCHAR(20)   NOT NULL,
    vital_type       VARCHAR(20),
    device_id        BIGINT,
    severity         VARCHAR(10)   NOT NULL,
    status           VARCHAR(20)   NOT NULL,
    escalated        BOOLEAN       NOT NULL DEFAULT FALSE,
    message          VARCHAR(300)  NOT NULL,
    first_value      DECIMAL(6, 2),
    last_value       DECIMAL(6, 2),
    breaches         INT           NOT NULL DEFAULT 1,
    breach_started_at DATETIME(6)  NOT NULL,
    last_breach_at   DATETIME(6)   NOT NULL,
    opened_at        DATETIME(6)   NOT NULL,
    escalate_due_at  DATETIME(6)   NOT NULL,
    escalated_at     DATETIME(6),
    acknowledged_at  DATETIME(6),
    acknowledged_by  VARCHAR(64),
    acknowledge_note VARCHAR(500),
    resolved_at      DATETIME(6),
    resolved_by      VARCHAR(64),
    resolution       VARCHAR(10),
    updated_at       DATETIME(6)   NOT NULL,
    version          INT           NOT NULL DEFAULT 0,
    open_key         VARCHAR(64) AS (CASE WHEN status <> 'RESOLVED' THEN CONCAT(patient_id, ':', rule_code) END) STORED,
    CONSTRAINT uq_alert_open UNIQUE (open_key),
    CONSTRAINT ck_alert_status CHECK (status IN ('OPEN', 'ACKNOWLEDGED', 'RESOLVED')),
    CONSTRAINT ck_alert_severity CHECK (severity IN ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
    CONSTRAINT fk_alert_patient FOREIGN KEY (patient_id) REFERENCES patient (id),
    INDEX ix_alert_patient (patient_id, opened_at),
    INDEX ix_alert_department (department_id, opened_at),
    INDEX ix_alert_status (status, opened_at),
    INDEX ix_alert_escalation (status, escalated, escalate_due_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
