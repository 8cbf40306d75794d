-- DICOM instances, indexed patient → study → series → instance. The files live in the bucket under
-- dicom/{patientId}/{studyUID}/{seriesUID}/{sopUID}.dcm; a row exists only once its file was stored.
-- UIDs are at most 64 characters of digits and dots (PS3.5 9.1), so they fit the keys and the indexes.

CREATE TABLE dicom_study (
    id                BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    patient_id        BIGINT       NOT NULL,
    study_uid         VARCHAR(64)  NOT NULL,
    study_date        DATE,
    study_time        VARCHAR(16),
    accession_number  VARCHAR(16),
    description       VARCHAR(64),
    created_at        DATETIME(6)  NOT NULL,
    CONSTRAINT uq_dicom_study_uid UNIQUE (study_uid),
    INDEX ix_dicom_study_patient (patient_id, study_date)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE dicom_series (
    id                BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    study_id          BIGINT       NOT NULL,
    series_uid        VARCHAR(64)  NOT NULL,
    modality          VARCHAR(16)  NOT NULL,
    series_number     INT,
    body_part         VARCHAR(16),
    description       VARCHAR(64),
    created_at        DATETIME(6)  NOT NULL,
    CONSTRAINT uq_dicom_series_uid UNIQUE (series_uid),
    CONSTRAINT fk_dicom_series_study FOREIGN KEY (study_id) REFERENCES dicom_study (id),
    INDEX ix_dicom_series_modality (modality, study_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- patient_name / patient_birth_date: as the file says (the MRN decides the patient; see the README's "DICOM").
-- identity_note: how they differ from patient-service's record, when they do.
-- metadata: the attributes read, as DICOM JSON (PS3.18 F.2).
CREATE TABLE dicom_instance (
    id                  BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    series_id           BIGINT        NOT NULL,
    patient_id          BIGINT        NOT NULL,
    sop_uid             VARCHAR(64)   NOT NULL,
    sop_class_uid       VARCHAR(64),
    instance_number     INT,
    transfer_syntax     VARCHAR(64)   NOT NULL,
    `rows`              INT,
    `columns`           INT,
    frames              INT           NOT NULL,
    size_bytes          BIGINT        NOT NULL,
    sha256              VARCHAR(64)   NOT NULL,
    object_key          VARCHAR(255)  NOT NULL,
    thumbnail_key       VARCHAR(255)  NOT NULL,
    thumbnail_status    VARCHAR(12)   NOT NULL,
    thumbnail_note      VARCHAR(500),
    patient_name        VARCHAR(200),
    patient_birth_date  VARCHAR(16),
    identity_note       VARCHAR(500),
    metadata            MEDIUMTEXT    NOT NULL,
    uploaded_by         VARCHAR(64)   NOT NULL,
    uploaded_by_id      BIGINT,
    created_at          DATETIME(6)   NOT NULL,
    CONSTRAINT uq_dicom_instance_sop UNIQUE (sop_uid),
    CONSTRAINT fk_dicom_instance_series FOREIGN KEY (series_id) REFERENCES dicom_series (id),
    CONSTRAINT ck_dicom_thumbnail_status CHECK (thumbnail_status IN ('PENDING', 'READY', 'FAILED', 'NONE')),
    INDEX ix_dicom_instance_series (series_id, instance_number),
    INDEX ix_dicom_instance_thumbnail (thumbnail_status)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
