-- Months a reconciliation did not compare because bulk catch-up had marked them stale (rollup_stale_month): their
-- rollups are incomplete until the rebuild, so a difference there is expected, not a mismatch. Comma-separated
-- yyyy-MM, NULL when every month was compared.
ALTER TABLE reconciliation_run ADD COLUMN pending_months VARCHAR(1000) NULL;
