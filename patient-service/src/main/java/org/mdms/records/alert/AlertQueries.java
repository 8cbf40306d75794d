package org.mdms.records.alert;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.records.alert.AlertDtos.AlertView;
import org.mdms.records.visit.TimeWindow;
import org.mdms.records.vitals.VitalType;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQL of alerts, through the reactive client: alerts are written from the reading path and the scheduled
 * checks, where no request (and no Hibernate session) exists, so one SQL holder owns the alert table. Vital-sign
 * lookups use ix_vital_patient (patient_id, type, measured_at) and stop at the first row they need.
 */
@ApplicationScoped
public class AlertQueries {

    static final String COLUMNS = "a.id, a.patient_id, a.department_id, a.rule_id, a.rule_code, a.kind, a.vital_type, "
            + "a.device_id, a.severity, a.status, a.escalated, a.message, a.first_value, a.last_value, a.breaches, "
            + "a.breach_started_at, a.last_breach_at, a.opened_at, a.escalated_at, a.acknowledged_at, "
            + "a.acknowledged_by, a.acknowledge_note, a.resolved_at, a.resolved_by, a.resolution, a.version";

    /** The rule in force for one patient and code, as the evaluator and the checks read it. */
    record Rule(long id, String code, RuleKind kind, VitalType vitalType, Severity severity, BigDecimal below,
                BigDecimal above, int sustainSeconds, int resolveAfterSeconds, int escalateAfterSeconds,
                Integer silentAfterSeconds, boolean enabled, int specificity) {

        boolean breached(BigDecimal value) {
            return (below != null && value.compareTo(below) < 0) || (above != null && value.compareTo(above) > 0);
        }

        /** "value < below OR value > above" on vital_sign.value with its two parameters (NULL = no bound). */
        String breachSql() {
            return "((? IS NOT NULL AND value < ?) OR (? IS NOT NULL AND value > ?))";
        }

        List<Object> breachParams() {
            return Arrays.asList(below, below, above, above);
        }
    }

    /** An unresolved alert's state, as the evaluator needs it. */
    record OpenAlert(long id, AlertStatus status, Severity severity) {
    }

    /** An assigned device's last sign of life (its last batch, else the start of its assignment). */
    record Assigned(long deviceId, String serialNumber, long patientId, Instant lastHeard) {
    }

    private static final Duration FUTURE_BOUND = Duration.ofHours(1);

    private final Pool pool;

    AlertQueries(Pool pool) {
        this.pool = pool;
    }

    Pool pool() {
        return pool;
    }

    /** A rule's rank for a patient: the patient's own 2, a department's 1, the default 0. */
    private static final String SPECIFICITY = "CASE WHEN r.patient_id IS NOT NULL THEN 2 "
            + "WHEN r.department_id IS NOT NULL THEN 1 ELSE 0 END AS specificity";

    /** The rules that may apply to the patient %1$s names: theirs, the default, a department's of their open visit. */
    private static final String APPLIES_TO = "(r.patient_id = %1$s OR (r.patient_id IS NULL AND r.department_id IS NULL)"
            + " OR (r.patient_id IS NULL AND r.department_id IN"
            + " (SELECT v.department_id FROM visit v WHERE v.patient_id = %1$s AND v.status = 'OPEN')))";

    /** For each code, the most specific rule (the patient's, else a department's of an open visit, else the default). */
    Uni<List<Rule>> rulesInForce(long patientId) {
        return pool.preparedQuery("SELECT r.*, " + SPECIFICITY + " FROM alert_rule r WHERE " + APPLIES_TO.formatted("?")
                        + " ORDER BY r.code, specificity DESC, r.id")
                .execute(Tuple.of(patientId, patientId))
                .map(AlertQueries::inForce);
    }

    /** Of one patient's applicable rules ordered by code, then most specific first: each code's first, if enabled. */
    private static List<Rule> inForce(Iterable<Row> rows) {
        Map<String, Rule> byCode = new LinkedHashMap<>();
        for (Row row : rows) {
            byCode.putIfAbsent(row.getString("code"), rule(row));
        }
        return byCode.values().stream().filter(Rule::enabled).toList();
    }

    /**
     * For each patient with an open device assignment, the DEVICE_SILENT rule in force (chosen per code as
     * {@link #rulesInForce} chooses: most specific first, a disabled override turns the code off), in one statement
     * for the silent-device check instead of one per device.
     */
    Uni<Map<Long, Rule>> silentRulesOfAssignedPatients() {
        return pool.query("SELECT a.patient_id AS for_patient, r.*, " + SPECIFICITY
                        + " FROM (SELECT DISTINCT patient_id FROM device_assignment WHERE ended_at IS NULL) a"
                        + " JOIN alert_rule r ON r.code IN (SELECT code FROM alert_rule WHERE kind = 'DEVICE_SILENT')"
                        + " AND " + APPLIES_TO.formatted("a.patient_id")
                        + " ORDER BY a.patient_id, r.code, specificity DESC, r.id")
                .execute()
                .map(rows -> {
                    Map<Long, List<Row>> byPatient = new LinkedHashMap<>();
                    for (Row row : rows) {
                        byPatient.computeIfAbsent(row.getLong("for_patient"), patient -> new ArrayList<>()).add(row);
                    }
                    Map<Long, Rule> silent = new HashMap<>();
                    byPatient.forEach((patient, applicable) -> inForce(applicable).stream()
                            .filter(rule -> rule.kind() == RuleKind.DEVICE_SILENT && rule.silentAfterSeconds() != null)
                            .findFirst().ifPresent(rule -> silent.put(patient, rule)));
                    return silent;
                });
    }

    private static Rule rule(Row row) {
        String type = row.getString("vital_type");
        return new Rule(row.getLong("id"), row.getString("code"), RuleKind.valueOf(row.getString("kind")),
                type == null ? null : VitalType.valueOf(type), Severity.valueOf(row.getString("severity")),
                row.getBigDecimal("below"), row.getBigDecimal("above"), row.getInteger("sustain_seconds"),
                row.getInteger("resolve_after_seconds"), row.getInteger("escalate_after_seconds"),
                row.getInteger("silent_after_seconds"), row.getBoolean("enabled"), row.getInteger("specificity"));
    }

    /** The patient's newest reading of a type: its time and value. */
    Uni<Object[]> newest(long patientId, VitalType type, Instant from) {
        return pool.preparedQuery("""
                        SELECT measured_at, value FROM vital_sign WHERE patient_id = ? AND type = ?
                        AND measured_at >= ? AND measured_at < ?
                        ORDER BY measured_at DESC LIMIT 1""")
                // a second early: a stored time may have been cut to the column's precision
                .execute(Tuple.of(patientId, type.name(), utc(from.minusSeconds(1)), utc(latestStored(from))))
                .map(rows -> rows.size() == 0 ? null : new Object[]{instant(rows.iterator().next(), "measured_at"),
                        rows.iterator().next().getBigDecimal("value")});
    }

    /**
     * measuredAt of the newest reading at or before {@code until} that breaches the rule (or, if not, is normal).
     * Looked for in until's month and the month before first (one or two partitions), then in all the older ones.
     */
    Uni<Instant> lastReading(long patientId, Rule rule, boolean breaching, Instant until) {
        LocalDateTime recent = utc(until).toLocalDate().withDayOfMonth(1).minusMonths(1).atStartOfDay();
        return lastReading(patientId, rule, breaching, until, recent)
                .chain(found -> found != null ? Uni.createFrom().item(found)
                        : lastReading(patientId, rule, breaching, until, LocalDateTime.of(1900, 1, 1, 0, 0)));
    }

    private Uni<Instant> lastReading(long patientId, Rule rule, boolean breaching, Instant until, LocalDateTime from) {
        List<Object> params = new ArrayList<>(List.of(patientId, rule.vitalType().name(), from, utc(until)));
        params.addAll(rule.breachParams());
        return pool.preparedQuery("SELECT measured_at FROM vital_sign WHERE patient_id = ? AND type = ? "
                        + "AND measured_at >= ? AND measured_at <= ? AND " + (breaching ? "" : "NOT ")
                        + rule.breachSql() + " ORDER BY measured_at DESC LIMIT 1")
                .execute(Tuple.from(params))
                .map(rows -> rows.size() == 0 ? null : instant(rows.iterator().next(), "measured_at"));
    }

    /**
     * measuredAt of the first reading after {@code after} (any, when null) and at or before {@code until}, a stored
     * reading's measuredAt (so the partitions after it are not searched).
     */
    Uni<Instant> firstReadingAfter(long patientId, VitalType type, Instant after, Instant until) {
        return pool.preparedQuery("SELECT measured_at FROM vital_sign WHERE patient_id = ? AND type = ? "
                        + "AND measured_at > ? AND measured_at <= ? ORDER BY measured_at LIMIT 1")
                .execute(Tuple.of(patientId, type.name(), after == null ? LocalDateTime.of(1900, 1, 1, 0, 0)
                        : utc(after), utc(until)))
                .map(rows -> rows.size() == 0 ? null : instant(rows.iterator().next(), "measured_at"));
    }

    /**
     * Past the newest measuredAt any stored reading can have: every write path refuses a reading more than
     * {@link TimeWindow#CLOCK_SKEW} ahead of its server's clock, and an hour covers replicas' clocks too. Bounding the
     * newest-reading look-up by it keeps MariaDB to the one or two monthly partitions of now instead of all of them.
     */
    static Instant latestStored(Instant from) {
        Instant now = Instant.now();
        return (from.isAfter(now) ? from : now).plus(FUTURE_BOUND);
    }

    Uni<OpenAlert> openAlert(long patientId, String code) {
        return pool.preparedQuery("SELECT id, status, severity FROM alert WHERE open_key = ?")
                .execute(Tuple.of(patientId + ":" + code))
                .map(rows -> rows.size() == 0 ? null : new OpenAlert(rows.iterator().next().getLong("id"),
                        AlertStatus.valueOf(rows.iterator().next().getString("status")),
                        Severity.valueOf(rows.iterator().next().getString("severity"))));
    }

    /**
     * Opens an alert; the department is the one of the patient's newest open visit. A concurrent open of the same
     * patient and code (another replica) fails on uq_alert_open: the caller then updates that one.
     */
    Uni<Long> open(long patientId, Rule rule, Long deviceId, String message, BigDecimal value,
                   Instant breachStartedAt, Instant lastBreachAt, Instant now) {
        return pool.preparedQuery("""
                        INSERT INTO alert (patient_id, department_id, rule_id, rule_code, kind, vital_type, device_id,
                                           severity, status, message, first_value, last_value, breach_started_at,
                                           last_breach_at, opened_at, escalate_due_at, updated_at)
                        VALUES (?, (SELECT v.department_id FROM visit v WHERE v.patient_id = ? AND v.status = 'OPEN'
                                    ORDER BY v.started_at DESC LIMIT 1),
                                ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .execute(Tuple.from(Arrays.asList(patientId, patientId, rule.id(), rule.code(), rule.kind().name(),
                        rule.vitalType() == null ? null : rule.vitalType().name(), deviceId, rule.severity().name(),
                        message, value, value, utc(breachStartedAt), utc(lastBreachAt), utc(now),
                        utc(now.plusSeconds(rule.escalateAfterSeconds())), utc(now))))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    /** The breach goes on: the same alert is updated, not repeated. */
    Uni<Void> breachContinues(long id, String message, BigDecimal value, Instant at, Instant now) {
        return pool.preparedQuery("""
                        UPDATE alert SET message = ?, last_value = ?, breaches = breaches + 1,
                               last_breach_at = GREATEST(last_breach_at, ?), updated_at = ?, version = version + 1
                        WHERE id = ? AND status <> 'RESOLVED'""")
                .execute(Tuple.from(Arrays.asList(message, value, utc(at), utc(now), id)))
                .replaceWithVoid();
    }

    /** Resolves an unresolved alert; false when it was resolved meanwhile. */
    Uni<Boolean> resolve(SqlClient client, long id, String by, String resolution, Instant now) {
        return client.preparedQuery("""
                        UPDATE alert SET status = 'RESOLVED', resolved_at = ?, resolved_by = ?, resolution = ?,
                               updated_at = ?, version = version + 1
                        WHERE id = ? AND status <> 'RESOLVED'""")
                .execute(Tuple.of(utc(now), by, resolution, utc(now), id))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Acknowledges an OPEN alert; false when it is not OPEN (acknowledged or resolved already). */
    Uni<Boolean> acknowledge(SqlClient client, long id, String by, String note, Instant now) {
        return client.preparedQuery("""
                        UPDATE alert SET status = 'ACKNOWLEDGED', acknowledged_at = ?, acknowledged_by = ?,
                               acknowledge_note = ?, updated_at = ?, version = version + 1
                        WHERE id = ? AND status = 'OPEN'""")
                .execute(Tuple.of(utc(now), by, note, utc(now), id))
                .map(rows -> rows.rowCount() == 1);
    }

    /** OPEN alerts nobody acknowledged in time. */
    Uni<List<Long>> escalationDue(Instant now) {
        return pool.preparedQuery("""
                        SELECT id FROM alert WHERE status = 'OPEN' AND escalated = FALSE AND escalate_due_at <= ?
                        ORDER BY escalate_due_at LIMIT 500""")
                .execute(Tuple.of(utc(now)))
                .map(rows -> {
                    List<Long> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getLong("id")));
                    return ids;
                });
    }

    Uni<Boolean> escalate(long id, Instant now) {
        return pool.preparedQuery("""
                        UPDATE alert SET escalated = TRUE, escalated_at = ?,
                               severity = CASE severity WHEN 'LOW' THEN 'MEDIUM' WHEN 'MEDIUM' THEN 'HIGH'
                                                        ELSE 'CRITICAL' END,
                               updated_at = ?, version = version + 1
                        WHERE id = ? AND status = 'OPEN' AND escalated = FALSE""")
                .execute(Tuple.of(utc(now), utc(now), id))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Devices assigned now (ACTIVE ones): when each was last heard of. */
    Uni<List<Assigned>> assignedDevices() {
        return pool.query("""
                        SELECT d.id, d.serial_number, a.patient_id,
                               GREATEST(COALESCE(d.last_seen_at, a.started_at), a.started_at) AS last_heard
                        FROM device_assignment a JOIN device d ON d.id = a.device_id
                        WHERE a.ended_at IS NULL AND d.status = 'ACTIVE'""")
                .execute()
                .map(rows -> {
                    List<Assigned> assigned = new ArrayList<>();
                    rows.forEach(row -> assigned.add(new Assigned(row.getLong("id"), row.getString("serial_number"),
                            row.getLong("patient_id"), instant(row, "last_heard"))));
                    return assigned;
                });
    }

    /** Unresolved DEVICE_SILENT alerts with the device they are about. */
    Uni<List<long[]>> openSilentAlerts() {
        return pool.query("SELECT id, patient_id, device_id FROM alert WHERE kind = 'DEVICE_SILENT' "
                        + "AND status <> 'RESOLVED'")
                .execute()
                .map(rows -> {
                    List<long[]> open = new ArrayList<>();
                    rows.forEach(row -> open.add(new long[]{row.getLong("id"), row.getLong("patient_id"),
                            row.getLong("device_id") == null ? -1 : row.getLong("device_id")}));
                    return open;
                });
    }

    Uni<AlertView> view(SqlClient client, long id) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM alert a WHERE a.id = ?").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : view(rows.iterator().next()));
    }

    Uni<AlertView> view(long id) {
        return view(pool, id);
    }

    static AlertView view(Row row) {
        String type = row.getString("vital_type");
        return new AlertView(row.getLong("id"), row.getLong("patient_id"), row.getLong("department_id"),
                row.getLong("rule_id"), row.getString("rule_code"), RuleKind.valueOf(row.getString("kind")),
                type == null ? null : VitalType.valueOf(type), row.getLong("device_id"),
                Severity.valueOf(row.getString("severity")), AlertStatus.valueOf(row.getString("status")),
                row.getBoolean("escalated"), row.getString("message"), row.getBigDecimal("first_value"),
                row.getBigDecimal("last_value"), row.getInteger("breaches"), instant(row, "breach_started_at"),
                instant(row, "last_breach_at"), instant(row, "opened_at"), instant(row, "escalated_at"),
                instant(row, "acknowledged_at"), row.getString("acknowledged_by"), row.getString("acknowledge_note"),
                instant(row, "resolved_at"), row.getString("resolved_by"), row.getString("resolution"),
                row.getInteger("version"));
    }

    static Instant instant(Row row, String column) {
        LocalDateTime time = row.getLocalDateTime(column);
        return time == null ? null : time.toInstant(ZoneOffset.UTC);
    }

    static LocalDateTime utc(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
