package org.mdms.analytics.warehouse;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.analytics.warehouse.Changes.VisitChange;
import org.mdms.analytics.warehouse.Changes.VisitStatus;
import org.mdms.analytics.warehouse.Deltas.VisitState;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Upserts the visits with their rollup deltas; a visit that moved takes its prescriptions along (VisitDependents). */
@ApplicationScoped
public class VisitApplier {

    Uni<Void> apply(SqlConnection conn, Map<Long, VisitChange> changes, Deltas deltas, boolean bulk) {
        if (changes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<Long, Long> moved = new HashMap<>();
        return Sql.selectIn(conn, WarehouseQueries.VISITS_BY_ID, changes.keySet(), row -> new VisitState(row.getLong("id"), row.getLong("department_id"),
                                row.getLocalDate("day"), row.getString("visit_type"),
                                !"CANCELLED".equals(row.getString("status"))))
                .chain(old -> {
                    old.forEach(v -> deltas.visit(v, -1));
                    Map<Long, Long> oldDepartment = new HashMap<>();
                    old.forEach(v -> oldDepartment.put(v.id(), v.departmentId()));
                    List<Object[]> rows = new ArrayList<>(changes.size());
                    changes.forEach((id, v) -> {
                        LocalDate day = Sql.day(v.startedAt());
                        Long before = oldDepartment.get(id);
                        if (before != null && before != v.departmentId()) {
                            moved.put(id, v.departmentId());
                        }
                        deltas.visit(new VisitState(id, v.departmentId(), day, v.type().name(),
                                v.status() != VisitStatus.CANCELLED), +1);
                        rows.add(new Object[]{id, v.patientId(), v.doctorId(), v.departmentId(), v.type().name(),
                                v.status().name(), Sql.utc(v.startedAt()), Sql.utc(v.endedAt()), day,
                                v.diagnosisCode()});
                    });
                    return WarehouseQueries.VISIT.write(conn, rows);
                })
                .chain(() -> VisitDependents.moveToDepartment(conn, moved, bulk ? null : deltas));
    }
}
