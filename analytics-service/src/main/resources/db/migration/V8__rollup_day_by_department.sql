-- Questions 4 and 5 for one department read its days of a window (and the partial edge periods of a window by week
-- or month). The day rollups' keys lead with the day, so such a read walked every department's rows of the window
-- (30 departments x 3 visit types for visits) and kept one department's. These covering indexes lead with the
-- department: the window of one department is read from the index alone, only its own rows.
ALTER TABLE rollup_department_day
    ADD INDEX ix_rollup_department_day_department (department_id, day, prescriptions, revenue);
ALTER TABLE rollup_visit_day
    ADD INDEX ix_rollup_visit_day_department (department_id, day, visit_type, visits);
