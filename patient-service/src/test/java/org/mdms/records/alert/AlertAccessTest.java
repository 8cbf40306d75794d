package org.mdms.records.alert;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.mdms.records.TestUsers;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Who sees, acknowledges and resolves alerts, over the list, one alert and the live streams. */
@QuarkusTest
class AlertAccessTest {

    private static long otherDepartment() {
        Number hospital = given().auth().oauth2(TestUsers.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("code", TestUsers.unique("H"), "name", "第二医院"))
                .post("/api/v1/hospitals").then().statusCode(201).extract().path("id");
        Number department = given().auth().oauth2(TestUsers.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("hospitalId", hospital, "code", TestUsers.unique("D"), "name", "外科"))
                .post("/api/v1/departments").then().statusCode(201).extract().path("id");
        return department.longValue();
    }

    @Test
    void theCareTeamAcknowledgesAndResolvesOthersAreRefused() {
        Ward ward = new Ward();
        ward.recordJudged("HEART_RATE", 180, 0);
        long id = ((Number) ward.awaitAlert("HEART_RATE_HIGH", a -> true).get("id")).longValue();
        String path = "/api/v1/alerts/" + id;
        String strangerNurse = TestUsers.staff("NURSE", otherDepartment()).token();
        String technician = TestUsers.staff("TECHNICIAN").token(); // of the ward: reads, but does not acknowledge

        // a nurse of another department sees nothing of the patient
        given().auth().oauth2(strangerNurse).get(path).then().statusCode(403)
                .contentType(containsString("application/problem+json"));
        given().auth().oauth2(strangerNurse).queryParam("patientId", ward.patientId).get("/api/v1/alerts")
                .then().statusCode(403);
        given().auth().oauth2(strangerNurse).queryParam("size", 200).get("/api/v1/alerts").then().statusCode(200)
                .body("items.findAll { it.patientId == " + ward.patientId + " }.size()", equalTo(0));
        given().auth().oauth2(strangerNurse).contentType(ContentType.JSON).body(Map.of("note", "x"))
                .post(path + "/acknowledge").then().statusCode(403);
        // the patient reads their own alerts, nobody else's, and does not acknowledge
        String patient = ward.patient.token();
        given().auth().oauth2(patient).get("/api/v1/alerts").then().statusCode(200)
                .body("items.patientId.unique()", equalTo(java.util.List.of((int) ward.patientId)));
        given().auth().oauth2(patient).get(path).then().statusCode(200);
        given().auth().oauth2(patient).contentType(ContentType.JSON).body(Map.of()).post(path + "/acknowledge")
                .then().statusCode(403);
        given().auth().oauth2(TestUsers.analyst().token()).get("/api/v1/alerts").then().statusCode(403);
        given().auth().oauth2(technician).get(path).then().statusCode(200);
        given().auth().oauth2(technician).contentType(ContentType.JSON).body(Map.of()).post(path + "/acknowledge")
                .then().statusCode(403);
        // a note too long is a 400 naming it
        given().auth().oauth2(ward.clinic.nurse.token()).contentType(ContentType.JSON)
                .body(Map.of("note", "x".repeat(501))).post(path + "/acknowledge").then().statusCode(400)
                .body("errors[0].field", containsString("note"));

        given().auth().oauth2(ward.clinic.nurse.token()).contentType(ContentType.JSON)
                .body(Map.of("note", "electrodes re-attached")).post(path + "/acknowledge").then().statusCode(200)
                .body("status", equalTo("ACKNOWLEDGED")).body("acknowledgedBy", equalTo(ward.clinic.nurse.username()))
                .body("acknowledgeNote", equalTo("electrodes re-attached")).body("acknowledgedAt", org.hamcrest.Matchers.notNullValue());
        given().auth().oauth2(ward.clinic.doctor.token()).contentType(ContentType.JSON).body(Map.of())
                .post(path + "/acknowledge").then().statusCode(409).body("errors[0].field", equalTo("status"));
        given().auth().oauth2(strangerNurse).post(path + "/resolve").then().statusCode(403);
        given().auth().oauth2(ward.clinic.doctor.token()).post(path + "/resolve").then().statusCode(200)
                .body("status", equalTo("RESOLVED")).body("resolution", equalTo("MANUAL"))
                .body("resolvedBy", equalTo(ward.clinic.doctor.username()));
        given().auth().oauth2(ward.clinic.doctor.token()).post(path + "/resolve").then().statusCode(409);
        // the acknowledgement is in the audit trail
        given().auth().oauth2(TestUsers.adminToken()).queryParam("patientId", ward.patientId)
                .queryParam("size", 200).get("/api/v1/audit").then().statusCode(200)
                .body("items.findAll { it.resourceType == 'ALERT' && it.action == 'UPDATE' }.size()", equalTo(2));
    }

    @Test
    void theAlertStreamSendsTheCareTeamTheirPatientsAlertsAndOthersNothing() throws Exception {
        Ward ward = new Ward();
        String strangerNurse = TestUsers.staff("NURSE", otherDepartment()).token();
        try (EventStream nurse = new EventStream("/api/v1/alerts/stream", ward.clinic.nurse.token());
             EventStream stranger = new EventStream("/api/v1/alerts/stream", strangerNurse)) {
            assertEquals(200, nurse.status());
            assertTrue(nurse.contentType().startsWith("text/event-stream"), nurse.contentType());
            assertEquals(200, stranger.status());
            long sent = System.nanoTime();
            ward.record("HEART_RATE", 175, 0);
            String opened = nurse.await(line -> line.contains("\"patientId\":" + ward.patientId + ",")
                    && line.contains("HEART_RATE_HIGH"), Duration.ofSeconds(10));
            assertNotNull(opened, "the treating nurse got no event within 10 s: " + nurse.data);
            assertTrue(opened.contains("\"change\":\"OPENED\""), opened);
            long millis = (System.nanoTime() - sent) / 1_000_000;
            assertTrue(millis < 10_000, millis + " ms");
            long id = ((Number) ward.awaitAlert("HEART_RATE_HIGH", a -> true).get("id")).longValue();
            given().auth().oauth2(ward.clinic.nurse.token()).contentType(ContentType.JSON).body(Map.of())
                    .post("/api/v1/alerts/" + id + "/acknowledge").then().statusCode(200);
            assertNotNull(nurse.await(line -> line.contains("\"change\":\"ACKNOWLEDGED\"")
                    && line.contains("\"id\":" + id + ","), Duration.ofSeconds(10)), nurse.data.toString());
            // the stranger's stream was open all along and got none of it
            assertNull(stranger.await(line -> line.contains("\"patientId\":" + ward.patientId + ","),
                    Duration.ofSeconds(1)), stranger.data.toString());
        }
        given().get("/api/v1/alerts/stream").then().statusCode(401);
        given().auth().oauth2(TestUsers.analyst().token()).get("/api/v1/alerts/stream").then().statusCode(403);
    }

    @Test
    void theWardStreamShowsTheNewestReadingsOfTheWardsPatientsToItsStaffOnly() throws Exception {
        Ward ward = new Ward();
        ward.record("SPO2", 97, 0);
        String strangerNurse = TestUsers.staff("NURSE", otherDepartment()).token();
        String path = "/api/v1/wards/" + ward.clinic.departmentId + "/stream";
        try (EventStream nurse = new EventStream(path, ward.clinic.nurse.token());
             EventStream stranger = new EventStream(path, strangerNurse)) {
            assertEquals(200, nurse.status());
            // first the snapshot: the newest SPO2 of the patient
            assertNotNull(nurse.await(line -> line.contains("\"patientId\":" + ward.patientId + ",")
                    && line.contains("\"SPO2\""), Duration.ofSeconds(10)), nurse.data.toString());
            ward.record("HEART_RATE", 72, 5);
            assertNotNull(nurse.await(line -> line.contains("\"patientId\":" + ward.patientId + ",")
                    && line.contains("\"HEART_RATE\""), Duration.ofSeconds(10)), nurse.data.toString());
            assertNull(stranger.await(line -> line.contains("\"patientId\":" + ward.patientId + ","),
                    Duration.ofSeconds(1)), stranger.data.toString());
        }
        given().auth().oauth2(TestUsers.patient().token()).get(path).then().statusCode(403);
    }
}
