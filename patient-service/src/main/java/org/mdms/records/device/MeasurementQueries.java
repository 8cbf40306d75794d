package org.mdms.records.device;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.records.changes.ChangeFeed;
import org.mdms.records.vitals.VitalType;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The SQL of the ingest path (no entities: multi-row statements through the reactive client). Readings go into
 * vital_sign, their change events (a few VITAL_SIGN_BATCH events per write) into the outbox: the rows first, then
 * {@code UPDATE change_sequence SET last_seq = LAST_INSERT_ID(last_seq + n)} reserves n numbers under the sequence
 * row's lock, held until commit, so feed numbers still become visible in order; the events' INSERTs number
 * themselves from LAST_INSERT_ID().
 */
@ApplicationScoped
public class MeasurementQueries {

    /** 1,000 readings = 11,000 parameters, well under MariaDB's 65,535 per statement. */
    static final int ROWS_PER_STATEMENT = 1000;

    record DeviceRow(long id, String serialNumber, DeviceStatus status, String credentialHash) {
    }

    record AssignmentSpan(long patientId, Instant startedAt, Instant endedAt) {
        boolean covers(Instant time) {
            return !time.isBefore(startedAt) && (endedAt == null || time.isBefore(endedAt));
        }
    }

    /** A checked reading ready to store; id is set once inserted. */
    record NewReading(long patientId, VitalType type, BigDecimal value, BigDecimal secondaryValue, String unit,
                      boolean abnormal, Instant measuredAt) {
    }

    /** A reading with the device that sent it (a write may hold several devices' batches). */
    record DeviceReading(DeviceRow device, NewReading reading) {
    }

    record StoredReading(long id, DeviceRow device, NewReading reading) {
    }

    record DeviceAndPatient(DeviceRow device, long patientId) {
    }

    /** A reading's duplicate key (uq_vital_device_reading): same device, type and measuredAt. */
    record ReadingKey(long deviceId, VitalType type, Instant measuredAt) {
        static ReadingKey of(long deviceId, NewReading reading) {
            return new ReadingKey(deviceId, reading.type(), reading.measuredAt());
        }
    }

    private final Pool pool;
    private final ChangeFeed changes;

    MeasurementQueries(Pool pool, ChangeFeed changes) {
        this.pool = pool;
        this.changes = changes;
    }

    Pool pool() {
        return pool;
    }

    Uni<DeviceRow> device(long id) {
        return pool.preparedQuery("SELECT id, serial_number, status, credential_hash FROM device WHERE id = ?")
                .execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new DeviceRow(row.getLong("id"), row.getString("serial_number"),
                            DeviceStatus.valueOf(row.getString("status")), row.getString("credential_hash"));
                });
    }

    /** The device's assignments that overlap [from, to]. */
    Uni<List<AssignmentSpan>> assignments(long deviceId, Instant from, Instant to) {
        return pool.preparedQuery("""
                        SELECT patient_id, started_at, ended_at FROM device_assignment
                        WHERE device_id = ? AND started_at <= ? AND (ended_at IS NULL OR ended_at > ?)""")
                .execute(Tuple.of(deviceId, utc(to), utc(from)))
                .map(rows -> {
                    List<AssignmentSpan> spans = new ArrayList<>();
                    for (Row row : rows) {
                        LocalDateTime ended = row.getLocalDateTime("ended_at");
                        spans.add(new AssignmentSpan(row.getLong("patient_id"),
                                row.getLocalDateTime("started_at").toInstant(ZoneOffset.UTC),
                                ended == null ? null : ended.toInstant(ZoneOffset.UTC)));
                    }
                    return spans;
                });
    }

    /** A device with its assignments that overlap a span of time. */
    record DeviceWithAssignments(DeviceRow device, List<AssignmentSpan> spans) {
    }

    /**
     * The devices (by id) with their assignments that overlap [from, to], in one statement: the look-up of a group
     * of stream frames. The id list is padded to a power of two (repeating an id) so the statement is one of a few
     * texts and stays prepared.
     */
    Uni<Map<Long, DeviceWithAssignments>> devicesWithAssignments(Set<Long> ids, Instant from, Instant to) {
        List<Object> values = new ArrayList<>();
        values.add(utc(to));
        values.add(utc(from));
        values.addAll(ids);
        int padded = Integer.highestOneBit(Math.max(1, ids.size() - 1)) << 1;
        Object last = values.get(values.size() - 1);
        while (values.size() - 2 < padded) {
            values.add(last);
        }
        return pool.preparedQuery("""
                        SELECT d.id, d.serial_number, d.status, d.credential_hash,
                               a.patient_id, a.started_at, a.ended_at
                        FROM device d LEFT JOIN device_assignment a ON a.device_id = d.id
                             AND a.started_at <= ? AND (a.ended_at IS NULL OR a.ended_at > ?)
                        WHERE d.id IN (""" + String.join(",", Collections.nCopies(padded, "?")) + ")")
                .execute(Tuple.wrap(values))
                .map(rows -> {
                    Map<Long, DeviceWithAssignments> devices = new java.util.HashMap<>();
                    for (Row row : rows) {
                        DeviceWithAssignments device = devices.computeIfAbsent(row.getLong("id"), id ->
                                new DeviceWithAssignments(new DeviceRow(id, row.getString("serial_number"),
                                        DeviceStatus.valueOf(row.getString("status")),
                                        row.getString("credential_hash")), new ArrayList<>()));
                        LocalDateTime started = row.getLocalDateTime("started_at");
                        if (started != null) {
                            LocalDateTime ended = row.getLocalDateTime("ended_at");
                            device.spans().add(new AssignmentSpan(row.getLong("patient_id"),
                                    started.toInstant(ZoneOffset.UTC),
                                    ended == null ? null : ended.toInstant(ZoneOffset.UTC)));
                        }
                    }
                    return devices;
                });
    }

    /** The part of uq_vital_device_reading a device's batches could repeat: its types, its time span. */
    private static final class KeyRange {
        private final long deviceId;
        private final Set<VitalType> types = java.util.EnumSet.noneOf(VitalType.class);
        private Instant from;
        private Instant to;

        KeyRange(long deviceId) {
            this.deviceId = deviceId;
        }

        void add(NewReading reading) {
            types.add(reading.type());
            from = from == null || reading.measuredAt().isBefore(from) ? reading.measuredAt() : from;
            to = to == null || reading.measuredAt().isAfter(to) ? reading.measuredAt() : to;
        }
    }

    /** Devices per duplicate look-up: a few hundred OR'd ranges keep MariaDB's range optimizer on the index. */
    static final int DEVICES_PER_LOOKUP = 50;

    /**
     * Keys of the stored readings that the batches would repeat: per device, its batches' types and
     * time span. Naming the types lets MariaDB read only those ranges of uq_vital_device_reading (source_device,
     * type, measured_at) instead of every reading the device ever sent; one statement per 50 devices.
     */
    Uni<Set<ReadingKey>> storedKeys(SqlConnection connection, List<MeasurementIngest.Prepared> batches) {
        Map<Long, KeyRange> ranges = new java.util.LinkedHashMap<>();
        for (MeasurementIngest.Prepared batch : batches) {
            for (NewReading reading : batch.readings()) {
                ranges.computeIfAbsent(batch.device().id(), KeyRange::new).add(reading);
            }
        }
        List<KeyRange> all = new ArrayList<>(ranges.values());
        Set<ReadingKey> keys = Collections.synchronizedSet(new HashSet<>());
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int from = 0; from < all.size(); from += DEVICES_PER_LOOKUP) {
            List<KeyRange> part = all.subList(from, Math.min(all.size(), from + DEVICES_PER_LOOKUP));
            chain = chain.chain(() -> storedKeys(connection, part, keys));
        }
        return chain.replaceWith(keys);
    }

    private static Uni<Void> storedKeys(SqlConnection connection, List<KeyRange> ranges, Set<ReadingKey> keys) {
        StringBuilder where = new StringBuilder();
        List<Object> values = new ArrayList<>();
        for (KeyRange range : ranges) {
            where.append(where.isEmpty() ? "" : " OR ").append("(source_device = ? AND type IN (")
                    .append(String.join(",", Collections.nCopies(range.types.size(), "?")))
                    .append(") AND measured_at >= ? AND measured_at <= ?)");
            values.add(range.deviceId);
            range.types.forEach(type -> values.add(type.name()));
            values.add(utc(range.from));
            values.add(utc(range.to));
        }
        return connection.preparedQuery("SELECT source_device, type, measured_at FROM vital_sign WHERE " + where)
                .execute(Tuple.wrap(values))
                .invoke(rows -> {
                    for (Row row : rows) {
                        keys.add(new ReadingKey(row.getLong("source_device"), VitalType.valueOf(row.getString("type")),
                                row.getLocalDateTime("measured_at").toInstant(ZoneOffset.UTC)));
                    }
                })
                .replaceWithVoid();
    }

    /**
     * Rows per INSERT for a write of {@code count} readings: as many of ROWS_PER_STATEMENT as fit, then the rest in
     * powers of two (700 = 512 + 128 + 32 + 16 + 8 + 4). So the statement's text is one of 11 and stays prepared on
     * each connection (StatementCachePool) instead of being prepared for every write.
     */
    static List<Integer> statementSizes(int count) {
        List<Integer> sizes = new ArrayList<>();
        int left = count;
        for (; left >= ROWS_PER_STATEMENT; left -= ROWS_PER_STATEMENT) {
            sizes.add(ROWS_PER_STATEMENT);
        }
        for (int size = Integer.highestOneBit(Math.max(left, 1)); left > 0; size >>= 1) {
            if (left >= size) {
                sizes.add(size);
                left -= size;
            }
        }
        return sizes;
    }

    /** Multi-row INSERTs; MariaDB's RETURNING hands back each row's id in the order of the VALUES. */
    Uni<List<StoredReading>> insert(SqlConnection connection, List<DeviceReading> readings) {
        List<StoredReading> stored = Collections.synchronizedList(new ArrayList<>(readings.size()));
        Uni<Void> chain = Uni.createFrom().voidItem();
        LocalDateTime now = utc(Instant.now());
        int from = 0;
        for (int size : statementSizes(readings.size())) {
            List<DeviceReading> part = readings.subList(from, from + size);
            from += size;
            StringBuilder sql = new StringBuilder("INSERT INTO vital_sign (patient_id, device_id, source_device, "
                    + "type, value, secondary_value, unit, abnormal, measured_at, recorded_by, created_at) VALUES ");
            List<Object> values = new ArrayList<>(part.size() * 11);
            for (int i = 0; i < part.size(); i++) {
                DeviceRow device = part.get(i).device();
                NewReading r = part.get(i).reading();
                sql.append(i == 0 ? "" : ",").append("(?,?,?,?,?,?,?,?,?,?,?)");
                values.addAll(java.util.Arrays.asList(r.patientId(), device.serialNumber(), device.id(),
                        r.type().name(), r.value(), r.secondaryValue(), r.unit(), r.abnormal(),
                        utc(r.measuredAt()), "device:" + device.serialNumber(), now));
            }
            sql.append(" RETURNING id");
            chain = chain.chain(() -> connection.preparedQuery(sql.toString()).execute(Tuple.wrap(values))
                    .invoke(rows -> collectIds(rows, part, stored)).replaceWithVoid());
        }
        return chain.replaceWith(stored);
    }

    private static void collectIds(RowSet<Row> rows, List<DeviceReading> part, List<StoredReading> stored) {
        int i = 0;
        for (Row row : rows) {
            DeviceReading reading = part.get(i++);
            stored.add(new StoredReading(row.getLong("id"), reading.device(), reading.reading()));
        }
        if (i != part.size()) {
            throw new IllegalStateException("inserted " + part.size() + " readings but got " + i + " ids back");
        }
    }

    /** One VITAL_SIGN_BATCH change event: the id of its first vital sign and its payload, already JSON. */
    record BatchEvent(long firstId, String payload) {
    }

    /**
     * The readings' change events (a few per write: MeasurementIngest cuts the readings into batch events). The
     * statement is built first; only then is the sequence row locked and advanced by their count (held until the
     * commit), and each event numbers itself from LAST_INSERT_ID() on the server: under the lock there is the
     * UPDATE and the INSERT, no read of the number and no building.
     */
    Uni<Void> publish(SqlConnection connection, List<BatchEvent> events) {
        int n = events.size();
        if (n == 0) {
            return Uni.createFrom().voidItem();
        }
        LocalDateTime now = utc(Instant.now());
        StringBuilder sql = new StringBuilder("INSERT INTO change_event (seq, entity_type, entity_id, operation,"
                + " occurred_at, payload) VALUES ");
        List<Object> values = new ArrayList<>(n * 6);
        for (int k = 0; k < n; k++) {
            // LAST_INSERT_ID() is the last number reserved below; event k of n takes last - (n - 1 - k)
            sql.append(k == 0 ? "" : ",").append("(LAST_INSERT_ID() - ?,?,?,?,?,?)");
            values.addAll(List.of(n - 1 - k, ChangeFeed.EntityType.VITAL_SIGN_BATCH.name(), events.get(k).firstId(),
                    ChangeFeed.Operation.UPSERT.name(), now, events.get(k).payload()));
        }
        Tuple tuple = Tuple.wrap(values);
        return connection.query("UPDATE change_sequence SET last_seq = LAST_INSERT_ID(last_seq + " + n
                        + ") WHERE id = 1").execute()
                .chain(() -> connection.preparedQuery(sql.toString()).execute(tuple))
                .replaceWithVoid();
    }

    /** One audit row per device and patient of the write, as the staff batch upload writes one per batch. */
    Uni<Void> audit(SqlConnection connection, Map<DeviceAndPatient, Integer> counts) {
        if (counts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        LocalDateTime now = utc(Instant.now());
        StringBuilder sql = new StringBuilder("INSERT INTO audit_event (occurred_at, username, action, "
                + "resource_type, patient_id, detail) VALUES ");
        List<Object> values = new ArrayList<>(counts.size() * 4);
        for (Map.Entry<DeviceAndPatient, Integer> entry : counts.entrySet()) {
            DeviceRow device = entry.getKey().device();
            sql.append(values.isEmpty() ? "" : ",").append("(?, ?, 'CREATE', 'VITAL_SIGN', ?, ?)");
            values.addAll(List.of(now, "device:" + device.serialNumber(), entry.getKey().patientId(),
                    "device " + device.id() + " sent " + entry.getValue() + " readings"));
        }
        return connection.preparedQuery(sql.toString()).execute(Tuple.wrap(values)).replaceWithVoid();
    }

    /** The devices' lastSeenAt, moved forward only (batches may commit out of order). */
    Uni<Void> seen(List<Long> deviceIds) {
        LocalDateTime now = utc(Instant.now());
        List<Object> values = new ArrayList<>(deviceIds.size() + 2);
        values.add(now);
        values.addAll(deviceIds);
        values.add(now);
        return pool.preparedQuery("UPDATE device SET last_seen_at = ? WHERE id IN ("
                        + String.join(",", Collections.nCopies(deviceIds.size(), "?"))
                        + ") AND (last_seen_at IS NULL OR last_seen_at < ?)")
                .execute(Tuple.wrap(values)).replaceWithVoid();
    }

    String toJson(Object payload) {
        return changes.toJson(payload);
    }

    private static LocalDateTime utc(Instant time) {
        return LocalDateTime.ofInstant(time, ZoneOffset.UTC);
    }
}
