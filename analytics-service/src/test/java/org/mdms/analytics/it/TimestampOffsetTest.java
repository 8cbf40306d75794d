package org.mdms.analytics.it;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Timestamps in analytics answers carry their offset (RFC 3339), so a client in Asia/Shanghai reads the same
 * instant the server meant; a bare 2026-11-30T10:15:30 would be read as local time or rejected.
 */
@QuarkusTest
class TimestampOffsetTest {

    private static final String RFC_3339 = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})";

    @Test
    void syncStatusAndReconciliationAnswerWithAnOffset() {
        Peer analyst = Peer.login("analyst");
        analyst.analytics().post("/api/v1/sync").then().statusCode(200);
        JsonPath status = analyst.analytics().get("/api/v1/sync/status").then().statusCode(200).extract().jsonPath();
        assertRfc3339("lastSyncedAt", status.getString("lastSyncedAt"));
        assertRfc3339("leaseExpiresAt", status.getString("leaseExpiresAt"));

        JsonPath report = analyst.analytics().post("/api/v1/reconciliation").then().statusCode(200).extract().jsonPath();
        assertRfc3339("startedAt", report.getString("startedAt"));
        JsonPath runs = analyst.analytics().get("/api/v1/reconciliation/runs").then().statusCode(200).extract().jsonPath();
        assertRfc3339("items[0].startedAt", runs.getString("items[0].startedAt"));
    }

    private static void assertRfc3339(String field, String value) {
        assertTrue(value != null && value.matches(RFC_3339), field + " has an offset: " + value);
        OffsetDateTime.parse(value);
    }
}
