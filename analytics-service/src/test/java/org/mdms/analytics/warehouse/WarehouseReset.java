package org.mdms.analytics.warehouse;

import io.vertx.mutiny.sqlclient.Pool;

import java.util.List;

/** Empties the warehouse and rewinds the cursor, so a test class starts from a known state. */
public final class WarehouseReset {

    private WarehouseReset() {
    }

    public static void reset(Pool pool) {
        for (String table : List.of("fact_prescription_item", "fact_prescription", "fact_visit", "fact_vital_sign",
                "fact_examination", "rollup_drug_month", "rollup_drug_day", "rollup_drug_department_month", "rollup_doctor_drug_month",
                "rollup_department_day", "rollup_visit_day", "rollup_department_week", "rollup_department_month",
                "rollup_visit_week", "rollup_visit_month", "rollup_month", "rollup_vital_day", "dim_department",
                "dim_staff", "dim_patient", "dim_drug", "reconciliation_run", "rollup_stale_month")) {
            pool.query("DELETE FROM " + table).execute().await().indefinitely();
        }
        pool.query("UPDATE sync_cursor SET last_seq = 0, last_event_at = NULL, last_synced_at = NULL, events_applied = 0")
                .execute().await().indefinitely();
        pool.query("UPDATE sync_lease SET owner = NULL, expires_at = '2000-01-01'").execute().await().indefinitely();
    }
}
