-- Bulk catch-up (SyncService, far behind the feed): batches load the facts only and mark the months they touched
-- here, in the same transaction as the facts and the cursor; the prescription rollups of a marked month are then
-- rebuilt from its facts in one transaction that also removes the mark. A month without a mark has rollups equal
-- to its facts (kept so by deltas); a marked month's rollups are incomplete until it is rebuilt.
CREATE TABLE rollup_stale_month (
    month_key INT NOT NULL PRIMARY KEY
) ENGINE = InnoDB;
