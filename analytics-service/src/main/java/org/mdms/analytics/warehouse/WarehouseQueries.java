package org.mdms.analytics.warehouse;

import java.util.List;

/**
 * The warehouse's SQL: the upserts of the appliers (one {@link Upsert} per table), the reads of the old state they
 * take deltas from, the cursor move, and the month rebuild. {@code (:ids)} is expanded by {@link Sql#selectIn}.
 */
final class WarehouseQueries {

    private WarehouseQueries() {
    }

    private static final String[] SUMS = {"quantity", "amount", "prescriptions", "items"};

    // ------------------------------------------------------------------ dimensions

    static final Upsert DEPARTMENT = Upsert.replacing("dim_department", List.of("id"), "hospital_id", "code", "name");
    static final Upsert STAFF = Upsert.replacing("dim_staff", List.of("id"), "user_id", "department_id", "kind", "name",
            "title", "active");
    static final Upsert PATIENT = Upsert.replacing("dim_patient", List.of("id"), "gender", "birth_year", "deleted");
    static final Upsert DRUG = Upsert.replacing("dim_drug", List.of("id"), "code", "name", "generic_name", "category",
            "dosage_form", "strength", "unit", "price", "active");

    // ------------------------------------------------------------------ facts

    static final Upsert VISIT = Upsert.replacing("fact_visit", List.of("id"), "patient_id", "doctor_id",
            "department_id", "visit_type", "status", "started_at", "ended_at", "day", "diagnosis_code");
    static final Upsert PRESCRIPTION = Upsert.replacing("fact_prescription", List.of("id"), "visit_id", "patient_id",
            "doctor_id", "department_id", "status", "issued_at", "day", "month_key", "total_amount", "counted");
    /** Items are deleted and inserted again with their prescription, never updated in place. */
    static final Upsert PRESCRIPTION_ITEM = Upsert.inserting("fact_prescription_item", "month_key", "item_id",
            "prescription_id", "drug_id", "doctor_id", "department_id", "day", "quantity", "unit_price", "amount",
            "counted");
    static final Upsert VITAL_SIGN = Upsert.replacing("fact_vital_sign", List.of("id"), "patient_id", "visit_id",
            "vital_type", "value", "secondary_value", "unit", "abnormal", "measured_at", "day");
    static final Upsert EXAMINATION = Upsert.replacing("fact_examination", List.of("id"), "visit_id", "patient_id",
            "technician_id", "item", "abnormal", "performed_at", "day");

    static final String VISITS_BY_ID =
            "SELECT id, department_id, day, visit_type, status FROM fact_visit WHERE id IN (:ids)";
    static final String VISIT_DEPARTMENTS = "SELECT id, department_id FROM fact_visit WHERE id IN (:ids)";
    static final String PRESCRIPTIONS_BY_ID =
            "SELECT id, doctor_id, department_id, day, month_key, counted FROM fact_prescription WHERE id IN (:ids)";
    static final String PRESCRIPTION_MONTHS = "SELECT id, month_key FROM fact_prescription WHERE id IN (:ids)";
    static final String PRESCRIPTIONS_OF_VISITS = "SELECT id, visit_id, doctor_id, department_id, day, month_key, "
            + "counted FROM fact_prescription WHERE visit_id IN (:ids)";
    static final String ITEMS_OF_PRESCRIPTIONS = "SELECT prescription_id, item_id, drug_id, quantity, unit_price, "
            + "amount FROM fact_prescription_item WHERE prescription_id IN (:ids)";
    static final String DELETE_ITEMS_OF_PRESCRIPTIONS =
            "DELETE FROM fact_prescription_item WHERE prescription_id IN (:ids)";
    static final String VITAL_SIGNS_BY_ID = "SELECT day, vital_type, abnormal FROM fact_vital_sign WHERE id IN (:ids)";

    /** The prescriptions (and their items) of a visit that moved, to its new department; a long from our own table. */
    static String movePrescriptions(long department) {
        return "UPDATE fact_prescription SET department_id = " + department + " WHERE id IN (:ids)";
    }

    static String moveItems(long department) {
        return "UPDATE fact_prescription_item SET department_id = " + department + " WHERE prescription_id IN (:ids)";
    }

    // ------------------------------------------------------------------ rollups (deltas: added, may be negative)

    static final Upsert DRUG_MONTH = Upsert.adding("rollup_drug_month", List.of("drug_id", "month_key"), SUMS);
    static final Upsert DRUG_DAY = Upsert.adding("rollup_drug_day", List.of("day", "drug_id"), SUMS);
    static final Upsert DRUG_DEPARTMENT_MONTH = Upsert.adding("rollup_drug_department_month",
            List.of("drug_id", "department_id", "month_key"), SUMS);
    static final Upsert DOCTOR_DRUG_MONTH = Upsert.adding("rollup_doctor_drug_month",
            List.of("doctor_id", "drug_id", "month_key"), SUMS);
    static final Upsert DEPARTMENT_DAY = Upsert.adding("rollup_department_day", List.of("department_id", "day"),
            "prescriptions", "items", "revenue");
    static final Upsert DEPARTMENT_WEEK = Upsert.adding("rollup_department_week",
            List.of("week_start", "department_id"), "prescriptions", "items", "revenue");
    static final Upsert DEPARTMENT_MONTH = Upsert.adding("rollup_department_month",
            List.of("month_key", "department_id"), "prescriptions", "items", "revenue");
    static final Upsert VISIT_WEEK = Upsert.adding("rollup_visit_week",
            List.of("week_start", "department_id", "visit_type"), "visits");
    static final Upsert VISIT_MONTH = Upsert.adding("rollup_visit_month",
            List.of("month_key", "department_id", "visit_type"), "visits");
    static final Upsert MONTH = Upsert.adding("rollup_month", List.of("month_key"), "prescriptions", "items",
            "quantity", "amount");
    static final Upsert VISIT_DAY = Upsert.adding("rollup_visit_day", List.of("department_id", "day", "visit_type"),
            "visits");
    static final Upsert VITAL_DAY = Upsert.adding("rollup_vital_day", List.of("day", "vital_type"), "measurements",
            "abnormal");

    // ------------------------------------------------------------------ cursor, lease, bulk catch-up

    /** Moves the cursor only from where the batch started and only while this worker holds the lease. */
    static final String MOVE_CURSOR = """
            UPDATE sync_cursor c, sync_lease l
               SET c.last_seq = ?, c.last_event_at = COALESCE(?, c.last_event_at),
                   c.last_synced_at = UTC_TIMESTAMP(6), c.events_applied = c.events_applied + ?,
                   l.expires_at = UTC_TIMESTAMP(6) + INTERVAL ? MICROSECOND
             WHERE c.id = 1 AND c.last_seq = ? AND l.name = 'sync' AND l.owner = ?
               AND l.expires_at > UTC_TIMESTAMP(6)""";
    static final String RENEW_LEASE = """
            UPDATE sync_lease SET expires_at = UTC_TIMESTAMP(6) + INTERVAL ? MICROSECOND
             WHERE name = 'sync' AND owner = ? AND expires_at > UTC_TIMESTAMP(6)""";

    static final Upsert STALE_MONTH = Upsert.ignoring("rollup_stale_month", "month_key");
    static final String STALE_MONTHS = "SELECT month_key FROM rollup_stale_month ORDER BY month_key";
    static final String CLEAR_STALE_MONTH = "DELETE FROM rollup_stale_month WHERE month_key = ?";

    private static final String COUNTED_ITEMS_OF_MONTH =
            " FROM fact_prescription_item WHERE month_key = ? AND counted = 1 GROUP BY ";

    static final String DELETE_DRUG_MONTH = "DELETE FROM rollup_drug_month WHERE month_key = ?";
    static final String REBUILD_DRUG_MONTH = "INSERT INTO rollup_drug_month (drug_id, month_key, quantity, amount, "
            + "prescriptions, items) SELECT drug_id, month_key, SUM(quantity), SUM(amount), "
            + "COUNT(DISTINCT prescription_id), COUNT(*)" + COUNTED_ITEMS_OF_MONTH + "month_key, drug_id";
    static final String DELETE_DRUG_DAYS = "DELETE FROM rollup_drug_day WHERE day >= ? AND day < ?";
    static final String REBUILD_DRUG_DAYS = "INSERT INTO rollup_drug_day (day, drug_id, quantity, amount, "
            + "prescriptions, items) SELECT day, drug_id, SUM(quantity), SUM(amount), "
            + "COUNT(DISTINCT prescription_id), COUNT(*)" + COUNTED_ITEMS_OF_MONTH + "day, drug_id";
    static final String REBUILD_DRUG_DEPARTMENT_MONTH = "INSERT INTO rollup_drug_department_month (drug_id, "
            + "department_id, month_key, quantity, amount, prescriptions, items) SELECT drug_id, department_id, "
            + "month_key, SUM(quantity), SUM(amount), COUNT(DISTINCT prescription_id), COUNT(*)"
            + COUNTED_ITEMS_OF_MONTH + "month_key, department_id, drug_id";
    static final String REBUILD_DOCTOR_DRUG_MONTH = "INSERT INTO rollup_doctor_drug_month (doctor_id, drug_id, "
            + "month_key, quantity, amount, prescriptions, items) SELECT doctor_id, drug_id, month_key, SUM(quantity), "
            + "SUM(amount), COUNT(DISTINCT prescription_id), COUNT(*)" + COUNTED_ITEMS_OF_MONTH
            + "month_key, doctor_id, drug_id";
    static final String DELETE_DEPARTMENT_DAYS = "DELETE FROM rollup_department_day WHERE day >= ? AND day < ?";
    /** Prescriptions from the heads (a prescription counts even without items), items and revenue from the items. */
    static final String REBUILD_DEPARTMENT_DAYS = "INSERT INTO rollup_department_day (department_id, day, "
            + "prescriptions, items, revenue) SELECT department_id, day, SUM(p), SUM(i), SUM(r) FROM ("
            + "SELECT department_id, day, COUNT(*) AS p, 0 AS i, 0 AS r FROM fact_prescription "
            + "WHERE month_key = ? AND counted = 1 GROUP BY department_id, day UNION ALL "
            + "SELECT department_id, day, 0, COUNT(*), SUM(amount)" + COUNTED_ITEMS_OF_MONTH + "department_id, day"
            + ") x GROUP BY department_id, day";
    // a month's week and month rollups from its day rollups: the month, and every ISO week overlapping it (a week
    // that spans two months sums the days of both, so the neighbour's day rollups must be right: they are, or that
    // month is stale too and its own rebuild, later, recomputes the shared week again)
    static final String DELETE_DEPARTMENT_MONTH = "DELETE FROM rollup_department_month WHERE month_key = ?";
    static final String REBUILD_DEPARTMENT_MONTH = "INSERT INTO rollup_department_month (month_key, department_id, "
            + "prescriptions, items, revenue) SELECT ?, department_id, SUM(prescriptions), SUM(items), SUM(revenue) "
            + "FROM rollup_department_day WHERE day >= ? AND day < ? GROUP BY department_id";
    static final String DELETE_DEPARTMENT_WEEKS = "DELETE FROM rollup_department_week WHERE week_start >= ? "
            + "AND week_start < ?";
    static final String REBUILD_DEPARTMENT_WEEKS = "INSERT INTO rollup_department_week (week_start, department_id, "
            + "prescriptions, items, revenue) SELECT day - INTERVAL WEEKDAY(day) DAY, department_id, "
            + "SUM(prescriptions), SUM(items), SUM(revenue) FROM rollup_department_day WHERE day >= ? AND day < ? "
            + "GROUP BY 1, 2";
    static final String DELETE_VISIT_MONTH = "DELETE FROM rollup_visit_month WHERE month_key = ?";
    static final String REBUILD_VISIT_MONTH = "INSERT INTO rollup_visit_month (month_key, department_id, visit_type, "
            + "visits) SELECT ?, department_id, visit_type, SUM(visits) FROM rollup_visit_day WHERE day >= ? "
            + "AND day < ? GROUP BY department_id, visit_type";
    static final String DELETE_VISIT_WEEKS = "DELETE FROM rollup_visit_week WHERE week_start >= ? AND week_start < ?";
    static final String REBUILD_VISIT_WEEKS = "INSERT INTO rollup_visit_week (week_start, department_id, visit_type, "
            + "visits) SELECT day - INTERVAL WEEKDAY(day) DAY, department_id, visit_type, SUM(visits) "
            + "FROM rollup_visit_day WHERE day >= ? AND day < ? GROUP BY 1, 2, 3";
    static final String DELETE_MONTH = "DELETE FROM rollup_month WHERE month_key = ?";
    static final String REBUILD_MONTH = "INSERT INTO rollup_month (month_key, prescriptions, items, quantity, "
            + "amount) SELECT ?, p.n, i.n, i.q, i.a FROM (SELECT COUNT(*) AS n FROM fact_prescription "
            + "WHERE month_key = ? AND counted = 1) p CROSS JOIN (SELECT COUNT(*) AS n, "
            + "COALESCE(SUM(quantity), 0) AS q, COALESCE(SUM(amount), 0) AS a FROM fact_prescription_item "
            + "WHERE month_key = ? AND counted = 1) i WHERE p.n > 0 OR i.n > 0";

    /** The prefixes (department or doctor) present in a rollup keyed prefix, ..., month: see MonthRebuild. */
    static String prefixesOf(String table, String prefix) {
        return "SELECT DISTINCT " + prefix + " FROM " + table;
    }

    /** One month of a rollup, one range per prefix; month is a yyyyMM int. */
    static String deleteMonthOf(String table, String prefix, int month) {
        return "DELETE FROM " + table + " WHERE " + prefix + " IN (:ids) AND month_key = " + month;
    }
}
