package org.mdms.analytics.vitals;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.analytics.common.DomainException;
import org.mdms.analytics.vitals.VitalSignDtos.Anomaly;
import org.mdms.analytics.vitals.VitalSignDtos.SeriesSummary;
import org.mdms.analytics.vitals.VitalSignDtos.VitalSignSummary;
import org.mdms.analytics.warehouse.Sql;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Question 6: one patient's measurements in a window are few (an index range on fact_vital_sign), so statistics are
 * computed here rather than rolled up. Blood pressure gives two series, systolic and diastolic.
 */
@ApplicationScoped
public class VitalSignService {

    private static final List<String> ORDER = List.of("HEART_RATE", "BLOOD_PRESSURE_SYSTOLIC",
            "BLOOD_PRESSURE_DIASTOLIC", "SPO2", "TEMPERATURE");

    private final Pool pool;

    public VitalSignService(Pool pool) {
        this.pool = pool;
    }

    private record Measurement(Instant at, BigDecimal value, boolean abnormal) {
    }

    public Uni<VitalSignSummary> summary(long patientId, Instant from, Instant to) {
        return Sql.query(pool, "SELECT id FROM dim_patient WHERE id = ?", patientId)
                .chain(rows -> {
                    if (rows.size() == 0) {
                        throw DomainException.notFound("patient", patientId);
                    }
                    return Sql.query(pool, "SELECT vital_type, value, secondary_value, unit, abnormal, measured_at "
                                    + "FROM fact_vital_sign WHERE patient_id = ? AND measured_at >= ? AND measured_at < ? "
                                    + "ORDER BY measured_at, id", patientId, Sql.utc(from), Sql.utc(to));
                })
                .map(rows -> {
                    Map<String, List<Measurement>> bySeries = new LinkedHashMap<>();
                    Map<String, String> units = new LinkedHashMap<>();
                    for (Row row : rows) {
                        String type = row.getString("vital_type");
                        Instant at = row.getLocalDateTime("measured_at").toInstant(ZoneOffset.UTC);
                        boolean abnormal = Sql.bool(row, "abnormal");
                        String series = "BLOOD_PRESSURE".equals(type) ? "BLOOD_PRESSURE_SYSTOLIC" : type;
                        bySeries.computeIfAbsent(series, k -> new ArrayList<>())
                                .add(new Measurement(at, Sql.decimal(row, "value"), abnormal));
                        units.put(series, row.getString("unit"));
                        if ("BLOOD_PRESSURE".equals(type) && row.getValue("secondary_value") != null) {
                            bySeries.computeIfAbsent("BLOOD_PRESSURE_DIASTOLIC", k -> new ArrayList<>())
                                    .add(new Measurement(at, Sql.decimal(row, "secondary_value"), abnormal));
                            units.put("BLOOD_PRESSURE_DIASTOLIC", row.getString("unit"));
                        }
                    }
                    List<SeriesSummary> summaries = new ArrayList<>();
                    for (String series : ORDER) {
                        List<Measurement> values = bySeries.get(series);
                        if (values != null && !values.isEmpty()) {
                            summaries.add(summarise(series, units.get(series), values));
                        }
                    }
                    return new VitalSignSummary(patientId, from, to, summaries);
                });
    }

    private static SeriesSummary summarise(String series, String unit, List<Measurement> measurements) {
        double[] sorted = measurements.stream().mapToDouble(m -> m.value().doubleValue()).sorted().toArray();
        double q1 = percentile(sorted, 0.25);
        double q3 = percentile(sorted, 0.75);
        double iqr = q3 - q1;
        double lower = q1 - 1.5 * iqr;
        double upper = q3 + 1.5 * iqr;
        List<Anomaly> anomalies = new ArrayList<>();
        for (Measurement m : measurements) {
            double v = m.value().doubleValue();
            if (v < lower || v > upper) {
                anomalies.add(new Anomaly(m.at(), m.value(), "IQR"));
            }
            if (m.abnormal()) {
                anomalies.add(new Anomaly(m.at(), m.value(), "RANGE"));
            }
        }
        double mean = java.util.Arrays.stream(sorted).average().orElse(0);
        return new SeriesSummary(series, unit, sorted.length, round(sorted[0]), round(sorted[sorted.length - 1]),
                round(mean), round(q1), round(percentile(sorted, 0.5)), round(q3), round(percentile(sorted, 0.95)),
                round(lower), round(upper), anomalies);
    }

    /** Linear interpolation between closest ranks (the R-7 / Excel PERCENTILE.INC definition). */
    static double percentile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int low = (int) Math.floor(h);
        int high = Math.min(sorted.length - 1, low + 1);
        return sorted[low] + (h - low) * (sorted[high] - sorted[low]);
    }

    private static BigDecimal round(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
    }
}
