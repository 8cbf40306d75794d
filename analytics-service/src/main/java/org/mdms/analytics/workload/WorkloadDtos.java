package org.mdms.analytics.workload;

import org.mdms.analytics.common.ChartSpec;
import org.mdms.analytics.common.Chartable;
import org.mdms.analytics.common.Tabular;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeSet;

/** Answers about departments and visits (questions 4 and 5). Periods: yyyy-MM-dd (day, week start) or yyyy-MM. */
public final class WorkloadDtos {

    private WorkloadDtos() {
    }

    public record WorkloadRow(String period, long departmentId, String departmentName, long visits, long prescriptions,
                              BigDecimal revenue) {
    }

    /** Question 4: department workload by day, week or month. */
    public record DepartmentWorkload(String from, String to, String granularity, Long departmentId, String source,
                                     List<WorkloadRow> rows) implements Tabular, Chartable {
        @Override
        public List<String> csvHeader() {
            return List.of("period", "department_id", "department_name", "visits", "prescriptions", "revenue");
        }

        @Override
        public List<List<Object>> csvRows() {
            List<List<Object>> out = new ArrayList<>();
            rows.forEach(r -> out.add(List.of(r.period(), r.departmentId(), r.departmentName() == null ? ""
                    : r.departmentName(), r.visits(), r.prescriptions(), r.revenue())));
            return out;
        }

        @Override
        public ChartSpec chartSpec() {
            List<String> periods = new ArrayList<>(new TreeSet<>(rows.stream().map(WorkloadRow::period).toList()));
            LinkedHashMap<String, List<Number>> series = new LinkedHashMap<>();
            for (WorkloadRow r : rows) {
                String name = (r.departmentName() == null ? "#" + r.departmentId() : r.departmentName()) + " 就诊 visits";
                series.computeIfAbsent(name, k -> new ArrayList<>(java.util.Collections.nCopies(periods.size(), 0)))
                        .set(periods.indexOf(r.period()), r.visits());
            }
            return new ChartSpec("科室工作量 Department workload " + from + "~" + to, "时间 " + granularity,
                    "就诊 visits", periods, series, true);
        }
    }

    public record VisitTrendRow(String period, long departmentId, String departmentName, String visitType,
                                long visits) {
    }

    /** Question 5: visits by type and department over time. */
    public record VisitTrends(String from, String to, String granularity, Long departmentId, String visitType,
                              String source, List<VisitTrendRow> rows) implements Tabular, Chartable {
        @Override
        public List<String> csvHeader() {
            return List.of("period", "department_id", "department_name", "visit_type", "visits");
        }

        @Override
        public List<List<Object>> csvRows() {
            List<List<Object>> out = new ArrayList<>();
            rows.forEach(r -> out.add(List.of(r.period(), r.departmentId(), r.departmentName() == null ? ""
                    : r.departmentName(), r.visitType(), r.visits())));
            return out;
        }

        @Override
        public ChartSpec chartSpec() {
            List<String> periods = new ArrayList<>(new TreeSet<>(rows.stream().map(VisitTrendRow::period).toList()));
            LinkedHashMap<String, List<Number>> series = new LinkedHashMap<>();
            for (VisitTrendRow r : rows) {
                List<Number> values = series.computeIfAbsent(typeLabel(r.visitType()),
                        k -> new ArrayList<>(java.util.Collections.nCopies(periods.size(), 0)));
                int i = periods.indexOf(r.period());
                values.set(i, values.get(i).longValue() + r.visits());
            }
            return new ChartSpec("就诊趋势 Visit trends " + from + "~" + to, "时间 " + granularity, "就诊 visits",
                    periods, series, true);
        }

        private static String typeLabel(String type) {
            return switch (type) {
                case "OUTPATIENT" -> "门诊 outpatient";
                case "INPATIENT" -> "住院 inpatient";
                case "EMERGENCY" -> "急诊 emergency";
                default -> type;
            };
        }
    }
}
