package org.mdms.records.console;

import io.restassured.http.ContentType;
import org.mdms.records.TestUsers;
import org.mdms.records.visit.Clinic;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** A patient on the clinic's ward (an OPEN visit in its department) and the alerts their readings raise. */
final class WardFixture {

    static final Duration BOUND = Duration.ofSeconds(15);

    final Clinic clinic = Clinic.get();
    final long patientId;

    WardFixture(String name) {
        Map<String, Object> body = Map.of("mrn", TestUsers.unique("MRN"), "name", name, "gender", "MALE",
                "birthDate", "1950-02-03");
        patientId = ((Number) given().auth().oauth2(TestUsers.adminToken()).contentType(ContentType.JSON)
                .body(body).post("/api/v1/patients").then().statusCode(201).extract().path("id")).longValue();
        clinic.openVisit(patientId);
    }

    /** One reading typed in by the clinic's nurse through the API. */
    void record(String type, Object value, Instant at) {
        Map<String, Object> reading = new java.util.HashMap<>(Map.of("patientId", patientId, "type", type,
                "value", value, "measuredAt", at.toString()));
        if (type.equals("BLOOD_PRESSURE")) {
            reading.put("secondaryValue", 70);
        }
        given().auth().oauth2(clinic.nurse.token()).contentType(ContentType.JSON)
                .body(Map.of("readings", List.of(reading))).post("/api/v1/vital-signs/batch").then().statusCode(201);
    }

    /** The patient's unresolved alert of this rule code, as the API lists it; fails after the bound. */
    long awaitOpenAlert(String code) {
        Instant until = Instant.now().plus(BOUND);
        while (Instant.now().isBefore(until)) {
            List<Map<String, Object>> items = given().auth().oauth2(TestUsers.adminToken())
                    .queryParam("patientId", patientId).queryParam("status", "OPEN").get("/api/v1/alerts")
                    .then().statusCode(200).extract().jsonPath().getList("items");
            for (Map<String, Object> alert : items) {
                if (code.equals(alert.get("ruleCode"))) {
                    return ((Number) alert.get("id")).longValue();
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no open " + code + " alert of patient " + patientId + " within " + BOUND);
    }

    private long deviceId;
    private String deviceAuthorization;

    /** A bedside monitor assigned to the patient, with its own credential. */
    void attachDevice() {
        deviceId = given().auth().oauth2(TestUsers.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("serialNumber", TestUsers.unique("WARD"), "type", "BEDSIDE_MONITOR",
                        "manufacturer", "迈瑞医疗", "model", "BeneVision N12", "firmware", "2.3.1"))
                .post("/api/v1/devices").then().statusCode(201).extract().jsonPath().getLong("id");
        given().auth().oauth2(TestUsers.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("patientId", patientId, "bed", "WARD-1", "startedAt",
                        Instant.now().minus(Duration.ofHours(1)).toString()))
                .post("/api/v1/devices/" + deviceId + "/assignments").then().statusCode(201);
        deviceAuthorization = given().auth().oauth2(TestUsers.adminToken())
                .post("/api/v1/devices/" + deviceId + "/credentials").then().statusCode(200).extract()
                .path("authorization");
    }

    /** One reading sent by the device through its ingest API. */
    void deviceSends(String type, Object value, Instant at) {
        given().header("Authorization", deviceAuthorization).contentType(ContentType.JSON)
                .body(List.of(Map.of("type", type, "value", value, "measuredAt", at.toString())))
                .post("/api/v1/devices/" + deviceId + "/measurements").then().statusCode(200);
    }

    static Map<String, Object> alert(long id) {
        return given().auth().oauth2(TestUsers.adminToken()).get("/api/v1/alerts/" + id).then().statusCode(200)
                .extract().jsonPath().getMap("");
    }
}
