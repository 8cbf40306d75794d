package org.mdms.analytics.warehouse;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.analytics.warehouse.Deltas.VitalState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.mdms.analytics.warehouse.Payloads.decimal;
import static org.mdms.analytics.warehouse.Payloads.decimalOrNull;
import static org.mdms.analytics.warehouse.Payloads.instant;
import static org.mdms.analytics.warehouse.Payloads.longOrNull;
import static org.mdms.analytics.warehouse.Payloads.text;

/** Upserts the vital signs; the day rollup gets the old reading out and the new one in. */
@ApplicationScoped
public class VitalSignApplier {

    Uni<Void> apply(SqlConnection conn, Map<Long, ChangeEvent> events, Deltas deltas) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Sql.selectIn(conn, "SELECT day, vital_type, abnormal FROM fact_vital_sign WHERE id IN (:ids)",
                        events.keySet(), row -> new VitalState(row.getLocalDate("day"), row.getString("vital_type"),
                                Sql.bool(row, "abnormal")))
                .chain(old -> {
                    old.forEach(v -> deltas.vitalSign(v, -1));
                    List<Object[]> rows = new ArrayList<>();
                    for (ChangeEvent e : events.values()) {
                        JsonNode p = e.payload();
                        Instant measured = instant(p, "measuredAt");
                        VitalState now = new VitalState(Sql.day(measured), text(p, "type", "HEART_RATE"),
                                p.path("abnormal").asBoolean(false));
                        deltas.vitalSign(now, +1);
                        rows.add(new Object[]{e.entityId(), p.path("patientId").asLong(), longOrNull(p, "visitId"),
                                now.type(), decimal(p, "value"), decimalOrNull(p, "secondaryValue"),
                                text(p, "unit", null), now.abnormal(), Sql.utc(measured), now.day()});
                    }
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
