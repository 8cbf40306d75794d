package org.mdms.analytics.warehouse;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.mdms.analytics.warehouse.Payloads.instantOrNull;
import static org.mdms.analytics.warehouse.Payloads.longOrNull;
import static org.mdms.analytics.warehouse.Payloads.text;

/** Upserts the examinations (facts only: no question reads a rollup of them). */
@ApplicationScoped
public class ExaminationApplier {

    Uni<Void> apply(SqlConnection conn, Map<Long, ChangeEvent> events) {
        List<Object[]> rows = events.values().stream().map(e -> {
            JsonNode p = e.payload();
            Instant performed = instantOrNull(p, "performedAt");
            return new Object[]{e.entityId(), longOrNull(p, "visitId"), longOrNull(p, "patientId"),
                    longOrNull(p, "technicianId"), text(p, "item", null), p.path("abnormal").asBoolean(false),
                    Sql.utc(performed), performed == null ? null : Sql.day(performed)};
        }).toList();
        return Sql.insertRows(conn, "INSERT INTO fact_examination (id, visit_id, patient_id, technician_id, item, "
                        + "abnormal, performed_at, day)", 8,
                "ON DUPLICATE KEY UPDATE visit_id = VALUES(visit_id), patient_id = VALUES(patient_id), "
                        + "technician_id = VALUES(technician_id), item = VALUES(item), abnormal = VALUES(abnormal), "
                        + "performed_at = VALUES(performed_at), day = VALUES(day)", rows);
    }
}
