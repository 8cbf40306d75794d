-- mdms_imaging: image categories, image metadata and the local audit trail. Runs on MySQL 8 and MariaDB 10.11+.
-- The objects themselves live in the S3 bucket; a row exists only once all its objects were stored.

CREATE TABLE image_category (
    code     VARCHAR(32)  NOT NULL PRIMARY KEY,
    name_zh  VARCHAR(50)  NOT NULL,
    name_en  VARCHAR(100) NOT NULL,
    position INT          NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO image_category (code, name_zh, name_en, position) VALUES
    ('PATIENT_PHOTO',    '患者照片', 'Patient photo',     1),
    ('ID_DOCUMENT',      '身份证件', 'ID document',       2),
    ('EXAM_REPORT',      '检查报告', 'Examination report', 3),
    ('DIAGNOSTIC_IMAGE', '诊断图片', 'Diagnostic image',  4),
    ('PRESCRIPTION',     '处方单',   'Prescription',      5),
    ('LAB_SHEET',        '化验单',   'Lab sheet',         6),
    ('ECG',              '心电图',   'ECG',               7),
    ('RECORD_PHOTO',     '病历照片', 'Medical record photo', 8),
    ('OTHER',            '其他',     'Other',             9);

-- Image ids are taken here BEFORE the objects are written, so that the object keys can carry the id and the
-- metadata row is inserted only after its objects exist (no row without its object).
CREATE TABLE image_id_sequence (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY
) ENGINE = InnoDB;

CREATE TABLE image (
    id                 BIGINT        NOT NULL PRIMARY KEY,
    patient_id         BIGINT        NOT NULL,
    visit_id           BIGINT,
    technician_id      BIGINT,
    category           VARCHAR(32)   NOT NULL,
    title              VARCHAR(200)  NOT NULL,
    description        VARCHAR(2000),
    original_filename  VARCHAR(255)  NOT NULL,
    content_type       VARCHAR(100)  NOT NULL,
    format             VARCHAR(10)   NOT NULL,
    size_bytes         BIGINT        NOT NULL,
    width              INT           NOT NULL,
    height             INT           NOT NULL,
    sha256             VARCHAR(64)   NOT NULL,
    object_key         VARCHAR(255)  NOT NULL,
    thumbnail_key      VARCHAR(255)  NOT NULL,
    preview_key        VARCHAR(255)  NOT NULL,
    visibility         VARCHAR(10)   NOT NULL,
    uploaded_by        VARCHAR(64)   NOT NULL,
    uploaded_by_id     BIGINT,
    created_at         DATETIME(6)   NOT NULL,
    updated_at         DATETIME(6)   NOT NULL,
    deleted_at         DATETIME(6),
    deleted_by         VARCHAR(64),
    delete_reason      VARCHAR(500),
    purged_at          DATETIME(6),
    integrity_checked_at DATETIME(6),
    integrity_ok       BOOLEAN,
    version            INT           NOT NULL DEFAULT 0,
    CONSTRAINT fk_image_category FOREIGN KEY (category) REFERENCES image_category (code),
    CONSTRAINT ck_image_visibility CHECK (visibility IN ('PUBLIC', 'PRIVATE')),
    INDEX ix_image_patient (patient_id, created_at),
    INDEX ix_image_visit (visit_id),
    INDEX ix_image_category (category, created_at),
    INDEX ix_image_deleted (deleted_at),
    INDEX ix_image_created (created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Same fields as patient-service's audit_event: who read or changed which patient's images.
CREATE TABLE audit_event (
    id            BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    occurred_at   DATETIME(6)  NOT NULL,
    user_id       BIGINT,
    username      VARCHAR(64)  NOT NULL,
    role          VARCHAR(20),
    action        VARCHAR(20)  NOT NULL,
    resource_type VARCHAR(40)  NOT NULL,
    resource_id   BIGINT,
    patient_id    BIGINT,
    detail        VARCHAR(1000),
    INDEX ix_audit_patient (patient_id, occurred_at),
    INDEX ix_audit_user (username, occurred_at),
    INDEX ix_audit_time (occurred_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- What the scheduled jobs found (scrub mismatches, strays, purges, sweeps), for admins to read back.
CREATE TABLE maintenance_report (
    id          BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    job         VARCHAR(20)   NOT NULL,
    started_at  DATETIME(6)   NOT NULL,
    finished_at DATETIME(6)   NOT NULL,
    examined    INT           NOT NULL,
    problems    INT           NOT NULL,
    detail      LONGTEXT      NOT NULL,
    INDEX ix_report_job (job, started_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
