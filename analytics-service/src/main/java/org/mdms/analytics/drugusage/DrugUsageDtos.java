package org.mdms.analytics.drugusage;

import org.mdms.analytics.common.ChartSpec;
import org.mdms.analytics.common.Chartable;
import org.mdms.analytics.common.Tabular;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/** Answers about drug use (questions 1-3). Figures count prescriptions that are not cancelled. */
public final class DrugUsageDtos {

    private DrugUsageDtos() {
    }

    public record MonthUsage(String month, long quantity, BigDecimal amount, long prescriptions) {
    }

    /** Question 1: one drug month by month over a year. */
    public record DrugMonthlyUsage(long drugId, String drugCode, String drugName, int year, Long doctorId, String source,
                                   List<MonthUsage> months) implements Tabular, Chartable {
        @Override
        public List<String> csvHeader() {
            return List.of("month", "drug_id", "drug_code", "drug_name", "quantity", "amount", "prescriptions");
        }

        @Override
        public List<List<Object>> csvRows() {
            return months.stream().map(m -> List.<Object>of(m.month(), drugId, drugCode, drugName, m.quantity(),
                    m.amount(), m.prescriptions())).toList();
        }

        @Override
        public ChartSpec chartSpec() {
            LinkedHashMap<String, List<Number>> series = new LinkedHashMap<>();
            series.put("数量 quantity", months.stream().map(m -> (Number) m.quantity()).toList());
            series.put("处方数 prescriptions", months.stream().map(m -> (Number) m.prescriptions()).toList());
            return new ChartSpec(drugName + " " + year + " 月度用量 (monthly use)", "月份 month", "数量 count",
                    months.stream().map(MonthUsage::month).toList(), series, false);
        }
    }

    public record RankedDrug(int rank, long drugId, String drugCode, String drugName, long quantity, BigDecimal amount,
                             long prescriptions) {
    }

    /** Question 2 (and 3 with doctorId): drugs ranked by quantity or amount over a period. */
    public record DrugRanking(String from, String to, String by, String order, int n, Long departmentId, Long doctorId,
                              String source, List<RankedDrug> drugs) implements Tabular, Chartable {
        @Override
        public List<String> csvHeader() {
            return List.of("rank", "drug_id", "drug_code", "drug_name", "quantity", "amount", "prescriptions");
        }

        @Override
        public List<List<Object>> csvRows() {
            List<List<Object>> rows = new ArrayList<>();
            for (RankedDrug d : drugs) {
                rows.add(List.of(d.rank(), d.drugId(), d.drugCode(), d.drugName(), d.quantity(), d.amount(),
                        d.prescriptions()));
            }
            return rows;
        }

        @Override
        public ChartSpec chartSpec() {
            LinkedHashMap<String, List<Number>> series = new LinkedHashMap<>();
            series.put("amount".equals(by) ? "金额 amount" : "数量 quantity", drugs.stream()
                    .map(d -> "amount".equals(by) ? (Number) d.amount() : (Number) d.quantity()).toList());
            String who = doctorId != null ? "医生 doctor " + doctorId + " " : departmentId != null
                    ? "科室 department " + departmentId + " " : "";
            return new ChartSpec(who + ("top".equals(order) ? "用量最多" : "用量最少") + "的药品 " + from + "~" + to,
                    "药品 drug", "amount".equals(by) ? "金额 amount" : "数量 quantity",
                    drugs.stream().map(RankedDrug::drugName).toList(), series, false);
        }
    }
}
