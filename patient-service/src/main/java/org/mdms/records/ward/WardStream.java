package org.mdms.records.ward;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import org.mdms.records.alert.AlertSettings;
import org.mdms.records.auth.Caller;
import org.mdms.records.care.LiveCare;
import org.mdms.records.vitals.ReadingsStored;
import org.mdms.records.vitals.VitalType;
import org.mdms.records.ward.WardDtos.LatestReading;
import org.mdms.records.ward.WardDtos.WardUpdate;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The live ward view: on subscribing, the newest reading of each type of every patient of the ward (an OPEN visit
 * in the department) the caller may see; then, as readings are committed, each patient's new newest readings.
 */
@ApplicationScoped
public class WardStream {

    private static final String SNAPSHOT = """
            SELECT v.patient_id, v.type, v.value, v.secondary_value, v.unit, v.abnormal, v.measured_at
            FROM vital_sign v
            JOIN (SELECT n.patient_id, n.type, MAX(n.measured_at) AS newest FROM vital_sign n
                  WHERE n.patient_id IN (SELECT w.patient_id FROM visit w WHERE w.department_id = ? AND w.status = 'OPEN')
                  GROUP BY n.patient_id, n.type) latest
              ON latest.patient_id = v.patient_id AND latest.type = v.type AND latest.newest = v.measured_at
            ORDER BY v.patient_id, v.type""";

    private final BroadcastProcessor<WardUpdate> processor = BroadcastProcessor.create();
    private final Pool pool;
    private final LiveCare care;
    private final AlertSettings settings;

    WardStream(Pool pool, LiveCare care, AlertSettings settings) {
        this.pool = pool;
        this.care = care;
        this.settings = settings;
    }

    /** On a worker thread after the readings' commit: one update per patient of a ward and batch. */
    void onReadingsStored(@ObservesAsync ReadingsStored stored) {
        Map<Long, List<LatestReading>> byPatient = new LinkedHashMap<>();
        stored.readings().stream()
                .collect(Collectors.groupingBy(ReadingsStored.Reading::patientId, LinkedHashMap::new,
                        Collectors.groupingBy(ReadingsStored.Reading::type, LinkedHashMap::new,
                                Collectors.maxBy(Comparator.comparing(ReadingsStored.Reading::measuredAt)))))
                .forEach((patientId, byType) -> byPatient.put(patientId, byType.values().stream()
                        .flatMap(java.util.Optional::stream)
                        .map(r -> new LatestReading(r.type(), r.value(), r.secondaryValue(), r.type().unit(),
                                r.abnormal(), r.measuredAt())).toList()));
        String marks = byPatient.keySet().stream().map(id -> "?").collect(Collectors.joining(","));
        pool.preparedQuery("SELECT DISTINCT patient_id, department_id FROM visit WHERE status = 'OPEN' "
                        + "AND patient_id IN (" + marks + ")")
                .execute(Tuple.from(new ArrayList<>(byPatient.keySet())))
                .invoke(rows -> rows.forEach(row -> publish(new WardUpdate(row.getLong("department_id"),
                        row.getLong("patient_id"), byPatient.get(row.getLong("patient_id"))))))
                .await().atMost(Duration.ofSeconds(30));
    }

    private synchronized void publish(WardUpdate update) {
        processor.onNext(update);
    }

    public Multi<WardUpdate> updatesFor(long departmentId, Caller caller) {
        LiveCare.Viewer viewer = care.viewer(caller, settings.streamCareFor());
        Multi<WardUpdate> live = processor.onOverflow().buffer(1024)
                .select().where(update -> update.departmentId() == departmentId);
        return Multi.createBy().concatenating().streams(snapshot(departmentId), live)
                .onItem().transformToUniAndConcatenate(update -> viewer.readsClinical(update.patientId())
                        .map(reads -> reads ? update : null));
    }

    private Multi<WardUpdate> snapshot(long departmentId) {
        return pool.preparedQuery(SNAPSHOT).execute(Tuple.of(departmentId))
                .onItem().transformToMulti(rows -> {
                    Map<Long, List<LatestReading>> byPatient = new LinkedHashMap<>();
                    for (Row row : rows) {
                        byPatient.computeIfAbsent(row.getLong("patient_id"), id -> new ArrayList<>())
                                .add(new LatestReading(VitalType.valueOf(row.getString("type")),
                                        row.getBigDecimal("value"), row.getBigDecimal("secondary_value"),
                                        row.getString("unit"), row.getBoolean("abnormal"),
                                        row.getLocalDateTime("measured_at").toInstant(ZoneOffset.UTC)));
                    }
                    return Multi.createFrom().iterable(byPatient.entrySet().stream()
                            .map(e -> new WardUpdate(departmentId, e.getKey(), e.getValue())).toList());
                });
    }
}
