package org.mdms.analytics.reconciliation;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.analytics.warehouse.Sql;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The SQL of reconciliation: the warehouse's side of every figure compared with patient-service. */
@ApplicationScoped
public class ReconciliationQueries {

    /** A warehouse rollup compared for one dimension: the SQL gives month_key, id and the named figures. */
    record BreakdownCheck(String dimension, String table, String sql, List<String> figures, boolean byDay) {
    }

    /** Per department x month, doctor x month and drug x month; rollups by day are grouped into months. */
    static final List<BreakdownCheck> BREAKDOWN_CHECKS = List.of(
            new BreakdownCheck("department", "rollup_department_day", "SELECT YEAR(day) * 100 + MONTH(day) AS month_key, "
                    + "department_id AS id, SUM(prescriptions) AS prescriptions, SUM(items) AS items, "
                    + "SUM(revenue) AS amount FROM rollup_department_day WHERE day >= ? AND day < ? GROUP BY 1, 2",
                    List.of("prescriptions", "items", "amount"), true),
            // questions 4 and 5 read whole months from the month rollup: compared on its own (its weeks are
            // recomputed from the day rollups by every rebuild of a month they overlap)
            new BreakdownCheck("department", "rollup_department_month", "SELECT month_key, department_id AS id, "
                    + "prescriptions, items, revenue AS amount FROM rollup_department_month "
                    + "WHERE month_key BETWEEN ? AND ?", List.of("prescriptions", "items", "amount"), false),
            new BreakdownCheck("department", "rollup_drug_department_month", "SELECT month_key, department_id AS id, "
                    + "SUM(items) AS items, SUM(quantity) AS quantity, SUM(amount) AS amount "
                    + "FROM rollup_drug_department_month WHERE month_key BETWEEN ? AND ? GROUP BY 1, 2",
                    List.of("items", "quantity", "amount"), false),
            new BreakdownCheck("doctor", "rollup_doctor_drug_month", "SELECT month_key, doctor_id AS id, "
                    + "SUM(items) AS items, SUM(quantity) AS quantity, SUM(amount) AS amount "
                    + "FROM rollup_doctor_drug_month WHERE month_key BETWEEN ? AND ? GROUP BY 1, 2",
                    List.of("items", "quantity", "amount"), false),
            new BreakdownCheck("drug", "rollup_drug_month", "SELECT month_key, drug_id AS id, prescriptions, items, "
                    + "quantity, amount FROM rollup_drug_month WHERE month_key BETWEEN ? AND ?",
                    List.of("prescriptions", "items", "quantity", "amount"), false));

    private static final String MONTH_TOTALS = "SELECT month_key, prescriptions, items, quantity, amount "
            + "FROM rollup_month WHERE month_key BETWEEN ? AND ?";
    private static final String DRUG_MONTH_TOTALS = "SELECT month_key, SUM(items) AS items, SUM(quantity) AS quantity, "
            + "SUM(amount) AS amount FROM rollup_drug_month WHERE month_key BETWEEN ? AND ? GROUP BY month_key";

    private final Pool pool;

    public ReconciliationQueries(Pool pool) {
        this.pool = pool;
    }

    /** yyyy-MM -> "rollup_month.prescriptions", "rollup_drug_month.items" ... -> value, months without rows absent. */
    Uni<Map<String, Map<String, BigDecimal>>> monthTotals(YearMonth from, YearMonth to) {
        Map<String, Map<String, BigDecimal>> result = new HashMap<>();
        return Sql.query(pool, MONTH_TOTALS, key(from), key(to))
                .invoke(rows -> rows.forEach(row -> {
                    Map<String, BigDecimal> m = result.computeIfAbsent(month(row), k -> new HashMap<>());
                    m.put("rollup_month.prescriptions", Sql.decimal(row, "prescriptions"));
                    m.put("rollup_month.items", Sql.decimal(row, "items"));
                    m.put("rollup_month.quantity", Sql.decimal(row, "quantity"));
                    m.put("rollup_month.amount", Sql.decimal(row, "amount"));
                }))
                .chain(() -> Sql.query(pool, DRUG_MONTH_TOTALS, key(from), key(to)))
                .map(rows -> {
                    rows.forEach(row -> {
                        Map<String, BigDecimal> m = result.computeIfAbsent(month(row), k -> new HashMap<>());
                        m.put("rollup_drug_month.items", Sql.decimal(row, "items"));
                        m.put("rollup_drug_month.quantity", Sql.decimal(row, "quantity"));
                        m.put("rollup_drug_month.amount", Sql.decimal(row, "amount"));
                    });
                    return result;
                });
    }

    /** "yyyy-MM|id" -> figure -> value of one check over the months [from, to], in key order. */
    Uni<Map<String, Map<String, BigDecimal>>> breakdown(BreakdownCheck check, YearMonth from, YearMonth to) {
        Object[] range = check.byDay()
                ? new Object[]{from.atDay(1), to.plusMonths(1).atDay(1)}
                : new Object[]{key(from), key(to)};
        return Sql.query(pool, check.sql(), range).map(rows -> {
            Map<String, Map<String, BigDecimal>> byKey = new TreeMap<>();
            for (Row row : rows) {
                Map<String, BigDecimal> figures = new HashMap<>();
                check.figures().forEach(figure -> figures.put(figure, Sql.decimal(row, figure)));
                byKey.put(month(row) + "|" + row.getLong("id"), figures);
            }
            return byKey;
        });
    }

    private static int key(YearMonth month) {
        return month.getYear() * 100 + month.getMonthValue();
    }

    private static String month(Row row) {
        int key = ((Number) row.getValue("month_key")).intValue();
        return YearMonth.of(key / 100, key % 100).toString();
    }
}
