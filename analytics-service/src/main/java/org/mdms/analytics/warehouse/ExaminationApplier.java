package org.mdms.analytics.warehouse;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.analytics.warehouse.Changes.ExaminationChange;

import java.util.List;
import java.util.Map;

/** Upserts the examinations (facts only: no question reads a rollup of them). */
@ApplicationScoped
public class ExaminationApplier {

    Uni<Void> apply(SqlConnection conn, Map<Long, ExaminationChange> changes) {
        List<Object[]> rows = changes.entrySet().stream().map(e -> {
            ExaminationChange x = e.getValue();
            return new Object[]{e.getKey(), x.visitId(), x.patientId(), x.technicianId(), x.item(), x.abnormal(),
                    Sql.utc(x.performedAt()), Sql.day(x.performedAt())};
        }).toList();
        return Sql.insertRows(conn, "INSERT INTO fact_examination (id, visit_id, patient_id, technician_id, item, "
                        + "abnormal, performed_at, day)", 8,
                "ON DUPLICATE KEY UPDATE visit_id = VALUES(visit_id), patient_id = VALUES(patient_id), "
                        + "technician_id = VALUES(technician_id), item = VALUES(item), abnormal = VALUES(abnormal), "
                        + "performed_at = VALUES(performed_at), day = VALUES(day)", rows);
    }
}
