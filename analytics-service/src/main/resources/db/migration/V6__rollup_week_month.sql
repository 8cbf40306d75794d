-- Questions 4 and 5 by week or month grouped day rollups (about 3 visits per rollup_visit_day row at 1 M items), so
-- a year by month read tens of thousands of rows. Week and month rollups hold the same figures per ISO week (its
-- Monday) and per month: a window reads its whole periods here and only its partial edge periods from the day
-- rollups. Kept exact like the day rollups: every day delta also goes to its week and month, and a month rebuild
-- recomputes the month and every week overlapping it from the day rollups. Keys lead with the period, then the
-- department, so a window is one range (narrowed by department when one is asked for).
CREATE TABLE rollup_visit_week (
    week_start    DATE        NOT NULL,
    department_id BIGINT      NOT NULL,
    visit_type    VARCHAR(20) NOT NULL,
    visits        BIGINT      NOT NULL,
    PRIMARY KEY (week_start, department_id, visit_type)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE rollup_visit_month (
    month_key     INT         NOT NULL,
    department_id BIGINT      NOT NULL,
    visit_type    VARCHAR(20) NOT NULL,
    visits        BIGINT      NOT NULL,
    PRIMARY KEY (month_key, department_id, visit_type)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE rollup_department_week (
    week_start    DATE           NOT NULL,
    department_id BIGINT         NOT NULL,
    prescriptions BIGINT         NOT NULL,
    items         BIGINT         NOT NULL,
    revenue       DECIMAL(16, 2) NOT NULL,
    PRIMARY KEY (week_start, department_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE rollup_department_month (
    month_key     INT            NOT NULL,
    department_id BIGINT         NOT NULL,
    prescriptions BIGINT         NOT NULL,
    items         BIGINT         NOT NULL,
    revenue       DECIMAL(16, 2) NOT NULL,
    PRIMARY KEY (month_key, department_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- existing day rollups (months waiting for a rebuild are redone by it)
INSERT INTO rollup_visit_week (week_start, department_id, visit_type, visits)
SELECT day - INTERVAL WEEKDAY(day) DAY, department_id, visit_type, SUM(visits)
  FROM rollup_visit_day GROUP BY 1, 2, 3;
INSERT INTO rollup_visit_month (month_key, department_id, visit_type, visits)
SELECT YEAR(day) * 100 + MONTH(day), department_id, visit_type, SUM(visits)
  FROM rollup_visit_day GROUP BY 1, 2, 3;
INSERT INTO rollup_department_week (week_start, department_id, prescriptions, items, revenue)
SELECT day - INTERVAL WEEKDAY(day) DAY, department_id, SUM(prescriptions), SUM(items), SUM(revenue)
  FROM rollup_department_day GROUP BY 1, 2;
INSERT INTO rollup_department_month (month_key, department_id, prescriptions, items, revenue)
SELECT YEAR(day) * 100 + MONTH(day), department_id, SUM(prescriptions), SUM(items), SUM(revenue)
  FROM rollup_department_day GROUP BY 1, 2;
