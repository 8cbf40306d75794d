package org.mdms.records.alert;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.mdms.local.testing.ResignedTokens;
import org.mdms.records.TestUsers;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An event stream lasts no longer than the token that opened it: it ends at the token's exp, and within the
 * revocation bound (mdms.auth.revocation-refresh, 2 s, twice: one tick to see the change, one to read the list) once
 * the session is signed out or the user disabled; nothing is sent after that.
 */
@QuarkusTest
class StreamSessionTest {

    private static final Duration REVOCATION_BOUND = Duration.ofSeconds(6);

    @Test
    void theAlertStreamEndsWhenItsSessionIsSignedOut() throws Exception {
        Ward ward = new Ward();
        String nurse = TestUsers.staff("NURSE", ward.clinic.departmentId).token();
        try (EventStream stream = new EventStream("/api/v1/alerts/stream", nurse)) {
            assertEquals(200, stream.status());
            ward.record("HEART_RATE", 175, 0);
            assertNotNull(stream.await(line -> line.contains("\"patientId\":" + ward.patientId + ",")
                    && line.contains("HEART_RATE_HIGH"), Duration.ofSeconds(10)), stream.data.toString());
            assertNull(stream.awaitEnd(Duration.ZERO), "open while the session is");

            Instant signedOut = Instant.now();
            given().auth().oauth2(nurse).delete("/api/v1/auth/session").then().statusCode(204);
            Instant ended = stream.awaitEnd(REVOCATION_BOUND);
            assertNotNull(ended, "the stream outlived its signed-out session by " + REVOCATION_BOUND);
            assertTrue(Duration.between(signedOut, ended).compareTo(REVOCATION_BOUND) <= 0);
        }
    }

    @Test
    void theWardStreamEndsWhenItsUserIsDisabled() throws Exception {
        Ward ward = new Ward();
        ward.record("SPO2", 97, 0);
        TestUsers.Account nurse = TestUsers.staff("NURSE", ward.clinic.departmentId);
        String path = "/api/v1/wards/" + ward.clinic.departmentId + "/stream";
        try (EventStream stream = new EventStream(path, nurse.token())) {
            assertEquals(200, stream.status());
            assertNotNull(stream.await(line -> line.contains("\"patientId\":" + ward.patientId + ","),
                    Duration.ofSeconds(10)), stream.data.toString());

            given().auth().oauth2(TestUsers.adminToken()).contentType(ContentType.JSON)
                    .body(Map.of("displayName", "停用护士", "enabled", false)).put("/api/v1/users/" + nurse.userId()).then().statusCode(200);
            assertNotNull(stream.awaitEnd(REVOCATION_BOUND), "the stream outlived its disabled user");
            int delivered = stream.data.size();
            ward.record("HEART_RATE", 72, 5);
            Instant until = Instant.now().plusSeconds(2);
            while (Instant.now().isBefore(until)) {
                assertEquals(delivered, stream.data.size(), stream.data.toString());
                Thread.sleep(100);
            }
        }
    }

    @Test
    void aStreamEndsAtItsTokensExpiry() throws Exception {
        Ward ward = new Ward();
        ward.record("SPO2", 97, 0);
        String nurse = TestUsers.staff("NURSE", ward.clinic.departmentId).token();
        Instant exp = Instant.now().plusSeconds(4);
        String shortLived = ResignedTokens.expiringAt(nurse, exp);
        String path = "/api/v1/wards/" + ward.clinic.departmentId + "/stream";
        try (EventStream ward1 = new EventStream(path, shortLived);
             EventStream alerts = new EventStream("/api/v1/alerts/stream", shortLived)) {
            assertEquals(200, ward1.status());
            assertEquals(200, alerts.status());
            assertNotNull(ward1.await(line -> line.contains("\"patientId\":" + ward.patientId + ","),
                    Duration.ofSeconds(10)), ward1.data.toString());
            Instant wardEnded = ward1.awaitEnd(Duration.ofSeconds(10));
            Instant alertsEnded = alerts.awaitEnd(Duration.ofSeconds(2));
            assertNotNull(wardEnded, "the ward stream outlived its token");
            assertNotNull(alertsEnded, "the alert stream outlived its token");
            // at exp (seconds in the token, so up to one second early), not before
            assertTrue(wardEnded.isAfter(exp.minusSeconds(2)) && wardEnded.isBefore(exp.plusSeconds(3)),
                    wardEnded + " vs exp " + exp);
            assertTrue(alertsEnded.isAfter(exp.minusSeconds(2)), alertsEnded + " vs exp " + exp);
        }
    }
}
