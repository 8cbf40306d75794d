package org.mdms.analytics.warehouse;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Bulk catch-up's second half: the months that bulk batches marked stale get their prescription rollups recomputed
 * from the facts with INSERT ... SELECT ... GROUP BY.
 */
@ApplicationScoped
public class MonthRebuild {

    private final Pool pool;

    public MonthRebuild(Pool pool) {
        this.pool = pool;
    }

    /** Months whose prescription rollups wait for a rebuild (marked by bulk batches), oldest first. */
    public Uni<List<Integer>> staleMonths() {
        return Sql.query(pool, "SELECT month_key FROM rollup_stale_month ORDER BY month_key").map(rows -> {
            List<Integer> months = new ArrayList<>();
            rows.forEach(row -> months.add(row.getInteger(0)));
            return months;
        });
    }

    /**
     * Recomputes the prescription rollups of one month (drug, drug x day, drug x department, doctor x drug,
     * department x day, month) from its facts and removes the month's stale mark, in one transaction that renews the sync lease and is
     * refused without it. Idempotent: the result depends on the facts only.
     */
    public Uni<Void> rebuildMonth(int month, String leaseOwner, Duration leaseDuration) {
        LocalDate first = LocalDate.of(month / 100, month % 100, 1);
        LocalDate next = first.plusMonths(1);
        String counted = " FROM fact_prescription_item WHERE month_key = ? AND counted = 1 GROUP BY ";
        return pool.withTransaction(conn -> Sql.query(conn, """
                        UPDATE sync_lease SET expires_at = UTC_TIMESTAMP(6) + INTERVAL ? MICROSECOND
                         WHERE name = 'sync' AND owner = ? AND expires_at > UTC_TIMESTAMP(6)""",
                        leaseDuration.toNanos() / 1000, leaseOwner)
                .invoke(rows -> {
                    if (rows.rowCount() == 0) {
                        throw new StaleBatchException("the sync lease was lost; rebuild of " + month + " rolled back");
                    }
                })
                .chain(() -> Sql.query(conn, "DELETE FROM rollup_stale_month WHERE month_key = ?", month))
                .chain(() -> Sql.query(conn, "DELETE FROM rollup_drug_month WHERE month_key = ?", month))
                .chain(() -> Sql.query(conn, "INSERT INTO rollup_drug_month (drug_id, month_key, quantity, amount, "
                        + "prescriptions, items) SELECT drug_id, month_key, SUM(quantity), SUM(amount), "
                        + "COUNT(DISTINCT prescription_id), COUNT(*)" + counted + "month_key, drug_id", month))
                .chain(() -> Sql.query(conn, "DELETE FROM rollup_drug_day WHERE day >= ? AND day < ?", first, next))
                .chain(() -> Sql.query(conn, "INSERT INTO rollup_drug_day (day, drug_id, quantity, amount, "
                        + "prescriptions, items) SELECT day, drug_id, SUM(quantity), SUM(amount), "
                        + "COUNT(DISTINCT prescription_id), COUNT(*)" + counted + "day, drug_id", month))
                .chain(() -> deleteMonth(conn, "rollup_drug_department_month", "department_id", month))
                .chain(() -> Sql.query(conn, "INSERT INTO rollup_drug_department_month (drug_id, department_id, "
                        + "month_key, quantity, amount, prescriptions, items) SELECT drug_id, department_id, month_key, "
                        + "SUM(quantity), SUM(amount), COUNT(DISTINCT prescription_id), COUNT(*)" + counted
                        + "month_key, department_id, drug_id", month))
                .chain(() -> deleteMonth(conn, "rollup_doctor_drug_month", "doctor_id", month))
                .chain(() -> Sql.query(conn, "INSERT INTO rollup_doctor_drug_month (doctor_id, drug_id, month_key, "
                        + "quantity, amount, prescriptions, items) SELECT doctor_id, drug_id, month_key, SUM(quantity), "
                        + "SUM(amount), COUNT(DISTINCT prescription_id), COUNT(*)" + counted + "month_key, doctor_id, drug_id",
                        month))
                .chain(() -> Sql.query(conn, "DELETE FROM rollup_department_day WHERE day >= ? AND day < ?", first,
                        next))
                // prescriptions from the heads (a prescription counts even without items), items and revenue
                .chain(() -> Sql.query(conn, "INSERT INTO rollup_department_day (department_id, day, prescriptions, "
                        + "items, revenue) SELECT department_id, day, SUM(p), SUM(i), SUM(r) FROM ("
                        + "SELECT department_id, day, COUNT(*) AS p, 0 AS i, 0 AS r FROM fact_prescription "
                        + "WHERE month_key = ? AND counted = 1 GROUP BY department_id, day UNION ALL "
                        + "SELECT department_id, day, 0, COUNT(*), SUM(amount)" + counted + "department_id, day"
                        + ") x GROUP BY department_id, day", month, month))
                .chain(() -> Sql.query(conn, "DELETE FROM rollup_month WHERE month_key = ?", month))
                .chain(() -> Sql.query(conn, "INSERT INTO rollup_month (month_key, prescriptions, items, quantity, "
                        + "amount) SELECT ?, p.n, i.n, i.q, i.a FROM (SELECT COUNT(*) AS n FROM fact_prescription "
                        + "WHERE month_key = ? AND counted = 1) p CROSS JOIN (SELECT COUNT(*) AS n, "
                        + "COALESCE(SUM(quantity), 0) AS q, COALESCE(SUM(amount), 0) AS a FROM fact_prescription_item "
                        + "WHERE month_key = ? AND counted = 1) i WHERE p.n > 0 OR i.n > 0", month, month, month))
                .replaceWithVoid());
    }

    /**
     * Deletes one month of a rollup whose key starts with {@code prefix} (department or doctor), then month: the
     * prefixes present come from a loose index scan, so the delete is a range per prefix, not a table scan.
     */
    private static Uni<Void> deleteMonth(SqlConnection conn, String table, String prefix, int month) {
        return Sql.query(conn, "SELECT DISTINCT " + prefix + " FROM " + table).chain(rows -> {
            List<Long> keys = new ArrayList<>();
            rows.forEach(row -> keys.add(row.getLong(0)));
            // month is a yyyyMM int; Sql.executeIn binds the keys in chunks
            return Sql.executeIn(conn, "DELETE FROM " + table + " WHERE " + prefix + " IN (:ids) AND month_key = "
                    + month, keys);
        });
    }
}
