package org.mdms.analytics.warehouse;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.analytics.warehouse.Changes.VitalSignChange;
import org.mdms.analytics.warehouse.Deltas.VitalState;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Upserts the vital signs; the day rollup gets the old reading out and the new one in. */
@ApplicationScoped
public class VitalSignApplier {

    Uni<Void> apply(SqlConnection conn, Map<Long, VitalSignChange> changes, Deltas deltas) {
        if (changes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Sql.selectIn(conn, "SELECT day, vital_type, abnormal FROM fact_vital_sign WHERE id IN (:ids)",
                        changes.keySet(), row -> new VitalState(row.getLocalDate("day"), row.getString("vital_type"),
                                Sql.bool(row, "abnormal")))
                .chain(old -> {
                    old.forEach(v -> deltas.vitalSign(v, -1));
                    List<Object[]> rows = new ArrayList<>();
                    changes.forEach((id, v) -> {
                        VitalState now = new VitalState(Sql.day(v.measuredAt()), v.type().name(), v.abnormal());
                        deltas.vitalSign(now, +1);
                        rows.add(new Object[]{id, v.patientId(), v.visitId(), now.type(), v.value(),
                                v.secondaryValue(), v.unit(), now.abnormal(), Sql.utc(v.measuredAt()), now.day()});
                    });
                    return Sql.insertRows(conn, "INSERT INTO fact_vital_sign (id, patient_id, visit_id, vital_type, "
                                    + "value, secondary_value, unit, abnormal, measured_at, day)", 10,
                            "ON DUPLICATE KEY UPDATE patient_id = VALUES(patient_id), visit_id = VALUES(visit_id), "
                                    + "vital_type = VALUES(vital_type), value = VALUES(value), "
                                    + "secondary_value = VALUES(secondary_value), unit = VALUES(unit), "
                                    + "abnormal = VALUES(abnormal), measured_at = VALUES(measured_at), day = VALUES(day)",
                            rows);
                });
    }
}
