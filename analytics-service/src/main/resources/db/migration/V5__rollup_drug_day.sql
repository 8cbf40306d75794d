-- Question 7's top drugs cover 11 whole months and the date's month up to the date. The whole months come from
-- rollup_drug_month; the days of the last month came from the facts, a scan that grows with the data (about 140,000
-- items per month at 10 M items). Drug x day keeps that part to at most one row per drug and day.
CREATE TABLE rollup_drug_day (
    day           DATE           NOT NULL,
    drug_id       BIGINT         NOT NULL,
    quantity      BIGINT         NOT NULL,
    amount        DECIMAL(16, 2) NOT NULL,
    prescriptions BIGINT         NOT NULL,
    items         BIGINT         NOT NULL,
    PRIMARY KEY (day, drug_id)
) ENGINE = InnoDB;

-- the 11 whole months are read by month, drug and figures only: a covering index
CREATE INDEX ix_rollup_drug_month_window ON rollup_drug_month (month_key, drug_id, quantity, amount);

-- existing facts (months waiting for a rebuild are redone by it)
INSERT INTO rollup_drug_day (day, drug_id, quantity, amount, prescriptions, items)
SELECT day, drug_id, SUM(quantity), SUM(amount), COUNT(DISTINCT prescription_id), COUNT(*)
  FROM fact_prescription_item WHERE counted = 1 GROUP BY day, drug_id;
