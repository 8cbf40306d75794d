-- mdms_warehouse: the read-only warehouse copied from patient-service's change feed. Runs on MySQL 8 and
-- MariaDB 10.11+. Dimensions are small and upserted; facts keep the CURRENT state of each source entity (so an
-- update can subtract its old contribution from the rollups); rollups answer the questions.
-- month_key is yyyymm as INT, day is a DATE, both taken in UTC.

-- ---------------------------------------------------------------- dimensions
CREATE TABLE dim_department (
    id          BIGINT       NOT NULL PRIMARY KEY,
    hospital_id BIGINT,
    code        VARCHAR(32)  NOT NULL,
    name        VARCHAR(200) NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- every staff member (doctors, nurses, pharmacists, technicians): doctors are staff with kind DOCTOR
CREATE TABLE dim_staff (
    id            BIGINT       NOT NULL PRIMARY KEY,
    user_id       BIGINT,
    department_id BIGINT,
    kind          VARCHAR(20)  NOT NULL,
    name          VARCHAR(100) NOT NULL,
    title         VARCHAR(100),
    active        BOOLEAN      NOT NULL DEFAULT TRUE,
    INDEX ix_staff_department (department_id, kind)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- no names or identifiers beyond the MRN: analytics needs gender and age band only
CREATE TABLE dim_patient (
    id         BIGINT      NOT NULL PRIMARY KEY,
    mrn        VARCHAR(32),
    gender     VARCHAR(10) NOT NULL,
    birth_date DATE,
    age_band   VARCHAR(8)  NOT NULL,
    deleted    BOOLEAN     NOT NULL DEFAULT FALSE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE dim_drug (
    id           BIGINT         NOT NULL PRIMARY KEY,
    code         VARCHAR(32)    NOT NULL,
    name         VARCHAR(200)   NOT NULL,
    generic_name VARCHAR(200),
    category     VARCHAR(100),
    dosage_form  VARCHAR(50),
    strength     VARCHAR(50),
    unit         VARCHAR(20),
    price        DECIMAL(10, 2),
    active       BOOLEAN        NOT NULL DEFAULT TRUE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- calendar 2015-01-01..2042-05-18, so week/month grouping is a join, not date arithmetic in every query
CREATE TABLE dim_date (
    day         DATE     NOT NULL PRIMARY KEY,
    year        SMALLINT NOT NULL,
    month       TINYINT  NOT NULL,
    month_key   INT      NOT NULL,
    week_start  DATE     NOT NULL,
    day_of_week TINYINT  NOT NULL,
    INDEX ix_date_month (month_key)
) ENGINE = InnoDB;

-- 10,000 days from 2015-01-01 by crossing four digit tables (recursive CTEs hit a 1,000-iteration default;
-- a plain table because MySQL cannot open one temporary table twice in a query)
CREATE TABLE dim_date_digit (n INT NOT NULL);
INSERT INTO dim_date_digit VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9);
INSERT INTO dim_date (day, year, month, month_key, week_start, day_of_week)
SELECT d, YEAR(d), MONTH(d), YEAR(d) * 100 + MONTH(d), d - INTERVAL WEEKDAY(d) DAY, WEEKDAY(d) + 1
FROM (SELECT DATE '2015-01-01' + INTERVAL (a.n + 10 * b.n + 100 * c.n + 1000 * e.n) DAY AS d
      FROM dim_date_digit a CROSS JOIN dim_date_digit b CROSS JOIN dim_date_digit c CROSS JOIN dim_date_digit e) days;
DROP TABLE dim_date_digit;

-- ---------------------------------------------------------------- facts
CREATE TABLE fact_visit (
    id             BIGINT      NOT NULL PRIMARY KEY,
    patient_id     BIGINT      NOT NULL,
    doctor_id      BIGINT      NOT NULL,
    department_id  BIGINT      NOT NULL,
    visit_type     VARCHAR(20) NOT NULL,
    status         VARCHAR(20) NOT NULL,
    started_at     DATETIME(6) NOT NULL,
    ended_at       DATETIME(6),
    day            DATE        NOT NULL,
    diagnosis_code VARCHAR(16),
    INDEX ix_fact_visit_day (day, department_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- one row per prescription, its current state; counted = not CANCELLED (a cancelled prescription leaves the totals)
CREATE TABLE fact_prescription (
    id            BIGINT         NOT NULL PRIMARY KEY,
    visit_id      BIGINT,
    patient_id    BIGINT,
    doctor_id     BIGINT         NOT NULL,
    department_id BIGINT         NOT NULL,
    status        VARCHAR(20)    NOT NULL,
    issued_at     DATETIME(6)    NOT NULL,
    day           DATE           NOT NULL,
    month_key     INT            NOT NULL,
    total_amount  DECIMAL(14, 2) NOT NULL,
    counted       BOOLEAN        NOT NULL,
    INDEX ix_fact_prescription_month (month_key)
) ENGINE = InnoDB;

-- the big one: prescription items, partitioned by month. MySQL/MariaDB need the partition column in every unique
-- key, hence PRIMARY KEY (month_key, item_id); a prescription's items always share its month.
-- Denormalised (doctor, department, day, counted) so the raw-scan baseline needs no join.
CREATE TABLE fact_prescription_item (
    month_key       INT            NOT NULL,
    item_id         BIGINT         NOT NULL,
    prescription_id BIGINT         NOT NULL,
    drug_id         BIGINT         NOT NULL,
    doctor_id       BIGINT         NOT NULL,
    department_id   BIGINT         NOT NULL,
    day             DATE           NOT NULL,
    quantity        INT            NOT NULL,
    unit_price      DECIMAL(10, 2) NOT NULL,
    amount          DECIMAL(14, 2) NOT NULL,
    counted         BOOLEAN        NOT NULL,
    PRIMARY KEY (month_key, item_id),
    INDEX ix_item_prescription (prescription_id)
) ENGINE = InnoDB
PARTITION BY RANGE (month_key) (
    PARTITION p202001 VALUES LESS THAN (202002),
    PARTITION p202002 VALUES LESS THAN (202003),
    PARTITION p202003 VALUES LESS THAN (202004),
    PARTITION p202004 VALUES LESS THAN (202005),
    PARTITION p202005 VALUES LESS THAN (202006),
    PARTITION p202006 VALUES LESS THAN (202007),
    PARTITION p202007 VALUES LESS THAN (202008),
    PARTITION p202008 VALUES LESS THAN (202009),
    PARTITION p202009 VALUES LESS THAN (202010),
    PARTITION p202010 VALUES LESS THAN (202011),
    PARTITION p202011 VALUES LESS THAN (202012),
    PARTITION p202012 VALUES LESS THAN (202101),
    PARTITION p202101 VALUES LESS THAN (202102),
    PARTITION p202102 VALUES LESS THAN (202103),
    PARTITION p202103 VALUES LESS THAN (202104),
    PARTITION p202104 VALUES LESS THAN (202105),
    PARTITION p202105 VALUES LESS THAN (202106),
    PARTITION p202106 VALUES LESS THAN (202107),
    PARTITION p202107 VALUES LESS THAN (202108),
    PARTITION p202108 VALUES LESS THAN (202109),
    PARTITION p202109 VALUES LESS THAN (202110),
    PARTITION p202110 VALUES LESS THAN (202111),
    PARTITION p202111 VALUES LESS THAN (202112),
    PARTITION p202112 VALUES LESS THAN (202201),
    PARTITION p202201 VALUES LESS THAN (202202),
    PARTITION p202202 VALUES LESS THAN (202203),
    PARTITION p202203 VALUES LESS THAN (202204),
    PARTITION p202204 VALUES LESS THAN (202205),
    PARTITION p202205 VALUES LESS THAN (202206),
    PARTITION p202206 VALUES LESS THAN (202207),
    PARTITION p202207 VALUES LESS THAN (202208),
    PARTITION p202208 VALUES LESS THAN (202209),
    PARTITION p202209 VALUES LESS THAN (202210),
    PARTITION p202210 VALUES LESS THAN (202211),
    PARTITION p202211 VALUES LESS THAN (202212),
    PARTITION p202212 VALUES LESS THAN (202301),
    PARTITION p202301 VALUES LESS THAN (202302),
    PARTITION p202302 VALUES LESS THAN (202303),
    PARTITION p202303 VALUES LESS THAN (202304),
    PARTITION p202304 VALUES LESS THAN (202305),
    PARTITION p202305 VALUES LESS THAN (202306),
    PARTITION p202306 VALUES LESS THAN (202307),
    PARTITION p202307 VALUES LESS THAN (202308),
    PARTITION p202308 VALUES LESS THAN (202309),
    PARTITION p202309 VALUES LESS THAN (202310),
    PARTITION p202310 VALUES LESS THAN (202311),
    PARTITION p202311 VALUES LESS THAN (202312),
    PARTITION p202312 VALUES LESS THAN (202401),
    PARTITION p202401 VALUES LESS THAN (202402),
    PARTITION p202402 VALUES LESS THAN (202403),
    PARTITION p202403 VALUES LESS THAN (202404),
    PARTITION p202404 VALUES LESS THAN (202405),
    PARTITION p202405 VALUES LESS THAN (202406),
    PARTITION p202406 VALUES LESS THAN (202407),
    PARTITION p202407 VALUES LESS THAN (202408),
    PARTITION p202408 VALUES LESS THAN (202409),
    PARTITION p202409 VALUES LESS THAN (202410),
    PARTITION p202410 VALUES LESS THAN (202411),
    PARTITION p202411 VALUES LESS THAN (202412),
    PARTITION p202412 VALUES LESS THAN (202501),
    PARTITION p202501 VALUES LESS THAN (202502),
    PARTITION p202502 VALUES LESS THAN (202503),
    PARTITION p202503 VALUES LESS THAN (202504),
    PARTITION p202504 VALUES LESS THAN (202505),
    PARTITION p202505 VALUES LESS THAN (202506),
    PARTITION p202506 VALUES LESS THAN (202507),
    PARTITION p202507 VALUES LESS THAN (202508),
    PARTITION p202508 VALUES LESS THAN (202509),
    PARTITION p202509 VALUES LESS THAN (202510),
    PARTITION p202510 VALUES LESS THAN (202511),
    PARTITION p202511 VALUES LESS THAN (202512),
    PARTITION p202512 VALUES LESS THAN (202601),
    PARTITION p202601 VALUES LESS THAN (202602),
    PARTITION p202602 VALUES LESS THAN (202603),
    PARTITION p202603 VALUES LESS THAN (202604),
    PARTITION p202604 VALUES LESS THAN (202605),
    PARTITION p202605 VALUES LESS THAN (202606),
    PARTITION p202606 VALUES LESS THAN (202607),
    PARTITION p202607 VALUES LESS THAN (202608),
    PARTITION p202608 VALUES LESS THAN (202609),
    PARTITION p202609 VALUES LESS THAN (202610),
    PARTITION p202610 VALUES LESS THAN (202611),
    PARTITION p202611 VALUES LESS THAN (202612),
    PARTITION p202612 VALUES LESS THAN (202701),
    PARTITION p202701 VALUES LESS THAN (202702),
    PARTITION p202702 VALUES LESS THAN (202703),
    PARTITION p202703 VALUES LESS THAN (202704),
    PARTITION p202704 VALUES LESS THAN (202705),
    PARTITION p202705 VALUES LESS THAN (202706),
    PARTITION p202706 VALUES LESS THAN (202707),
    PARTITION p202707 VALUES LESS THAN (202708),
    PARTITION p202708 VALUES LESS THAN (202709),
    PARTITION p202709 VALUES LESS THAN (202710),
    PARTITION p202710 VALUES LESS THAN (202711),
    PARTITION p202711 VALUES LESS THAN (202712),
    PARTITION p202712 VALUES LESS THAN (202801),
    PARTITION pfuture VALUES LESS THAN MAXVALUE
);

CREATE TABLE fact_vital_sign (
    id              BIGINT        NOT NULL PRIMARY KEY,
    patient_id      BIGINT        NOT NULL,
    visit_id        BIGINT,
    vital_type      VARCHAR(20)   NOT NULL,
    value           DECIMAL(6, 2) NOT NULL,
    secondary_value DECIMAL(6, 2),
    unit            VARCHAR(16),
    abnormal        BOOLEAN       NOT NULL,
    measured_at     DATETIME(6)   NOT NULL,
    day             DATE          NOT NULL,
    INDEX ix_fact_vital_patient (patient_id, measured_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE fact_examination (
    id            BIGINT       NOT NULL PRIMARY KEY,
    visit_id      BIGINT,
    patient_id    BIGINT,
    technician_id BIGINT,
    item          VARCHAR(200),
    abnormal      BOOLEAN      NOT NULL,
    performed_at  DATETIME(6),
    day           DATE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- ---------------------------------------------------------------- rollups (only counted prescriptions/visits)
CREATE TABLE rollup_drug_month (
    drug_id       BIGINT         NOT NULL,
    month_key     INT            NOT NULL,
    quantity      BIGINT         NOT NULL,
    amount        DECIMAL(16, 2) NOT NULL,
    prescriptions BIGINT         NOT NULL,
    items         BIGINT         NOT NULL,
    PRIMARY KEY (drug_id, month_key),
    INDEX ix_rollup_drug_month_month (month_key)
) ENGINE = InnoDB;

CREATE TABLE rollup_drug_department_month (
    drug_id       BIGINT         NOT NULL,
    department_id BIGINT         NOT NULL,
    month_key     INT            NOT NULL,
    quantity      BIGINT         NOT NULL,
    amount        DECIMAL(16, 2) NOT NULL,
    prescriptions BIGINT         NOT NULL,
    items         BIGINT         NOT NULL,
    PRIMARY KEY (department_id, month_key, drug_id)
) ENGINE = InnoDB;

CREATE TABLE rollup_doctor_drug_month (
    doctor_id     BIGINT         NOT NULL,
    drug_id       BIGINT         NOT NULL,
    month_key     INT            NOT NULL,
    quantity      BIGINT         NOT NULL,
    amount        DECIMAL(16, 2) NOT NULL,
    prescriptions BIGINT         NOT NULL,
    items         BIGINT         NOT NULL,
    PRIMARY KEY (doctor_id, month_key, drug_id)
) ENGINE = InnoDB;

CREATE TABLE rollup_department_day (
    department_id BIGINT         NOT NULL,
    day           DATE           NOT NULL,
    prescriptions BIGINT         NOT NULL,
    items         BIGINT         NOT NULL,
    revenue       DECIMAL(16, 2) NOT NULL,
    PRIMARY KEY (day, department_id)
) ENGINE = InnoDB;

CREATE TABLE rollup_visit_day (
    department_id BIGINT      NOT NULL,
    day           DATE        NOT NULL,
    visit_type    VARCHAR(20) NOT NULL,
    visits        BIGINT      NOT NULL,
    PRIMARY KEY (day, department_id, visit_type)
) ENGINE = InnoDB;

-- per month, the same figures as patient-service's /reports/prescription-totals: reconciliation compares them
CREATE TABLE rollup_month (
    month_key     INT            NOT NULL PRIMARY KEY,
    prescriptions BIGINT         NOT NULL,
    items         BIGINT         NOT NULL,
    quantity      BIGINT         NOT NULL,
    amount        DECIMAL(16, 2) NOT NULL
) ENGINE = InnoDB;

CREATE TABLE rollup_vital_day (
    day          DATE        NOT NULL,
    vital_type   VARCHAR(20) NOT NULL,
    measurements BIGINT      NOT NULL,
    abnormal     BIGINT      NOT NULL,
    PRIMARY KEY (day, vital_type)
) ENGINE = InnoDB;

-- ---------------------------------------------------------------- sync state
-- the cursor is updated in the same transaction as the facts it covers
CREATE TABLE sync_cursor (
    id                   TINYINT     NOT NULL PRIMARY KEY,
    last_seq             BIGINT      NOT NULL,
    last_event_at        DATETIME(6),
    last_synced_at       DATETIME(6),
    events_applied       BIGINT      NOT NULL DEFAULT 0
) ENGINE = InnoDB;
INSERT INTO sync_cursor (id, last_seq, events_applied) VALUES (1, 0, 0);

-- one sync worker across all replicas: whoever holds an unexpired lease; a batch commits only while it holds it
CREATE TABLE sync_lease (
    name       VARCHAR(32)  NOT NULL PRIMARY KEY,
    owner      VARCHAR(100),
    expires_at DATETIME(6)  NOT NULL
) ENGINE = InnoDB;
INSERT INTO sync_lease (name, owner, expires_at) VALUES ('sync', NULL, '2000-01-01 00:00:00');

CREATE TABLE reconciliation_run (
    id             BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    started_at     DATETIME(6)   NOT NULL,
    from_month     VARCHAR(7)    NOT NULL,
    to_month       VARCHAR(7)    NOT NULL,
    trigger_kind   VARCHAR(20)   NOT NULL,
    months_checked INT           NOT NULL,
    mismatches     INT           NOT NULL,
    details        LONGTEXT
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
