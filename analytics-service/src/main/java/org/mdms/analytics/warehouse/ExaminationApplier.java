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
        return WarehouseQueries.EXAMINATION.write(conn, rows);
    }
}
