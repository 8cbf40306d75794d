package org.mdms.analytics.warehouse;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.analytics.warehouse.Deltas.VisitState;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.mdms.analytics.warehouse.Payloads.instant;
import static org.mdms.analytics.warehouse.Payloads.instantOrNull;
import static org.mdms.analytics.warehouse.Payloads.text;

/** Upserts the visits with their rollup deltas; a visit that moved takes its prescriptions along (VisitDependents). */
@ApplicationScoped
public class VisitApplier {

    Uni<Void> apply(SqlConnection conn, Map<Long, ChangeEvent> events, Deltas deltas, boolean bulk) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<Long, Long> moved = new HashMap<>();
        return Sql.selectIn(conn, "SELECT id, department_id, day, visit_type, status FROM fact_visit WHERE id IN (:ids)",
                        events.keySet(), row -> new VisitState(row.getLong("id"), row.getLong("department_id"),
                                row.getLocalDate("day"), row.getString("visit_type"),
                                !"CANCELLED".equals(row.getString("status"))))
                .chain(old -> {
                    old.forEach(v -> deltas.visit(v, -1));
                    Map<Long, Long> oldDepartment = new HashMap<>();
                    old.forEach(v -> oldDepartment.put(v.id(), v.departmentId()));
                    List<Object[]> rows = new ArrayList<>(events.size());
                    for (ChangeEvent e : events.values()) {
                        JsonNode p = e.payload();
                        Instant started = instant(p, "startedAt");
                        LocalDate day = Sql.day(started);
                        String type = text(p, "type", "OUTPATIENT");
                        String status = text(p, "status", "OPEN");
                        long department = p.path("departmentId").asLong();
                        Long before = oldDepartment.get(e.entityId());
                        if (before != null && before != department) {
                            moved.put(e.entityId(), department);
                        }
                        deltas.visit(new VisitState(e.entityId(), department, day, type, !"CANCELLED".equals(status)),
                                +1);
                        rows.add(new Object[]{e.entityId(), p.path("patientId").asLong(), p.path("doctorId").asLong(),
                                department, type, status, Sql.utc(started), Sql.utc(instantOrNull(p, "endedAt")), day,
                                text(p, "diagnosisCode", null)});
                    }
                    return Sql.insertRows(conn, "INSERT INTO fact_visit (id, patient_id, doctor_id, department_id, "
                                    + "visit_type, status, started_at, ended_at, day, diagnosis_code)", 10,
                            "ON DUPLICATE KEY UPDATE patient_id = VALUES(patient_id), doctor_id = VALUES(doctor_id), "
                                    + "department_id = VALUES(department_id), visit_type = VALUES(visit_type), "
                                    + "status = VALUES(status), started_at = VALUES(started_at), "
                                    + "ended_at = VALUES(ended_at), day = VALUES(day), "
                                    + "diagnosis_code = VALUES(diagnosis_code)", rows);
                })
                .chain(() -> VisitDependents.moveToDepartment(conn, moved, bulk ? null : deltas));
    }
}
