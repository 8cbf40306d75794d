package org.mdms.analytics.vitals;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.analytics.common.DimensionQueries;
import org.mdms.analytics.vitals.VitalSignDtos.Anomaly;
import org.mdms.analytics.vitals.VitalSignDtos.SeriesSummary;
import org.mdms.analytics.vitals.VitalSignDtos.VitalSignSummary;
import org.mdms.analytics.vitals.VitalSignQueries.Reading;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
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

    private final VitalSignQueries queries;
    private final DimensionQueries dimensions;

    public VitalSignService(VitalSignQueries queries, DimensionQueries dimensions) {
        this.queries = queries;
        this.dimensions = dimensions;
    }

    private record Measurement(Instant at, BigDecimal value, boolean abnormal) {
    }

    public Uni<VitalSignSummary> summary(long patientId, Instant from, Instant to) {
        return dimensions.requirePatient(patientId)
                .chain(() -> queries.readings(patientId, from, to))
                .map(readings -> new VitalSignSummary(patientId, from, to, summaries(readings)));
    }

    /** One summary per series in ORDER; a blood pressure reading gives a systolic and a diastolic measurement. */
    private static List<SeriesSummary> summaries(List<Reading> readings) {
        Map<String, List<Measurement>> bySeries = new LinkedHashMap<>();
        Map<String, String> units = new LinkedHashMap<>();
        for (Reading reading : readings) {
            boolean bloodPressure = "BLOOD_PRESSURE".equals(reading.type());
            String series = bloodPressure ? "BLOOD_PRESSURE_SYSTOLIC" : reading.type();
            bySeries.computeIfAbsent(series, k -> new ArrayList<>())
                    .add(new Measurement(reading.measuredAt(), reading.value(), reading.abnormal()));
            units.put(series, reading.unit());
            if (bloodPressure && reading.secondary() != null) {
                bySeries.computeIfAbsent("BLOOD_PRESSURE_DIASTOLIC", k -> new ArrayList<>())
                        .add(new Measurement(reading.measuredAt(), reading.secondary(), reading.abnormal()));
                units.put("BLOOD_PRESSURE_DIASTOLIC", reading.unit());
            }
        }
        List<SeriesSummary> summaries = new ArrayList<>();
        for (String series : ORDER) {
            List<Measurement> values = bySeries.get(series);
            if (values != null && !values.isEmpty()) {
                summaries.add(summarise(series, units.get(series), values));
            }
        }
        return summaries;
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
