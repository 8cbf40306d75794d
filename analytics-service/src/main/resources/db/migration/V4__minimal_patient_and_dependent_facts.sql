-- 1. Feed minimisation: the feed now carries a patient's gender and birth year only. The warehouse keeps the year
--    and derives the age band when asked (view dim_patient_age), so the band never goes stale as people age.
ALTER TABLE dim_patient ADD COLUMN birth_year SMALLINT NULL;
UPDATE dim_patient SET birth_year = YEAR(birth_date) WHERE birth_date IS NOT NULL;
ALTER TABLE dim_patient DROP COLUMN mrn, DROP COLUMN birth_date, DROP COLUMN age_band;

-- Age band rule: age = this UTC calendar year - birth year (the age reached during this year; with the year only,
-- the exact age is one less until the birthday), in ten-year bands 0-9 .. 70-79, then 80+; UNKNOWN without a year.
CREATE VIEW dim_patient_age AS
SELECT id, gender, birth_year,
       CASE WHEN birth_year IS NULL THEN 'UNKNOWN'
            WHEN YEAR(UTC_DATE()) - birth_year >= 80 THEN '80+'
            ELSE CONCAT(FLOOR(GREATEST(YEAR(UTC_DATE()) - birth_year, 0) / 10) * 10, '-',
                        FLOOR(GREATEST(YEAR(UTC_DATE()) - birth_year, 0) / 10) * 10 + 9)
       END AS age_band,
       deleted
FROM dim_patient;

-- 2. A prescription's department is its visit's: when a visit moves, the warehouse moves the visit's prescription
--    facts (WarehouseWriter, by visit_id). Repair facts that drifted before this rule and let the rebuild redo the
--    rollups of their months.
CREATE INDEX ix_fact_prescription_visit ON fact_prescription (visit_id);
INSERT IGNORE INTO rollup_stale_month (month_key)
SELECT DISTINCT p.month_key FROM fact_prescription p JOIN fact_visit v ON v.id = p.visit_id
 WHERE p.department_id <> v.department_id;
UPDATE fact_prescription_item i JOIN fact_prescription p ON p.id = i.prescription_id
  JOIN fact_visit v ON v.id = p.visit_id
   SET i.department_id = v.department_id
 WHERE i.department_id <> v.department_id;
UPDATE fact_prescription p JOIN fact_visit v ON v.id = p.visit_id
   SET p.department_id = v.department_id
 WHERE p.department_id <> v.department_id;
