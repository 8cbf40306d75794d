package org.mdms.records.vitals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.mdms.records.TestUsers;
import org.mdms.records.visit.Clinic;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class VitalSeriesTest {

    @Test
    void meanMinMaxAndCountPerMinuteAndPerHourUnderTheVitalSignRules() {
        Clinic clinic = Clinic.get();
        TestUsers.Account patient = TestUsers.patient();
        clinic.openVisit(patient.recordId());
        Instant hour = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.HOURS);
        List<Map<String, Object>> readings = new ArrayList<>();
        // minute 0: 90, 94, 98; minute 1: 97; next hour, minute 0: 99
        int[][] values = {{0, 5, 90}, {0, 25, 94}, {0, 55, 98}, {1, 10, 97}, {60, 0, 99}};
        for (int[] v : values) {
            readings.add(Map.of("patientId", patient.recordId(), "type", "SPO2", "value", v[2],
                    "measuredAt", hour.plusSeconds(v[0] * 60L + v[1]).toString()));
        }
        readings.add(Map.of("patientId", patient.recordId(), "type", "HEART_RATE", "value", 70,
                "measuredAt", hour.plusSeconds(30).toString()));
        given().auth().oauth2(clinic.nurse.token()).contentType(ContentType.JSON).body(Map.of("readings", readings))
                .post("/api/v1/vital-signs/batch").then().statusCode(201);
        String path = "/api/v1/patients/" + patient.recordId() + "/vital-signs/series";

        JsonPath minutes = given().auth().oauth2(clinic.nurse.token()).queryParam("type", "SPO2")
                .queryParam("window", "1m").queryParam("from", hour.toString())
                .queryParam("to", hour.plus(2, ChronoUnit.HOURS).toString())
                .get(path).then().statusCode(200).body("type", equalTo("SPO2")).body("window", equalTo("1m"))
                .extract().jsonPath();
        assertEquals(List.of(hour.toString(), hour.plusSeconds(60).toString(), hour.plusSeconds(3600).toString()),
                minutes.getList("windows.start"));
        assertEquals(List.of(3, 1, 1), minutes.getList("windows.count"));
        assertEquals(94.0f, minutes.getFloat("windows[0].mean"));
        assertEquals(90.0f, minutes.getFloat("windows[0].min"));
        assertEquals(98.0f, minutes.getFloat("windows[0].max"));

        JsonPath hours = given().auth().oauth2(patient.token()).queryParam("type", "SPO2").queryParam("window", "1h")
                .queryParam("from", hour.toString()).queryParam("to", hour.plus(2, ChronoUnit.HOURS).toString())
                .get(path).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(4, 1), hours.getList("windows.count"));
        assertEquals(94.75f, hours.getFloat("windows[0].mean"));

        // the vital-sign rules: staff who do not treat the patient, and other patients, are refused
        given().auth().oauth2(TestUsers.staff("NURSE", otherDepartment()).token()).queryParam("type", "SPO2")
                .queryParam("window", "1m").get(path).then().statusCode(403);
        given().auth().oauth2(clinic.otherPatient.token()).queryParam("type", "SPO2").queryParam("window", "1m")
                .get(path).then().statusCode(403);
        given().auth().oauth2(clinic.nurse.token()).queryParam("window", "5m").get(path).then().statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("errors.field", hasItems("type", "window"));
        given().auth().oauth2(clinic.nurse.token()).queryParam("type", "SPO2").queryParam("window", "1m")
                .queryParam("from", "2026-01-01").queryParam("to", "2026-03-01").get(path).then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
    }

    private static long otherDepartment() {
        Number hospital = given().auth().oauth2(TestUsers.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("code", TestUsers.unique("H"), "name", "第四医院"))
                .post("/api/v1/hospitals").then().statusCode(201).extract().path("id");
        Number department = given().auth().oauth2(TestUsers.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("hospitalId", hospital, "code", TestUsers.unique("D"), "name", "心内科"))
                .post("/api/v1/departments").then().statusCode(201).extract().path("id");
        return department.longValue();
    }
}
