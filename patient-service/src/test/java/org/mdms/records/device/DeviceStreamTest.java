package org.mdms.records.device;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.mdms.records.TestUsers;

import java.net.http.WebSocketHandshakeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The device stream through a real WebSocket client: acknowledgements, refusals, the credential on the upgrade. */
@QuarkusTest
class DeviceStreamTest {

    static final String DEVICES = "/api/v1/devices";

    /** A registered, assigned device with its credential. */
    record Monitor(long id, long patient, String authorization) {
        static Monitor ready() {
            String admin = TestUsers.adminToken();
            long patient = TestUsers.patient().recordId();
            long id = given().auth().oauth2(admin).contentType(ContentType.JSON)
                    .body(Map.of("serialNumber", TestUsers.unique("WS"), "type", "BEDSIDE_MONITOR"))
                    .post(DEVICES).then().statusCode(201).extract().jsonPath().getLong("id");
            given().auth().oauth2(admin).contentType(ContentType.JSON)
                    .body(Map.of("patientId", patient, "startedAt", Instant.now().minus(1, ChronoUnit.HOURS)
                            .toString()))
                    .post(DEVICES + "/" + id + "/assignments").then().statusCode(201);
            String authorization = given().auth().oauth2(admin).post(DEVICES + "/" + id + "/credentials")
                    .then().statusCode(200).extract().path("authorization");
            return new Monitor(id, patient, authorization);
        }
    }

    static String reading(String type, Object value, Instant at) {
        return "{\"type\":\"" + type + "\",\"value\":" + value + ",\"measuredAt\":\"" + at + "\"}";
    }

    @Test
    void eachFrameIsAcknowledgedWithWhatBecameOfItsReadings() throws Exception {
        Monitor monitor = Monitor.ready();
        String analyst = TestUsers.analyst().token();
        long cursor = FeedReadings.lastSeq(analyst);
        Instant at = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        try (StreamClient stream = StreamClient.connect(monitor.id(), monitor.authorization())) {
            stream.send(reading("HEART_RATE", 72, at));
            JsonPath first = stream.answer();
            assertEquals(List.of(1, 1, 1, 0, 0), List.of(first.getInt("frame"), first.getInt("received"),
                    first.getInt("accepted"), first.getInt("duplicates"), first.getInt("refused")));

            // a small batch: a good reading, one out of range, a repeat of the first frame's, one not yet measured
            stream.send("[" + reading("SPO2", 97, at) + "," + reading("HEART_RATE", 400, at.plusSeconds(1)) + ","
                    + reading("HEART_RATE", 72, at) + "," + reading("SPO2", 96, Instant.now().plusSeconds(600))
                    + "]");
            JsonPath second = stream.answer();
            assertEquals(List.of(2, 4, 1, 1, 2), List.of(second.getInt("frame"), second.getInt("received"),
                    second.getInt("accepted"), second.getInt("duplicates"), second.getInt("refused")));
            assertEquals(List.of(1, 3), second.getList("refusals.index"));
            assertEquals(List.of("value", "measuredAt"), second.getList("refusals.field"));

            // a frame that is not a reading at all is answered with a problem; the stream stays open
            stream.send("{\"type\":");
            JsonPath problem = stream.answer();
            assertEquals(3, problem.getInt("frame"));
            assertEquals(400, problem.getInt("status"));
            assertTrue(problem.getString("detail").contains("not JSON"), problem.getString("detail"));

            stream.send("[" + reading("SPO2", 97, at) + "," + reading("TEMPERATURE", 36.8, at) + "]");
            JsonPath fourth = stream.answer();
            assertEquals(List.of(4, 1, 1), List.of(fourth.getInt("frame"), fourth.getInt("accepted"),
                    fourth.getInt("duplicates")));
        }
        // what was acknowledged is stored: the patient's vital signs hold the three readings, the device was seen
        List<Long> stored = given().auth().oauth2(TestUsers.adminToken()).queryParam("patientId", monitor.patient())
                .queryParam("sort", "id,asc").get("/api/v1/vital-signs").then().statusCode(200)
                .body("totalItems", equalTo(3)).extract().jsonPath().getList("items.id", Number.class).stream()
                .map(Number::longValue).toList();
        // and the feed shows them in VITAL_SIGN_BATCH events (the frames' writes), each once, in order
        List<Map<String, Object>> events = FeedReadings.eventsAfter(analyst, cursor);
        assertTrue(events.stream().noneMatch(event -> "VITAL_SIGN".equals(event.get("entityType"))), "" + events);
        assertEquals(stored, FeedReadings.batchedReadings(events).stream()
                .filter(reading -> ((Number) reading.get("patientId")).longValue() == monitor.patient())
                .map(reading -> ((Number) reading.get("id")).longValue()).toList());
        given().auth().oauth2(TestUsers.adminToken()).get(DEVICES + "/" + monitor.id()).then().statusCode(200)
                .body("lastSeenAt", notNullValue());
    }

    @Test
    void theUpgradeIsRefusedWithoutTheDevicesOwnCurrentCredential() throws Exception {
        Monitor monitor = Monitor.ready();
        Monitor other = Monitor.ready();
        assertEquals(401, refusal(monitor.id(), null));
        assertEquals(401, refusal(monitor.id(), "Bearer " + TestUsers.adminToken()));
        assertEquals(401, refusal(monitor.id(), monitor.authorization() + "x"));
        assertEquals(403, refusal(monitor.id(), other.authorization()));
    }

    @Test
    void aSecretRotatedWhileStreamingClosesTheStreamAtItsNextFrame() throws Exception {
        Monitor monitor = Monitor.ready();
        try (StreamClient stream = StreamClient.connect(monitor.id(), monitor.authorization())) {
            stream.send(reading("HEART_RATE", 70, Instant.now().minusSeconds(5)));
            assertEquals(1, stream.answer().getInt("accepted"));
            given().auth().oauth2(TestUsers.adminToken()).post(DEVICES + "/" + monitor.id() + "/credentials")
                    .then().statusCode(200);
            stream.send(reading("HEART_RATE", 71, Instant.now().minusSeconds(4)));
            StreamClient.Closed closed = stream.closed();
            assertEquals(DeviceStream.POLICY_VIOLATION, closed.code());
            assertTrue(closed.reason().startsWith("401"), closed.reason());
        }
    }

    @Test
    void aDeviceReassignedWhileStreamingSendsForItsNewPatientFromItsNextFrame() throws Exception {
        Monitor monitor = Monitor.ready();
        long next = TestUsers.patient().recordId();
        String admin = TestUsers.adminToken();
        Instant before = Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.MILLIS);
        try (StreamClient stream = StreamClient.connect(monitor.id(), monitor.authorization())) {
            stream.send(reading("HEART_RATE", 70, before));
            assertEquals(1, stream.answer().getInt("accepted"));
            given().auth().oauth2(admin).post(DEVICES + "/" + monitor.id() + "/assignments/end")
                    .then().statusCode(200);
            given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("patientId", next))
                    .post(DEVICES + "/" + monitor.id() + "/assignments").then().statusCode(201);
            Thread.sleep(5); // measured after the new assignment started
            Instant after = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            // the same open stream: a reading still naming the old patient is refused; one measured before the
            // reassignment still belongs to the old patient, one measured after it to the new one
            stream.send("[{\"type\":\"SPO2\",\"value\":95,\"measuredAt\":\"" + after + "\",\"patientId\":"
                    + monitor.patient() + "}," + reading("HEART_RATE", 72, after) + ","
                    + reading("HEART_RATE", 71, before.plusSeconds(1)) + "]");
            JsonPath answer = stream.answer();
            assertEquals(List.of(3, 2, 1), List.of(answer.getInt("received"), answer.getInt("accepted"),
                    answer.getInt("refused")));
            assertEquals(List.of(0), answer.getList("refusals.index"));
            assertEquals(List.of("patientId"), answer.getList("refusals.field"));
        }
        assertEquals(List.of(70, 71), values(admin, monitor.patient()));
        assertEquals(List.of(72), values(admin, next));
    }

    private static List<Integer> values(String admin, long patient) {
        return given().auth().oauth2(admin).queryParam("patientId", patient).queryParam("sort", "id,asc")
                .get("/api/v1/vital-signs").then().statusCode(200).extract().jsonPath()
                .getList("items.value", Float.class).stream().map(Float::intValue).toList();
    }

    /** The status the upgrade was refused with. */
    static int refusal(long device, String authorization) throws Exception {
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> StreamClient.open(device, authorization).get(20, TimeUnit.SECONDS));
        WebSocketHandshakeException handshake = assertInstanceOf(WebSocketHandshakeException.class,
                failure.getCause());
        return handshake.getResponse().statusCode();
    }
}
