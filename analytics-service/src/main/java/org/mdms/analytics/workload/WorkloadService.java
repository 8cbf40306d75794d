package org.mdms.analytics.workload;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.analytics.common.DomainException;
import org.mdms.analytics.common.Source;
import org.mdms.analytics.warehouse.Sql;
import org.mdms.analytics.workload.WorkloadDtos.DepartmentWorkload;
import org.mdms.analytics.workload.WorkloadDtos.VisitTrendRow;
import org.mdms.analytics.workload.WorkloadDtos.VisitTrends;
import org.mdms.analytics.workload.WorkloadDtos.WorkloadRow;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/** Questions 4 and 5 from the day rollups grouped by day, ISO week or month (or from the raw facts, Source.FACTS). */
@ApplicationScoped
public class WorkloadService {

    private final Pool pool;

    public WorkloadService(Pool pool) {
        this.pool = pool;
    }

    /** The period of a row's day, computed in place (a join with dim_date per rollup row cost more than this). */
    private static String period(String granularity) {
        return switch (granularity) {
            case "week" -> "x.day - INTERVAL WEEKDAY(x.day) DAY";
            case "month" -> "YEAR(x.day) * 100 + MONTH(x.day)";
            default -> "x.day";
        };
    }

    static String periodText(Object value) {
        if (value instanceof Number key) {
            return YearMonth.of(key.intValue() / 100, key.intValue() % 100).toString();
        }
        return value.toString();
    }

    private Uni<Void> checkDepartment(Long departmentId) {
        if (departmentId == null) {
            return Uni.createFrom().voidItem();
        }
        return Sql.query(pool, "SELECT id FROM dim_department WHERE id = ?", departmentId).map(rows -> {
            if (rows.size() == 0) {
                throw DomainException.notFound("department", departmentId);
            }
            return null;
        });
    }

    /** Question 4: visits, prescriptions and revenue per department and period. */
    public Uni<DepartmentWorkload> workload(LocalDate from, LocalDate to, String granularity, Long departmentId,
                                            Source source) {
        String visits;
        String prescriptions;
        if (source == Source.FACTS) {
            visits = "SELECT department_id, day, COUNT(*) AS visits, 0 AS prescriptions, 0 AS revenue FROM fact_visit "
                    + "WHERE day BETWEEN ? AND ? AND status <> 'CANCELLED' GROUP BY department_id, day";
            prescriptions = "SELECT department_id, day, 0, COUNT(DISTINCT prescription_id), SUM(amount) "
                    + "FROM fact_prescription_item WHERE month_key BETWEEN ? AND ? AND day BETWEEN ? AND ? AND counted = 1 "
                    + "GROUP BY department_id, day";
        } else {
            visits = "SELECT department_id, day, visits, 0 AS prescriptions, 0 AS revenue FROM rollup_visit_day "
                    + "WHERE day BETWEEN ? AND ?";
            prescriptions = "SELECT department_id, day, 0, prescriptions, revenue FROM rollup_department_day "
                    + "WHERE day BETWEEN ? AND ?";
        }
        String filter = departmentId == null ? "" : " AND department_id = ?";
        // the department filter goes into each branch so both rollups are read by (day, department) range
        visits = visits.replace(" GROUP BY", filter + " GROUP BY");
        prescriptions = prescriptions.replace(" GROUP BY", filter + " GROUP BY");
        if (source != Source.FACTS) {
            visits += filter;
            prescriptions += filter;
        }
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
        String sql = "SELECT x.department_id, dep.name, " + period(granularity) + " AS period, SUM(x.visits) AS visits, "
                + "SUM(x.prescriptions) AS prescriptions, SUM(x.revenue) AS revenue FROM (" + visits + " UNION ALL "
                + prescriptions + ") x LEFT JOIN dim_department dep ON dep.id = x.department_id"
                + " GROUP BY x.department_id, dep.name, period "
                + "HAVING SUM(x.visits) <> 0 OR SUM(x.prescriptions) <> 0 ORDER BY period, x.department_id";
        return checkDepartment(departmentId).chain(() -> Sql.query(pool, sql, params.toArray())).map(rows -> {
            List<WorkloadRow> out = new ArrayList<>();
            for (Row row : rows) {
                out.add(new WorkloadRow(periodText(row.getValue("period")), row.getLong("department_id"),
                        row.getString("name"), Sql.longOf(row, "visits"), Sql.longOf(row, "prescriptions"),
                        Sql.decimal(row, "revenue").setScale(2)));
            }
            return new DepartmentWorkload(from.toString(), to.toString(), granularity, departmentId,
                    source.name().toLowerCase(), out);
        });
    }

    /** Question 5: visits per type, department and period. */
    public Uni<VisitTrends> visitTrends(LocalDate from, LocalDate to, String granularity, Long departmentId,
                                        String visitType, Source source) {
        List<Object> params = new ArrayList<>(List.of(from, to));
        String base = source == Source.FACTS
                ? "SELECT department_id, day, visit_type, 1 AS visits FROM fact_visit WHERE day BETWEEN ? AND ? "
                + "AND status <> 'CANCELLED'"
                : "SELECT department_id, day, visit_type, visits FROM rollup_visit_day WHERE day BETWEEN ? AND ?";
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
        return checkDepartment(departmentId).chain(() -> Sql.query(pool, sql, params.toArray())).map(rows -> {
            List<VisitTrendRow> out = new ArrayList<>();
            for (Row row : rows) {
                out.add(new VisitTrendRow(periodText(row.getValue("period")), row.getLong("department_id"),
                        row.getString("name"), row.getString("visit_type"), Sql.longOf(row, "visits")));
            }
            return new VisitTrends(from.toString(), to.toString(), granularity, departmentId, visitType,
                    source.name().toLowerCase(), out);
        });
    }
}
