package org.mdms.analytics.workload;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.RowSet;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.analytics.common.Source;
import org.mdms.analytics.warehouse.Sql;
import org.mdms.analytics.workload.WorkloadDtos.VisitTrendRow;
import org.mdms.analytics.workload.WorkloadDtos.WorkloadRow;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQL of questions 4 and 5: the rollups of visits and of prescriptions and revenue per department, or with
 * Source.FACTS the raw visits and prescription items grouped by day, ISO week or month. By week or month the rollups
 * answer a window's whole periods from the week or month rollups and only its partial edge periods from the day
 * rollups (a window is read as at most two day ranges and one period range).
 */
@ApplicationScoped
public class WorkloadQueries {

    private static final String VISITS_FROM_FACTS = "SELECT department_id, day, COUNT(*) AS visits, 0 AS prescriptions, "
            + "0 AS revenue FROM fact_visit WHERE day BETWEEN ? AND ? AND status <> 'CANCELLED'";
    private static final String PRESCRIPTIONS_FROM_FACTS = "SELECT department_id, day, 0, COUNT(DISTINCT prescription_id), "
            + "SUM(amount) FROM fact_prescription_item WHERE month_key BETWEEN ? AND ? AND day BETWEEN ? AND ? "
            + "AND counted = 1";
    private static final String VISIT_TYPES_FROM_FACTS = "SELECT department_id, day, visit_type, 1 AS visits "
            + "FROM fact_visit WHERE day BETWEEN ? AND ? AND status <> 'CANCELLED'";
    // by day from the rollups: each read in its key's order (day, department[, type]), so MariaDB groups and sorts
    // while it reads, with no temporary table; the two families are merged and named here
    private static final String VISITS_BY_DAY = "SELECT day, department_id, SUM(visits) AS visits FROM rollup_visit_day "
            + "WHERE day BETWEEN ? AND ?%s GROUP BY day, department_id ORDER BY day, department_id";
    private static final String PRESCRIPTIONS_BY_DAY = "SELECT day, department_id, prescriptions, revenue "
            + "FROM rollup_department_day WHERE day BETWEEN ? AND ?%s ORDER BY day, department_id";
    private static final String VISIT_TYPES_BY_DAY = "SELECT day, department_id, visit_type, visits "
            + "FROM rollup_visit_day WHERE day BETWEEN ? AND ?%s AND visits <> 0 ORDER BY day, department_id, visit_type";
    private static final String DEPARTMENT_NAMES = "SELECT id, name FROM dim_department";

    private final Pool pool;

    public WorkloadQueries(Pool pool) {
        this.pool = pool;
    }

    /** Visits, prescriptions and revenue per department and period, periods in order, empty groups left out. */
    Uni<List<WorkloadRow>> workload(LocalDate from, LocalDate to, String granularity, Long departmentId,
                                    Source source) {
        if (source == Source.ROLLUP && "day".equals(granularity)) {
            return workloadOfDays(from, to, departmentId);
        }
        if (source == Source.FACTS) {
            return workloadFromFacts(from, to, granularity, departmentId);
        }
        Window window = Window.of(from, to, granularity);
        List<Object> params = new ArrayList<>();
        String visits = window.read("rollup_visit", "visits, 0 AS prescriptions, 0 AS revenue", departmentId, null,
                params);
        String prescriptions = window.read("rollup_department", "0 AS visits, prescriptions, revenue", departmentId,
                null, params);
        String sql = "SELECT x.department_id, dep.name, x.period, SUM(x.visits) AS visits, "
                + "SUM(x.prescriptions) AS prescriptions, SUM(x.revenue) AS revenue FROM (" + visits + " UNION ALL "
                + prescriptions + ") x LEFT JOIN dim_department dep ON dep.id = x.department_id"
                + " GROUP BY x.department_id, dep.name, x.period "
                + "HAVING SUM(x.visits) <> 0 OR SUM(x.prescriptions) <> 0 ORDER BY x.period, x.department_id";
        return Sql.query(pool, sql, params.toArray()).map(WorkloadQueries::workloadRows);
    }

    /**
     * By day from the day rollups: visits summed over the visit types and the department's prescriptions of the day,
     * both read in (day, department) order and merged here; the departments' names asked at the same time.
     */
    private Uni<List<WorkloadRow>> workloadOfDays(LocalDate from, LocalDate to, Long departmentId) {
        String filter = departmentId == null ? "" : " AND department_id = ?";
        Object[] params = departmentId == null ? new Object[]{from, to} : new Object[]{from, to, departmentId};
        return Uni.combine().all().unis(Sql.query(pool, VISITS_BY_DAY.formatted(filter), params),
                        Sql.query(pool, PRESCRIPTIONS_BY_DAY.formatted(filter), params), departmentNames())
                .with(WorkloadQueries::mergeDays);
    }

    /** The rows of both day reads in (day, department) order, a department's day left out when both are zero. */
    private static List<WorkloadRow> mergeDays(RowSet<Row> visits, RowSet<Row> prescriptions,
                                               Map<Long, String> names) {
        List<WorkloadRow> out = new ArrayList<>(Math.max(visits.size(), prescriptions.size()));
        RowIterator<Row> v = visits.iterator();
        RowIterator<Row> p = prescriptions.iterator();
        Row visit = v.hasNext() ? v.next() : null;
        Row prescription = p.hasNext() ? p.next() : null;
        while (visit != null || prescription != null) {
            int order = visit == null ? 1 : prescription == null ? -1 : compareDayAndDepartment(visit, prescription);
            Row key = order <= 0 ? visit : prescription;
            LocalDate day = key.getLocalDate("day");
            long department = key.getLong("department_id");
            long visitCount = order <= 0 ? Sql.longOf(visit, "visits") : 0;
            long prescriptionCount = order >= 0 ? Sql.longOf(prescription, "prescriptions") : 0;
            BigDecimal revenue = order >= 0 ? Sql.decimal(prescription, "revenue") : BigDecimal.ZERO;
            if (visitCount != 0 || prescriptionCount != 0) {
                out.add(new WorkloadRow(day.toString(), department, names.get(department), visitCount,
                        prescriptionCount, revenue.setScale(2)));
            }
            if (order <= 0) {
                visit = v.hasNext() ? v.next() : null;
            }
            if (order >= 0) {
                prescription = p.hasNext() ? p.next() : null;
            }
        }
        return out;
    }

    private static int compareDayAndDepartment(Row a, Row b) {
        int byDay = a.getLocalDate("day").compareTo(b.getLocalDate("day"));
        return byDay != 0 ? byDay : Long.compare(a.getLong("department_id"), b.getLong("department_id"));
    }

    private Uni<Map<Long, String>> departmentNames() {
        return Sql.query(pool, DEPARTMENT_NAMES).map(rows -> {
            Map<Long, String> names = new HashMap<>();
            rows.forEach(row -> names.put(row.getLong("id"), row.getString("name")));
            return names;
        });
    }

    /** From the facts at any granularity. */
    private Uni<List<WorkloadRow>> workloadFromFacts(LocalDate from, LocalDate to, String granularity,
                                                     Long departmentId) {
        // the department filter goes into each branch so both rollups are read by (day, department) range
        String filter = departmentId == null ? "" : " AND department_id = ?";
        List<Object> params = new ArrayList<>(List.of(from, to));
        if (departmentId != null) {
            params.add(departmentId);
        }
        params.add(Sql.monthKey(from));
        params.add(Sql.monthKey(to));
        params.add(from);
        params.add(to);
        if (departmentId != null) {
            params.add(departmentId);
        }
        String visits = VISITS_FROM_FACTS + filter + " GROUP BY department_id, day";
        String prescriptions = PRESCRIPTIONS_FROM_FACTS + filter + " GROUP BY department_id, day";
        String sql = "SELECT x.department_id, dep.name, " + periodOf("x.day", granularity)
                + " AS period, SUM(x.visits) AS visits, "
                + "SUM(x.prescriptions) AS prescriptions, SUM(x.revenue) AS revenue FROM (" + visits + " UNION ALL "
                + prescriptions + ") x LEFT JOIN dim_department dep ON dep.id = x.department_id"
                + " GROUP BY x.department_id, dep.name, period "
                + "HAVING SUM(x.visits) <> 0 OR SUM(x.prescriptions) <> 0 ORDER BY period, x.department_id";
        return Sql.query(pool, sql, params.toArray()).map(WorkloadQueries::workloadRows);
    }

    private static List<WorkloadRow> workloadRows(RowSet<Row> rows) {
        List<WorkloadRow> out = new ArrayList<>();
        for (Row row : rows) {
            out.add(new WorkloadRow(periodText(row.getValue("period")), row.getLong("department_id"),
                    row.getString("name"), Sql.longOf(row, "visits"), Sql.longOf(row, "prescriptions"),
                    Sql.decimal(row, "revenue").setScale(2)));
        }
        return out;
    }

    /** Visits per type, department and period, periods in order, empty groups left out. */
    Uni<List<VisitTrendRow>> visitTrends(LocalDate from, LocalDate to, String granularity, Long departmentId,
                                         String visitType, Source source) {
        if (source == Source.ROLLUP && "day".equals(granularity)) {
            return visitTrendsOfDays(from, to, departmentId, visitType);
        }
        if (source == Source.FACTS) {
            return visitTrendsFromFacts(from, to, granularity, departmentId, visitType);
        }
        List<Object> params = new ArrayList<>();
        String visits = Window.of(from, to, granularity).read("rollup_visit", "visit_type, visits", departmentId,
                visitType, params);
        String sql = "SELECT x.department_id, dep.name, x.period, x.visit_type, SUM(x.visits) AS visits FROM ("
                + visits + ") x LEFT JOIN dim_department dep ON dep.id = x.department_id "
                + "GROUP BY x.department_id, dep.name, x.period, x.visit_type HAVING SUM(x.visits) <> 0 "
                + "ORDER BY x.period, x.department_id, x.visit_type";
        return Sql.query(pool, sql, params.toArray()).map(WorkloadQueries::visitTrendRows);
    }

    /** By day from the day rollup: one row per day, department and type already, read in that order. */
    private Uni<List<VisitTrendRow>> visitTrendsOfDays(LocalDate from, LocalDate to, Long departmentId,
                                                       String visitType) {
        StringBuilder filter = new StringBuilder();
        List<Object> params = new ArrayList<>(List.of(from, to));
        if (departmentId != null) {
            filter.append(" AND department_id = ?");
            params.add(departmentId);
        }
        if (visitType != null) {
            filter.append(" AND visit_type = ?");
            params.add(visitType);
        }
        return Uni.combine().all().unis(Sql.query(pool, VISIT_TYPES_BY_DAY.formatted(filter), params.toArray()),
                departmentNames()).with((rows, names) -> {
                    List<VisitTrendRow> out = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        long department = row.getLong("department_id");
                        out.add(new VisitTrendRow(row.getLocalDate("day").toString(), department, names.get(department),
                                row.getString("visit_type"), row.getLong("visits")));
                    }
                    return out;
                });
    }

    /** From the facts at any granularity. */
    private Uni<List<VisitTrendRow>> visitTrendsFromFacts(LocalDate from, LocalDate to, String granularity,
                                                          Long departmentId, String visitType) {
        List<Object> params = new ArrayList<>(List.of(from, to));
        String base = VISIT_TYPES_FROM_FACTS;
        if (departmentId != null) {
            base += " AND department_id = ?";
            params.add(departmentId);
        }
        if (visitType != null) {
            base += " AND visit_type = ?";
            params.add(visitType);
        }
        String sql = "SELECT x.department_id, dep.name, " + periodOf("x.day", granularity)
                + " AS period, x.visit_type, "
                + "SUM(x.visits) AS visits FROM (" + base + ") x "
                + "LEFT JOIN dim_department dep ON dep.id = x.department_id "
                + "GROUP BY x.department_id, dep.name, period, x.visit_type HAVING SUM(x.visits) <> 0 "
                + "ORDER BY period, x.department_id, x.visit_type";
        return Sql.query(pool, sql, params.toArray()).map(WorkloadQueries::visitTrendRows);
    }

    private static List<VisitTrendRow> visitTrendRows(RowSet<Row> rows) {
        List<VisitTrendRow> out = new ArrayList<>();
        for (Row row : rows) {
            out.add(new VisitTrendRow(periodText(row.getValue("period")), row.getLong("department_id"),
                    row.getString("name"), row.getString("visit_type"), Sql.longOf(row, "visits")));
        }
        return out;
    }

    /**
     * A window [from, to] by week or month: its whole periods (Mondays or month keys firstPeriod..lastPeriod, none
     * when firstPeriod is null) and the days of its partial periods at either edge.
     */
    record Window(String granularity, List<LocalDate[]> edgeDays, Object firstPeriod, Object lastPeriod) {

        static Window of(LocalDate from, LocalDate to, String granularity) {
            boolean week = "week".equals(granularity);
            // whole periods cover [firstWhole, afterWhole): from the first period starting on or after from, up to
            // the start of the period that holds the day after to
            LocalDate firstWhole = week ? Sql.weekStart(from.plusDays(6))
                    : from.getDayOfMonth() == 1 ? from : from.withDayOfMonth(1).plusMonths(1);
            LocalDate afterWhole = week ? Sql.weekStart(to.plusDays(1)) : to.plusDays(1).withDayOfMonth(1);
            if (!firstWhole.isBefore(afterWhole)) {
                return new Window(granularity, List.<LocalDate[]>of(new LocalDate[]{from, to}), null, null);
            }
            List<LocalDate[]> edges = new ArrayList<>();
            if (from.isBefore(firstWhole)) {
                edges.add(new LocalDate[]{from, firstWhole.minusDays(1)});
            }
            if (!afterWhole.isAfter(to)) {
                edges.add(new LocalDate[]{afterWhole, to});
            }
            LocalDate lastWhole = week ? afterWhole.minusWeeks(1) : afterWhole.minusMonths(1);
            return week ? new Window(granularity, edges, firstWhole, lastWhole)
                    : new Window(granularity, edges, Sql.monthKey(firstWhole), Sql.monthKey(lastWhole));
        }

        /**
         * The SELECT of one rollup family ({@code rollup_visit} or {@code rollup_department}) over the window:
         * department_id, period and {@code figures}, the edge days from its _day table and the whole periods from
         * its _week or _month table; the parameters are appended to {@code params}.
         */
        String read(String rollup, String figures, Long departmentId, String visitType, List<Object> params) {
            StringBuilder filter = new StringBuilder();
            List<Object> filterParams = new ArrayList<>();
            if (departmentId != null) {
                filter.append(" AND department_id = ?");
                filterParams.add(departmentId);
            }
            if (visitType != null) {
                filter.append(" AND visit_type = ?");
                filterParams.add(visitType);
            }
            List<String> parts = new ArrayList<>();
            if (!edgeDays.isEmpty()) {
                StringBuilder days = new StringBuilder("(");
                for (LocalDate[] range : edgeDays) {
                    days.append(days.length() > 1 ? " OR " : "").append("day BETWEEN ? AND ?");
                    params.add(range[0]);
                    params.add(range[1]);
                }
                params.addAll(filterParams);
                parts.add("SELECT department_id, " + periodOf("day", granularity) + " AS period, "
                        + figures + " FROM " + rollup + "_day WHERE " + days + ")" + filter);
            }
            if (firstPeriod != null) {
                String key = "week".equals(granularity) ? "week_start" : "month_key";
                params.add(firstPeriod);
                params.add(lastPeriod);
                params.addAll(filterParams);
                parts.add("SELECT department_id, " + key + " AS period, " + figures + " FROM " + rollup + "_"
                        + granularity + " WHERE " + key + " BETWEEN ? AND ?" + filter);
            }
            return String.join(" UNION ALL ", parts);
        }
    }

    /** The period of a row's day, computed in place (a join with dim_date per rollup row cost more than this). */
    private static String periodOf(String day, String granularity) {
        return switch (granularity) {
            case "week" -> day + " - INTERVAL WEEKDAY(" + day + ") DAY";
            case "month" -> "YEAR(" + day + ") * 100 + MONTH(" + day + ")";
            default -> day;
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
