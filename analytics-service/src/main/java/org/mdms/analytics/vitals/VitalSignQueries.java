package org.mdms.analytics.vitals;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.analytics.warehouse.Sql;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** The SQL of question 6: one patient's readings in a window, an index range on fact_vital_sign. */
@ApplicationScoped
public class VitalSignQueries {

    /** One stored reading; secondary is the diastolic value of a blood pressure (null otherwise). */
    record Reading(String type, BigDecimal value, BigDecimal secondary, String unit, boolean abnormal,
                   Instant measuredAt) {
    }

    private static final String READINGS = "SELECT vital_type, value, secondary_value, unit, abnormal, measured_at "
            + "FROM fact_vital_sign WHERE patient_id = ? AND measured_at >= ? AND measured_at < ? "
            + "ORDER BY measured_at, id";

    private final Pool pool;

    public VitalSignQueries(Pool pool) {
        this.pool = pool;
    }

    /** Readings measured in [from, to), oldest first. */
    Uni<List<Reading>> readings(long patientId, Instant from, Instant to) {
        return Sql.query(pool, READINGS, patientId, Sql.utc(from), Sql.utc(to)).map(rows -> {
            List<Reading> readings = new ArrayList<>();
            for (Row row : rows) {
                readings.add(new Reading(row.getString("vital_type"), Sql.decimal(row, "value"),
                        row.getValue("secondary_value") == null ? null : Sql.decimal(row, "secondary_value"),
                        row.getString("unit"), Sql.bool(row, "abnormal"),
                        row.getLocalDateTime("measured_at").toInstant(ZoneOffset.UTC)));
            }
            return readings;
        });
    }
}
