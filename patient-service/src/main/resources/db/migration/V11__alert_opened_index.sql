-- Alert statistics over all departments read the alerts opened in a window: without a department the only index
-- on opened_at was the second column of the department, patient and status indexes.
CREATE INDEX ix_alert_opened ON alert (opened_at);
