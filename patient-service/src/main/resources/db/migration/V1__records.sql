-- mdms_records: the hospital's transactional records. Runs on MySQL 8 and MariaDB 10.11+.
-- AUTO_INCREMENT ids everywhere, utf8mb4 everywhere, a foreign key for every relationship.

CREATE TABLE hospital (
    id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    code        VARCHAR(32)  NOT NULL,
    name        VARCHAR(200) NOT NULL,
    address     VARCHAR(500),
    phone       VARCHAR(32),
    created_at  DATETIME(6)  NOT NULL,
    updated_at  DATETIME(6)  NOT NULL,
    version     INT          NOT NULL DEFAULT 0,
    CONSTRAINT uk_hospital_code UNIQUE (code)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE department (
    id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    hospital_id BIGINT       NOT NULL,
    code        VARCHAR(32)  NOT NULL,
    name        VARCHAR(200) NOT NULL,
    description VARCHAR(1000),
    created_at  DATETIME(6)  NOT NULL,
    updated_at  DATETIME(6)  NOT NULL,
    version     INT          NOT NULL DEFAULT 0,
    CONSTRAINT uk_department_code UNIQUE (hospital_id, code),
    CONSTRAINT fk_department_hospital FOREIGN KEY (hospital_id) REFERENCES hospital (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE user_account (
    id            BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    username      VARCHAR(64)  NOT NULL,
    password_hash VARCHAR(100) NOT NULL,
    role          VARCHAR(20)  NOT NULL,
    display_name  VARCHAR(100) NOT NULL,
    enabled       BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at    DATETIME(6)  NOT NULL,
    updated_at    DATETIME(6)  NOT NULL,
    version       INT          NOT NULL DEFAULT 0,
    CONSTRAINT uk_user_username UNIQUE (username),
    CONSTRAINT ck_user_role CHECK (role IN ('ADMIN','DOCTOR','NURSE','PHARMACIST','TECHNICIAN','ANALYST','PATIENT'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE staff (
    id            BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    user_id       BIGINT       NOT NULL,
    department_id BIGINT       NOT NULL,
    staff_no      VARCHAR(32)  NOT NULL,
    name          VARCHAR(100) NOT NULL,
    kind          VARCHAR(20)  NOT NULL,
    title         VARCHAR(100),
    phone         VARCHAR(32),
    email         VARCHAR(200),
    active        BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at    DATETIME(6)  NOT NULL,
    updated_at    DATETIME(6)  NOT NULL,
    version       INT          NOT NULL DEFAULT 0,
    CONSTRAINT uk_staff_user UNIQUE (user_id),
    CONSTRAINT uk_staff_no UNIQUE (staff_no),
    CONSTRAINT ck_staff_kind CHECK (kind IN ('DOCTOR','NURSE','PHARMACIST','TECHNICIAN')),
    CONSTRAINT fk_staff_user FOREIGN KEY (user_id) REFERENCES user_account (id),
    CONSTRAINT fk_staff_department FOREIGN KEY (department_id) REFERENCES department (id),
    INDEX ix_staff_name (name),
    INDEX ix_staff_department_kind (department_id, kind)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE patient (
    id                      BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    user_id                 BIGINT,
    mrn                     VARCHAR(32)  NOT NULL,
    name                    VARCHAR(100) NOT NULL,
    gender                  VARCHAR(10)  NOT NULL,
    birth_date              DATE         NOT NULL,
    id_number               VARCHAR(32),
    phone                   VARCHAR(32),
    email                   VARCHAR(200),
    address                 VARCHAR(500),
    blood_type              VARCHAR(8),
    allergies               VARCHAR(1000),
    emergency_contact_name  VARCHAR(100),
    emergency_contact_phone VARCHAR(32),
    deleted_at              DATETIME(6),
    deleted_by              VARCHAR(64),
    delete_reason           VARCHAR(500),
    created_at              DATETIME(6)  NOT NULL,
    updated_at              DATETIME(6)  NOT NULL,
    version                 INT          NOT NULL DEFAULT 0,
    CONSTRAINT uk_patient_mrn UNIQUE (mrn),
    CONSTRAINT uk_patient_user UNIQUE (user_id),
    CONSTRAINT ck_patient_gender CHECK (gender IN ('MALE','FEMALE','OTHER','UNKNOWN')),
    CONSTRAINT fk_patient_user FOREIGN KEY (user_id) REFERENCES user_account (id),
    INDEX ix_patient_name (name),
    INDEX ix_patient_phone (phone),
    INDEX ix_patient_id_number (id_number)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE visit (
    id              BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    patient_id      BIGINT        NOT NULL,
    doctor_id       BIGINT        NOT NULL,
    department_id   BIGINT        NOT NULL,
    type            VARCHAR(20)   NOT NULL,
    status          VARCHAR(20)   NOT NULL,
    started_at      DATETIME(6)   NOT NULL,
    ended_at        DATETIME(6),
    chief_complaint VARCHAR(1000),
    diagnosis       VARCHAR(1000),
    diagnosis_code  VARCHAR(16),
    created_at      DATETIME(6)   NOT NULL,
    updated_at      DATETIME(6)   NOT NULL,
    version         INT           NOT NULL DEFAULT 0,
    CONSTRAINT ck_visit_type CHECK (type IN ('OUTPATIENT','INPATIENT','EMERGENCY')),
    CONSTRAINT ck_visit_status CHECK (status IN ('OPEN','CLOSED','CANCELLED')),
    CONSTRAINT fk_visit_patient FOREIGN KEY (patient_id) REFERENCES patient (id),
    CONSTRAINT fk_visit_doctor FOREIGN KEY (doctor_id) REFERENCES staff (id),
    CONSTRAINT fk_visit_department FOREIGN KEY (department_id) REFERENCES department (id),
    INDEX ix_visit_patient (patient_id, started_at),
    INDEX ix_visit_doctor (doctor_id, started_at),
    INDEX ix_visit_department (department_id, started_at),
    INDEX ix_visit_started (started_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE examination (
    id              BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    visit_id        BIGINT        NOT NULL,
    technician_id   BIGINT,
    item            VARCHAR(200)  NOT NULL,
    result          VARCHAR(1000) NOT NULL,
    unit            VARCHAR(32),
    reference_range VARCHAR(100),
    abnormal        BOOLEAN       NOT NULL DEFAULT FALSE,
    performed_at    DATETIME(6)   NOT NULL,
    created_at      DATETIME(6)   NOT NULL,
    updated_at      DATETIME(6)   NOT NULL,
    version         INT           NOT NULL DEFAULT 0,
    CONSTRAINT fk_examination_visit FOREIGN KEY (visit_id) REFERENCES visit (id),
    CONSTRAINT fk_examination_technician FOREIGN KEY (technician_id) REFERENCES staff (id),
    INDEX ix_examination_visit (visit_id, performed_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE drug (
    id           BIGINT         NOT NULL AUTO_INCREMENT PRIMARY KEY,
    code         VARCHAR(32)    NOT NULL,
    name         VARCHAR(200)   NOT NULL,
    generic_name VARCHAR(200),
    category     VARCHAR(100)   NOT NULL,
    dosage_form  VARCHAR(50)    NOT NULL,
    strength     VARCHAR(50)    NOT NULL,
    unit         VARCHAR(20)    NOT NULL,
    price        DECIMAL(10, 2) NOT NULL,
    manufacturer VARCHAR(200),
    active       BOOLEAN        NOT NULL DEFAULT TRUE,
    created_at   DATETIME(6)    NOT NULL,
    updated_at   DATETIME(6)    NOT NULL,
    version      INT            NOT NULL DEFAULT 0,
    CONSTRAINT uk_drug_code UNIQUE (code),
    CONSTRAINT ck_drug_price CHECK (price >= 0),
    INDEX ix_drug_name (name),
    INDEX ix_drug_generic_name (generic_name),
    INDEX ix_drug_category (category)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE prescription (
    id             BIGINT         NOT NULL AUTO_INCREMENT PRIMARY KEY,
    visit_id       BIGINT         NOT NULL,
    doctor_id      BIGINT         NOT NULL,
    pharmacist_id  BIGINT,
    status         VARCHAR(20)    NOT NULL,
    issued_at      DATETIME(6)    NOT NULL,
    dispensed_at   DATETIME(6),
    cancelled_at   DATETIME(6),
    cancel_reason  VARCHAR(500),
    note           VARCHAR(1000),
    total_amount   DECIMAL(12, 2) NOT NULL,
    created_at     DATETIME(6)    NOT NULL,
    updated_at     DATETIME(6)    NOT NULL,
    version        INT            NOT NULL DEFAULT 0,
    CONSTRAINT ck_prescription_status CHECK (status IN ('ISSUED','DISPENSED','CANCELLED')),
    CONSTRAINT fk_prescription_visit FOREIGN KEY (visit_id) REFERENCES visit (id),
    CONSTRAINT fk_prescription_doctor FOREIGN KEY (doctor_id) REFERENCES staff (id),
    CONSTRAINT fk_prescription_pharmacist FOREIGN KEY (pharmacist_id) REFERENCES staff (id),
    INDEX ix_prescription_visit (visit_id),
    INDEX ix_prescription_doctor (doctor_id, issued_at),
    INDEX ix_prescription_issued (issued_at),
    INDEX ix_prescription_status (status, issued_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE prescription_item (
    id              BIGINT         NOT NULL AUTO_INCREMENT PRIMARY KEY,
    prescription_id BIGINT         NOT NULL,
    drug_id         BIGINT         NOT NULL,
    quantity        INT            NOT NULL,
    dosage          VARCHAR(100)   NOT NULL,
    frequency       VARCHAR(50)    NOT NULL,
    days            INT            NOT NULL,
    unit_price      DECIMAL(10, 2) NOT NULL,
    amount          DECIMAL(12, 2) NOT NULL,
    CONSTRAINT ck_item_quantity CHECK (quantity > 0),
    CONSTRAINT fk_item_prescription FOREIGN KEY (prescription_id) REFERENCES prescription (id),
    CONSTRAINT fk_item_drug FOREIGN KEY (drug_id) REFERENCES drug (id),
    INDEX ix_item_prescription (prescription_id),
    INDEX ix_item_drug (drug_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE vital_sign (
    id              BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    patient_id      BIGINT        NOT NULL,
    visit_id        BIGINT,
    device_id       VARCHAR(64),
    type            VARCHAR(20)   NOT NULL,
    value           DECIMAL(6, 2) NOT NULL,
    secondary_value DECIMAL(6, 2),
    unit            VARCHAR(16)   NOT NULL,
    abnormal        BOOLEAN       NOT NULL DEFAULT FALSE,
    measured_at     DATETIME(6)   NOT NULL,
    recorded_by     VARCHAR(64),
    created_at      DATETIME(6)   NOT NULL,
    CONSTRAINT ck_vital_type CHECK (type IN ('HEART_RATE','BLOOD_PRESSURE','SPO2','TEMPERATURE')),
    CONSTRAINT fk_vital_patient FOREIGN KEY (patient_id) REFERENCES patient (id),
    CONSTRAINT fk_vital_visit FOREIGN KEY (visit_id) REFERENCES visit (id),
    INDEX ix_vital_patient (patient_id, type, measured_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Who read or changed which patient's data.
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

-- Transactional outbox behind GET /api/v1/changes. seq comes from change_sequence, whose single row is locked
-- by the writing transaction until it commits: sequence numbers therefore become visible in order, and a reader
-- that has seen seq N can never later meet a smaller one.
CREATE TABLE change_sequence (
    id       TINYINT NOT NULL PRIMARY KEY,
    last_seq BIGINT  NOT NULL
) ENGINE = InnoDB;
INSERT INTO change_sequence (id, last_seq) VALUES (1, 0);

CREATE TABLE change_event (
    seq         BIGINT      NOT NULL PRIMARY KEY,
    entity_type VARCHAR(20) NOT NULL,
    entity_id   BIGINT      NOT NULL,
    operation   VARCHAR(10) NOT NULL,
    occurred_at DATETIME(6) NOT NULL,
    payload     LONGTEXT    NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
