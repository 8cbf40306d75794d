package org.mdms.analytics.it;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.mdms.analytics.warehouse.WarehouseReset;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 13, end to end: patient-service's feed serves an event that breaks the contract (a prescription whose status
 * field is named "state"). POST /api/v1/sync stops with a 502 problem naming the event, the entity type and the
 * field, and the cursor stays before it. The event is written straight into patient-service's change_event table
 * (same embedded MariaDB) after its last event, and removed again, so no other test sees it.
 */
@QuarkusTest // the embedded MariaDB and patient-service come from the global test resource
class FeedOffContractTest {

    @Inject
    Pool pool;

    @Test
    void aSyncMeetingAnEventOffTheContractStopsWith502AndKeepsTheCursor() {
        WarehouseReset.reset(pool);
        long last = pool.query("SELECT COALESCE(MAX(seq), 0) FROM mdms_records.change_event").execute().await()
                .indefinitely().iterator().next().getLong(0);
        pool.preparedQuery("UPDATE sync_cursor SET last_seq = ?").execute(Tuple.of(last)).await().indefinitely();
        long bad = last + 1;
        String payload = "{\"id\":4242,\"visitId\":1,\"patientId\":1,\"doctorId\":1,\"departmentId\":1,"
                + "\"state\":\"ISSUED\",\"issuedAt\":\"2025-01-15T08:00:00Z\",\"dispensedAt\":null,"
                + "\"cancelledAt\":null,\"totalAmount\":12.50,\"items\":[]}";
        pool.preparedQuery("INSERT INTO mdms_records.change_event (seq, entity_type, entity_id, operation, "
                        + "occurred_at, payload) VALUES (?, 'PRESCRIPTION', 4242, 'UPSERT', UTC_TIMESTAMP(6), ?)")
                .execute(Tuple.of(bad, payload)).await().indefinitely();
        try {
            Peer admin = Peer.login("admin");
            admin.analytics().post("/api/v1/sync").then()
                    .statusCode(502)
                    .contentType("application/problem+json")
                    .body("status", equalTo(502))
                    .body("detail", containsString("change event " + bad + " (PRESCRIPTION 4242)"))
                    .body("detail", containsString("payload.status is missing"))
                    .body("errors[0].field", equalTo("payload.status"));
            assertEquals(last, pool.query("SELECT last_seq FROM sync_cursor").execute().await().indefinitely()
                    .iterator().next().getLong(0));
            assertEquals(0L, pool.query("SELECT COUNT(*) FROM fact_prescription").execute().await().indefinitely()
                    .iterator().next().getLong(0));
            admin.analytics().get("/api/v1/sync/status").then().statusCode(200)
                    .body("lastRun.outcome", equalTo("FAILED"))
                    .body("lastRun.error", containsString("payload.status"));
        } finally {
            pool.preparedQuery("DELETE FROM mdms_records.change_event WHERE seq = ?").execute(Tuple.of(bad))
                    .await().indefinitely();
            WarehouseReset.reset(pool);
        }
    }
}
