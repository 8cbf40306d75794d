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

    private static final BigDecimal ONE_AND_A_HALF = new BigDecimal("1.5");

    /**
     * Exact decimal arithmetic: percentiles, IQR and fences are computed exactly from the stored values (two
     * decimals), the mean is the exact quotient rounded once; every figure is then rounded to 2 decimals, half away
     * from zero. Anomalies are judged against the exact fences.
     */
    private static SeriesSummary summarise(String series, String unit, List<Measurement> measurements) {
        List<BigDecimal> sorted = measurements.stream().map(Measurement::value).sorted().toList();
        BigDecimal q1 = percentile(sorted, new BigDecimal("0.25"));
        BigDecimal q3 = percentile(sorted, new BigDecimal("0.75"));
        BigDecimal iqr = q3.subtract(q1);
        BigDecimal lower = q1.subtract(ONE_AND_A_HALF.multiply(iqr));
        BigDecimal upper = q3.add(ONE_AND_A_HALF.multiply(iqr));
        List<Anomaly> anomalies = new ArrayList<>();
        for (Measurement m : measurements) {
            if (m.value().compareTo(lower) < 0 || m.value().compareTo(upper) > 0) {
                anomalies.add(new Anomaly(m.at(), m.value(), "IQR"));
            }
            if (m.abnormal()) {
                anomalies.add(new Anomaly(m.at(), m.value(), "RANGE"));
            }
        }
        BigDecimal sum = sorted.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal mean = sum.divide(BigDecimal.valueOf(sorted.size()), 2, RoundingMode.HALF_UP);
        return new SeriesSummary(series, unit, sorted.size(), round(sorted.get(0)),
                round(sorted.get(sorted.size() - 1)), mean, round(q1), round(percentile(sorted, new BigDecimal("0.5"))),
                round(q3), round(percentile(sorted, new BigDecimal("0.95"))), round(lower), round(upper), anomalies);
    }

    /** Linear interpolation between closest ranks (the R-7 / Excel PERCENTILE.INC definition), exact. */
    static BigDecimal percentile(List<BigDecimal> sorted, BigDecimal q) {
        BigDecimal h = BigDecimal.valueOf(sorted.size() - 1L).multiply(q);
        int low = h.intValue();
        int high = Math.min(sorted.size() - 1, low + 1);
        BigDecimal fraction = h.subtract(BigDecimal.valueOf(low));
        return sorted.get(low).add(fraction.multiply(sorted.get(high).subtract(sorted.get(low))));
    }

    /** Two decimals, half away from zero (167.085 -> 167.09, -0.005 -> -0.01). */
    static BigDecimal round(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP);
    }
}
