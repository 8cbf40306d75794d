package org.mdms.records.device;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.mdms.records.TestUsers;
import org.mdms.records.visit.Clinic;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.mdms.records.Pause.pause;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The device API as the ingest tests drive it (DeviceIngestTest, KafkaIngestTest): register a monitor, assign it,
 * issue its credential, send batches as the device, and wait (within {@link #BOUND}) for what is stored later.
 */
final class DeviceApi {

    static final String DEVICES = "/api/v1/devices";
    /** How long readings handed to Kafka may take to become vital signs or alerts before a test fails. */
    static final Duration BOUND = Duration.ofSeconds(90);

    private DeviceApi() {
    }

    static long register(String serial) {
        return given().auth().oauth2(TestUsers.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("serialNumber", serial, "type", "BEDSIDE_MONITOR", "manufacturer", "迈瑞医疗",
                        "model", "BeneVision N12", "firmware", "2.3.1"))
                .post(DEVICES).then().statusCode(201).extract().jsonPath().getLong("id");
    }

    static void assign(long device, long patient, Instant from) {
        given().auth().oauth2(TestUsers.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("patientId", patient, "bed", "ICU-3-12", "startedAt", from.toString()))
                .post(DEVICES + "/" + device + "/assignments").then().statusCode(201)
                .body("patientId", equalTo((int) patient)).body("endedAt", equalTo(null));
    }

    /** A new secret for the device; the Authorization header value it sends with. */
    static String credential(long device) {
        return given().auth().oauth2(TestUsers.adminToken()).post(DEVICES + "/" + device + "/credentials")
                .then().statusCode(200).body("deviceId", equalTo((int) device))
                .extract().path("authorization");
    }

    /** A registered device, its serial number and the Authorization header value it sends with. */
    record Monitor(long id, String serial, String authorization) {
    }

    /** A new monitor assigned to the patient since {@code from}, with its credential. */
    static Monitor monitor(long patient, Instant from) {
        String serial = TestUsers.unique("MON");
        long device = register(serial);
        assign(device, patient, from);
        return new Monitor(device, serial, credential(device));
    }

    static Map<String, Object> reading(String type, Object value, Instant at) {
        Map<String, Object> r = new HashMap<>();
        r.put("type", type);
        r.put("value", value);
        r.put("measuredAt", at.toString());
        return r;
    }

    /** A batch sent as the device; its 200 answer. */
    static JsonPath send(long device, String authorization, Object batch) {
        return given().header("Authorization", authorization).contentType(ContentType.JSON).body(batch)
                .post(DEVICES + "/" + device + "/measurements").then().statusCode(200).extract().jsonPath();
    }

    /** The patient's vital signs (by measuredAt) once there are {@code count}; fails after the bound. */
    static JsonPath awaitVitals(Clinic clinic, long patient, int count) {
        Instant until = Instant.now().plus(BOUND);
        JsonPath page;
        do {
            page = vitals(clinic, patient);
            if (page.getInt("totalItems") >= count) {
                break;
            }
            pause(200);
        } while (Instant.now().isBefore(until));
        assertEquals(count, page.getInt("totalItems"), page.prettify());
        return page;
    }

    /** The patient's vital signs as the clinic's nurse reads them, by measuredAt. */
    static JsonPath vitals(Clinic clinic, long patient) {
        return given().auth().oauth2(clinic.nurse.token()).queryParam("patientId", patient)
                .queryParam("sort", "measuredAt,asc").get("/api/v1/vital-signs").then().statusCode(200)
                .extract().jsonPath();
    }

    /** The patient's first alert of this rule code that satisfies the condition; fails after the bound. */
    static Map<String, Object> awaitAlert(long patient, String code, Predicate<Map<String, Object>> wanted) {
        Instant until = Instant.now().plus(BOUND);
        while (Instant.now().isBefore(until)) {
            List<Map<String, Object>> items = given().auth().oauth2(TestUsers.adminToken())
                    .queryParam("patientId", patient).queryParam("size", 200).get("/api/v1/alerts").then()
                    .statusCode(200).extract().jsonPath().getList("items");
            for (Map<String, Object> alert : items) {
                if (code.equals(alert.get("ruleCode")) && wanted.test(alert)) {
                    return alert;
                }
            }
            pause(200);
        }
        throw new AssertionError("no " + code + " alert for patient " + patient + " within " + BOUND);
    }
}
