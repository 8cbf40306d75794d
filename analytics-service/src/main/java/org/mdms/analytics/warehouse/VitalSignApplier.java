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
        return Sql.selectIn(conn, WarehouseQueries.VITAL_SIGNS_BY_ID, changes.keySet(), row -> new VitalState(row.getLocalDate("day"), row.getString("vital_type"),
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
                    return WarehouseQueries.VITAL_SIGN.write(conn, rows);
                });
    }
}
