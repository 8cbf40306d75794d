package org.mdms.analytics.workload;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.analytics.common.Source;
import org.mdms.analytics.warehouse.Sql;
import org.mdms.analytics.workload.WorkloadDtos.VisitTrendRow;
import org.mdms.analytics.workload.WorkloadDtos.WorkloadRow;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of questions 4 and 5: the day rollups (visits; prescriptions and revenue per department) grouped by day,
 * ISO week or month, or with Source.FACTS the raw visits and prescription items.
 */
@ApplicationScoped
public class WorkloadQueries {

    private static final String VISITS_FROM_FACTS = "SELECT department_id, day, COUNT(*) AS visits, 0 AS prescriptions, "
            + "0 AS revenue FROM fact_visit WHERE day BETWEEN ? AND ? AND status <> 'CANCELLED'";
    private static final String PRESCRIPTIONS_FROM_FACTS = "SELECT department_id, day, 0, COUNT(DISTINCT prescription_id), "
            + "SUM(amount) FROM fact_prescription_item WHERE month_key BETWEEN ? AND ? AND day BETWEEN ? AND ? "
            + "AND counted = 1";
    private static final String VISITS = "SELECT department_id, day, visits, 0 AS prescriptions, 0 AS revenue "
            + "FROM rollup_visit_day WHERE day BETWEEN ? AND ?";
    private static final String PRESCRIPTIONS = "SELECT department_id, day, 0, prescriptions, revenue "
            + "FROM rollup_department_day WHERE day BETWEEN ? AND ?";
    private static final String VISIT_TYPES_FROM_FACTS = "SELECT department_id, day, visit_type, 1 AS visits "
            + "FROM fact_visit WHERE day BETWEEN ? AND ? AND status <> 'CANCELLED'";
    private static final String VISIT_TYPES = "SELECT department_id, day, visit_type, visits FROM rollup_visit_day "
            + "WHERE day BETWEEN ? AND ?";

    private final Pool pool;

    public WorkloadQueries(Pool pool) {
        this.pool = pool;
    }

    /** Visits, prescriptions and revenue per department and period, periods in order, empty groups left out. */
    Uni<List<WorkloadRow>> workload(LocalDate from, LocalDate to, String granularity, Long departmentId,
                                    Source source) {
        // the department filter goes into each branch so both rollups are read by (day, department) range
        String filter = departmentId == null ? "" : " AND department_id = ?";
        List<Object> params = new ArrayList<>(List.of(from, to));
        if (departmentId != null) {
            params.add(departmentId);
        }
        if (source == Source.FACTS) {
            params.add(Sql.monthKey(from));
            params.add(Sql.monthKey(to));
        }
        params.add(from);
        params.add(to);
        if (departmentId != null) {
            params.add(departmentId);
        }
        String visits = source == Source.FACTS
                ? VISITS_FROM_FACTS + filter + " GROUP BY department_id, day" : VISITS + filter;
        String prescriptions = source == Source.FACTS
                ? PRESCRIPTIONS_FROM_FACTS + filter + " GROUP BY department_id, day" : PRESCRIPTIONS + filter;
        String sql = "SELECT x.department_id, dep.name, " + period(granularity) + " AS period, SUM(x.visits) AS visits, "
                + "SUM(x.prescriptions) AS prescriptions, SUM(x.revenue) AS revenue FROM (" + visits + " UNION ALL "
                + prescriptions + ") x LEFT JOIN dim_department dep ON dep.id = x.department_id"
                + " GROUP BY x.department_id, dep.name, period "
                + "HAVING SUM(x.visits) <> 0 OR SUM(x.prescriptions) <> 0 ORDER BY period, x.department_id";
        return Sql.query(pool, sql, params.toArray()).map(rows -> {
            List<WorkloadRow> out = new ArrayList<>();
            for (Row row : rows) {
                out.add(new WorkloadRow(periodText(row.getValue("period")), row.getLong("department_id"),
                        row.getString("name"), Sql.longOf(row, "visits"), Sql.longOf(row, "prescriptions"),
                        Sql.decimal(row, "revenue").setScale(2)));
            }
            return out;
        });
    }

    /** Visits per type, department and period, periods in order, empty groups left out. */
    Uni<List<VisitTrendRow>> visitTrends(LocalDate from, LocalDate to, String granularity, Long departmentId,
                                         String visitType, Source source) {
        List<Object> params = new ArrayList<>(List.of(from, to));
        String base = source == Source.FACTS ? VISIT_TYPES_FROM_FACTS : VISIT_TYPES;
        if (departmentId != null) {
            base += " AND department_id = ?";
            params.add(departmentId);
        }
        if (visitType != null) {
            base += " AND visit_type = ?";
            params.add(visitType);
        }
        String sql = "SELECT x.department_id, dep.name, " + period(granularity) + " AS period, x.visit_type, "
                + "SUM(x.visits) AS visits FROM (" + base + ") x "
                + "LEFT JOIN dim_department dep ON dep.id = x.department_id "
                + "GROUP BY x.department_id, dep.name, period, x.visit_type HAVING SUM(x.visits) <> 0 "
                + "ORDER BY period, x.department_id, x.visit_type";
        return Sql.query(pool, sql, params.toArray()).map(rows -> {
            List<VisitTrendRow> out = new ArrayList<>();
            for (Row row : rows) {
                out.add(new VisitTrendRow(periodText(row.getValue("period")), row.getLong("department_id"),
                        row.getString("name"), row.getString("visit_type"), Sql.longOf(row, "visits")));
            }
            return out;
        });
    }

    /** The period of a row's day, computed in place (a join with dim_date per rollup row cost more than this). */
    private static String period(String granularity) {
        return switch (granularity) {
            case "week" -> "x.day - INTERVAL WEEKDAY(x.day) DAY";
            case "month" -> "YEAR(x.day) * 100 + MONTH(x.day)";
            default -> "x.day";
        };
    }

    /** A month period comes back as its key yyyymm, a day or week as its date. */
    static String periodText(Object value) {
        if (value instanceof Number key) {
            return YearMonth.of(key.intValue() / 100, key.intValue() % 100).toString();
        }
        return value.toString();
    }
}
