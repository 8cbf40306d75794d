package org.mdms.analytics.vitals;

import org.mdms.analytics.common.ChartSpec;
import org.mdms.analytics.common.Chartable;
import org.mdms.analytics.common.Tabular;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/** Question 6: a patient's vital signs over a window. */
public final class VitalSignDtos {

    private VitalSignDtos() {
    }

    /** reason IQR (outside Q1 - 1.5 IQR .. Q3 + 1.5 IQR) or RANGE (flagged abnormal against the normal range). */
    public record Anomaly(Instant measuredAt, BigDecimal value, String reason) {
    }

    /** Percentiles by linear interpolation between closest ranks (p = (n - 1) * q). */
    public record SeriesSummary(String series, String unit, int count, BigDecimal min, BigDecimal max, BigDecimal mean,
                                BigDecimal p25, BigDecimal p50, BigDecimal p75, BigDecimal p95, BigDecimal lowerFence,
                                BigDecimal upperFence, List<Anomaly> anomalies) {
    }

    public record VitalSignSummary(long patientId, Instant from, Instant to, List<SeriesSummary> series)
            implements Tabular, Chartable {
        @Override
        public List<String> csvHeader() {
            return List.of("series", "unit", "count", "min", "max", "mean", "p25", "p50", "p75", "p95", "anomalies");
        }

        @Override
        public List<List<Object>> csvRows() {
            List<List<Object>> rows = new ArrayList<>();
            series.forEach(s -> rows.add(List.of(s.series(), s.unit() == null ? "" : s.unit(), s.count(), s.min(),
                    s.max(), s.mean(), s.p25(), s.p50(), s.p75(), s.p95(), s.anomalies().size())));
            return rows;
        }

        @Override
        public ChartSpec chartSpec() {
            LinkedHashMap<String, List<Number>> values = new LinkedHashMap<>();
            values.put("最小 min", series.stream().map(s -> (Number) s.min()).toList());
            values.put("中位数 median", series.stream().map(s -> (Number) s.p50()).toList());
            values.put("最大 max", series.stream().map(s -> (Number) s.max()).toList());
            return new ChartSpec("患者 " + patientId + " 生命体征 vital signs", "类型 type", "数值 value",
                    series.stream().map(SeriesSummary::series).toList(), values, false);
        }
    }
}
