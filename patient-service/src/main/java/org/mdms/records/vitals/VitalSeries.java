package org.mdms.records.vitals;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.common.DomainException;
import org.mdms.records.audit.AuditLog;
import org.mdms.records.audit.AuditLog.Action;
import org.mdms.records.auth.Caller;
import org.mdms.records.care.CareRelationship;
import org.mdms.records.vitals.SeriesDtos.Series;
import org.mdms.records.vitals.SeriesDtos.Window;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Windowed aggregates of one patient's readings of one type, computed when asked: one GROUP BY over the range of
 * ix_vital_patient (patient_id, type, measured_at), in the month partitions the window touches only. Windows are
 * aligned to UTC minutes or hours (seconds since the epoch, divided by the window's length).
 */
@ApplicationScoped
public class VitalSeries {

    /** The window lengths and, for each, the longest range one request may cover (10,080 and 8,784 windows). */
    public static final Map<String, Duration> WINDOWS = Map.of("1m", Duration.ofMinutes(1), "1h", Duration.ofHours(1));
    public static final List<String> WINDOW_NAMES = List.of("1m", "1h");
    static final Map<String, Duration> LONGEST = Map.of("1m", Duration.ofDays(7), "1h", Duration.ofDays(366));
    static final Map<String, Duration> DEFAULT_RANGE = Map.of("1m", Duration.ofHours(6), "1h", Duration.ofDays(7));

    private static final String SQL = """
            SELECT FLOOR(TIMESTAMPDIFF(SECOND, '1970-01-01 00:00:00', measured_at) / ?1) * ?1 AS window_start,
                   AVG(value), MIN(value), MAX(value), COUNT(*),
                   AVG(secondary_value), MIN(secondary_value), MAX(secondary_value)
            FROM vital_sign
            WHERE patient_id = ?2 AND type = ?3 AND measured_at >= ?4 AND measured_at < ?5
            GROUP BY window_start ORDER BY window_start""";

    private final CareRelationship care;
    private final AuditLog audit;

    VitalSeries(CareRelationship care, AuditLog audit) {
        this.care = care;
        this.audit = audit;
    }

    /**
     * The range: to defaults to now (at most the longest range after from), from to a default range before to;
     * both given and further apart than the window allows is a 400.
     */
    public static Instant[] range(String window, Instant from, Instant to) {
        Instant now = Instant.now();
        Instant end = to != null ? to : from == null || from.plus(LONGEST.get(window)).isAfter(now) ? now
                : from.plus(LONGEST.get(window));
        Instant start = from == null ? end.minus(DEFAULT_RANGE.get(window)) : from;
        if (!start.isBefore(end)) {
            throw DomainException.invalid("from", "from must be before to");
        }
        if (Duration.between(start, end).compareTo(LONGEST.get(window)) > 0) {
            throw DomainException.invalid("from", "window " + window + " covers at most " + LONGEST.get(window)
                    .toDays() + " days; narrow from/to or use a longer window");
        }
        return new Instant[]{start, end};
    }

    @WithTransaction
    public Uni<Series> of(long patientId, VitalType type, String window, Instant from, Instant to, Caller caller) {
        long seconds = WINDOWS.get(window).toSeconds();
        return care.requireClinical(patientId, caller)
                .chain(() -> Panache.getSession().chain(session -> session.createNativeQuery(SQL, Object[].class)
                        .setParameter(1, seconds).setParameter(2, patientId).setParameter(3, type.name())
                        .setParameter(4, from).setParameter(5, to).getResultList()))
                .map(rows -> new Series(patientId, type, window, from, to, rows.stream().map(VitalSeries::window)
                        .toList()))
                .call(series -> Panache.getSession().chain(session -> audit.record(session, caller,
                        Action.SEARCH, "VITAL_SIGN", null, patientId, "series type=" + type + " window=" + window
                                + " from=" + from + " to<" + to + " -> " + series.windows().size() + " windows")));
    }

    private static Window window(Object[] row) {
        return new Window(Instant.ofEpochSecond(((Number) row[0]).longValue()), scaled(row[1]), scaled(row[2]),
                scaled(row[3]), ((Number) row[4]).longValue(), scaled(row[5]), scaled(row[6]), scaled(row[7]));
    }

    private static BigDecimal scaled(Object value) {
        if (value == null) {
            return null;
        }
        BigDecimal number = value instanceof BigDecimal decimal ? decimal : new BigDecimal(value.toString());
        return number.setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
    }
}
