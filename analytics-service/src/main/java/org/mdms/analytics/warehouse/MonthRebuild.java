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
        return Sql.query(pool, WarehouseQueries.STALE_MONTHS).map(rows -> {
            List<Integer> months = new ArrayList<>();
            rows.forEach(row -> months.add(row.getInteger(0)));
            return months;
        });
    }

    /**
     * Recomputes the prescription rollups of one month (drug, drug x day, drug x department, doctor x drug,
     * department x day, month) from its facts, then its department and visit rollups by month and by every ISO week
     * overlapping it from the day rollups, and removes the month's stale mark, in one transaction that renews the
     * sync lease and is refused without it. Idempotent: the result depends on the facts only.
     */
    public Uni<Void> rebuildMonth(int month, String leaseOwner, Duration leaseDuration) {
        LocalDate first = LocalDate.of(month / 100, month % 100, 1);
        LocalDate next = first.plusMonths(1);
        return pool.withTransaction(conn -> Sql.query(conn, WarehouseQueries.RENEW_LEASE,
                        leaseDuration.toNanos() / 1000, leaseOwner)
                .invoke(rows -> {
                    if (rows.rowCount() == 0) {
                        throw new StaleBatchException("the sync lease was lost; rebuild of " + month + " rolled back");
                    }
                })
                .chain(() -> Sql.query(conn, WarehouseQueries.CLEAR_STALE_MONTH, month))
                .chain(() -> Sql.query(conn, WarehouseQueries.DELETE_DRUG_MONTH, month))
                .chain(() -> Sql.query(conn, WarehouseQueries.REBUILD_DRUG_MONTH, month))
                .chain(() -> Sql.query(conn, WarehouseQueries.DELETE_DRUG_DAYS, first, next))
                .chain(() -> Sql.query(conn, WarehouseQueries.REBUILD_DRUG_DAYS, month))
                .chain(() -> deleteMonth(conn, "rollup_drug_department_month", "department_id", month))
                .chain(() -> Sql.query(conn, WarehouseQueries.REBUILD_DRUG_DEPARTMENT_MONTH, month))
                .chain(() -> deleteMonth(conn, "rollup_doctor_drug_month", "doctor_id", month))
                .chain(() -> Sql.query(conn, WarehouseQueries.REBUILD_DOCTOR_DRUG_MONTH, month))
                .chain(() -> Sql.query(conn, WarehouseQueries.DELETE_DEPARTMENT_DAYS, first, next))
                .chain(() -> Sql.query(conn, WarehouseQueries.REBUILD_DEPARTMENT_DAYS, month, month))
                .chain(() -> Sql.query(conn, WarehouseQueries.DELETE_MONTH, month))
                .chain(() -> Sql.query(conn, WarehouseQueries.REBUILD_MONTH, month, month, month))
                .chain(() -> rebuildWeeksAndMonth(conn, month, first, next))
                .replaceWithVoid());
    }

    /**
     * The month's week and month rollups (departments and visits) from its day rollups, just rebuilt: the month, and
     * every ISO week that overlaps it, whole (the days of the neighbouring month included).
     */
    private static Uni<Void> rebuildWeeksAndMonth(SqlConnection conn, int month, LocalDate first, LocalDate next) {
        LocalDate firstWeek = Sql.weekStart(first);
        LocalDate afterLastWeek = Sql.weekStart(next.minusDays(1)).plusWeeks(1);
        return Sql.query(conn, WarehouseQueries.DELETE_DEPARTMENT_MONTH, month)
                .chain(() -> Sql.query(conn, WarehouseQueries.REBUILD_DEPARTMENT_MONTH, month, first, next))
                .chain(() -> Sql.query(conn, WarehouseQueries.DELETE_DEPARTMENT_WEEKS, firstWeek, afterLastWeek))
                .chain(() -> Sql.query(conn, WarehouseQueries.REBUILD_DEPARTMENT_WEEKS, firstWeek, afterLastWeek))
                .chain(() -> Sql.query(conn, WarehouseQueries.DELETE_VISIT_MONTH, month))
                .chain(() -> Sql.query(conn, WarehouseQueries.REBUILD_VISIT_MONTH, month, first, next))
                .chain(() -> Sql.query(conn, WarehouseQueries.DELETE_VISIT_WEEKS, firstWeek, afterLastWeek))
                .chain(() -> Sql.query(conn, WarehouseQueries.REBUILD_VISIT_WEEKS, firstWeek, afterLastWeek))
                .replaceWithVoid();
    }

    /**
     * Deletes one month of a rollup whose key starts with {@code prefix} (department or doctor), then month: the
     * prefixes present come from a loose index scan, so the delete is a range per prefix, not a table scan.
     */
    private static Uni<Void> deleteMonth(SqlConnection conn, String table, String prefix, int month) {
        return Sql.query(conn, WarehouseQueries.prefixesOf(table, prefix)).chain(rows -> {
            List<Long> keys = new ArrayList<>();
            rows.forEach(row -> keys.add(row.getLong(0)));
            return Sql.executeIn(conn, WarehouseQueries.deleteMonthOf(table, prefix, month), keys);
        });
    }
}
