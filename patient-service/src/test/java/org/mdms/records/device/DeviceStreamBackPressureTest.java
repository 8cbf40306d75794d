package org.mdms.records.device;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.mdms.records.TestUsers;

import java.time.Instant;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With no room in the write queue (StreamWrites), a stream is closed with 1013 (try again later), a batch is answered
 * 429 with Retry-After, and nothing is stored.
 */
@QuarkusTest
@TestProfile(DeviceStreamBackPressureTest.NoRoom.class)
class DeviceStreamBackPressureTest {

    public static class NoRoom implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mdms.devices.ingest.stream-max-queued", "0", "mdms.devices.ingest.retry-after", "PT3S");
        }
    }

    @Test
    void aFrameThatFindsTheWriteQueueFullClosesTheStreamWithTryAgainLater() throws Exception {
        DeviceStreamTest.Monitor monitor = DeviceStreamTest.Monitor.ready();
        try (StreamClient stream = StreamClient.connect(monitor.id(), monitor.authorization())) {
            stream.send(DeviceStreamTest.reading("HEART_RATE", 70, Instant.now().minusSeconds(5)));
            StreamClient.Closed closed = stream.closed();
            assertEquals(DeviceStream.TRY_AGAIN_LATER, closed.code());
            assertTrue(closed.reason().contains("after 3 s"), closed.reason());
        }
        given().auth().oauth2(TestUsers.adminToken()).get(DeviceStreamTest.DEVICES + "/" + monitor.id())
                .then().statusCode(200).body("lastSeenAt", nullValue());
    }

    @Test
    void aBatchThatFindsTheWriteQueueFullIsAnswered429WithRetryAfter() {
        DeviceStreamTest.Monitor monitor = DeviceStreamTest.Monitor.ready();
        String admin = TestUsers.adminToken();
        given().header("Authorization", monitor.authorization()).contentType("application/json")
                .body("[" + DeviceStreamTest.reading("HEART_RATE", 70, Instant.now().minusSeconds(5)) + "]")
                .post(DeviceStreamTest.DEVICES + "/" + monitor.id() + "/measurements").then().statusCode(429)
                .header("Retry-After", "3").contentType(containsString("application/problem+json"))
                .body("status", equalTo(429)).body("detail", containsString("waiting to be stored"));
        given().auth().oauth2(admin).get(DeviceStreamTest.DEVICES + "/" + monitor.id())
                .then().statusCode(200).body("lastSeenAt", nullValue());
    }
}
