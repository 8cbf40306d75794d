package org.mdms.records.alert;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.mdms.records.TestUsers;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The defaults the migration seeds, who writes which rules, and a patient's override taking effect. */
@QuarkusTest
class AlertRuleTest {

    private static final String RULES = "/api/v1/alert-rules";

    private static Map<String, Object> rule(String code, String type, Object below, Object above) {
        Map<String, Object> body = new HashMap<>();
        body.put("code", code);
        body.put("kind", "VITAL_SIGN");
        body.put("vitalType", type);
        body.put("severity", "HIGH");
        body.put("below", below);
        body.put("above", above);
        return body;
    }

    @Test
    void theHospitalDefaultsAreSeededAndCannotBeRemoved() {
        String nurse = TestUsers.staff("NURSE").token();
        given().auth().oauth2(nurse).queryParam("code", "SPO2_LOW").get(RULES).then().statusCode(200)
                .body("items.find { it.scope == 'ALL' }.below", equalTo(90.0f))
                .body("items.find { it.scope == 'ALL' }.sustainSeconds", equalTo(30))
                .body("items.find { it.scope == 'ALL' }.severity", equalTo("HIGH"));
        given().auth().oauth2(nurse).queryParam("code", "HEART_RATE_HIGH").get(RULES).then().statusCode(200)
                .body("items.find { it.scope == 'ALL' }.above", equalTo(150.0f))
                .body("items.find { it.scope == 'ALL' }.severity", equalTo("CRITICAL"));
        given().auth().oauth2(nurse).queryParam("size", 200).get(RULES).then().statusCode(200)
                .body("items.code", hasItems("SPO2_LOW", "HEART_RATE_HIGH", "DEVICE_SILENT"))
                .body("items.findAll { it.patientId != null }.size()", equalTo(0));
        Number id = given().auth().oauth2(nurse).queryParam("code", "SPO2_LOW").get(RULES).then()
                .extract().path("items.find { it.scope == 'ALL' }.id");
        given().auth().oauth2(TestUsers.adminToken()).delete(RULES + "/" + id).then().statusCode(409);
        given().auth().oauth2(nurse).contentType(ContentType.JSON).body(rule("X_LOW", "SPO2", 80, null))
                .post(RULES).then().statusCode(403);
    }

    @Test
    void badRulesAreRefusedNamingTheField() {
        String admin = TestUsers.adminToken();
        Map<String, Object> both = rule("SPO2_LOW", "SPO2", 85, null);
        both.put("patientId", TestUsers.patient().recordId());
        both.put("departmentId", TestUsers.departmentId());
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(both).post(RULES).then().statusCode(400)
                .contentType(containsString("application/problem+json")).body("errors[0].field", equalTo("patientId"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(rule("SPO2_LOW", null, null, null))
                .post(RULES).then().statusCode(400).body("errors.field", hasItems("vitalType", "below"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(rule("SPO2_LOW", "SPO2", 95, 90))
                .post(RULES).then().statusCode(400).body("errors[0].field", equalTo("above"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(rule("spo2 low", "SPO2", 85, null))
                .post(RULES).then().statusCode(400).body("errors[0].field", containsString("code"));
        Map<String, Object> unknown = rule("SPO2_LOW", "SPO2", 85, null);
        unknown.put("patientId", 999_999_999);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(unknown).post(RULES).then().statusCode(422)
                .body("errors[0].field", equalTo("patientId"));
        Map<String, Object> silent = rule("DEVICE_SILENT", null, null, null);
        silent.put("kind", "DEVICE_SILENT");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(silent).post(RULES).then().statusCode(400)
                .body("errors[0].field", equalTo("silentAfterSeconds"));
    }

    @Test
    void aTreatingDoctorOverridesRulesForTheirPatientAndTheOverrideDecides() {
        Ward ward = new Ward();
        Map<String, Object> lower = rule("SPO2_LOW", "SPO2", 85, null);
        lower.put("patientId", ward.patientId);
        lower.put("sustainSeconds", 0);
        // a doctor who does not treat the patient, and a nurse who does, may not
        given().auth().oauth2(TestUsers.staff("DOCTOR", otherDepartment()).token()).contentType(ContentType.JSON)
                .body(lower).post(RULES).then().statusCode(403);
        given().auth().oauth2(ward.clinic.nurse.token()).contentType(ContentType.JSON).body(lower).post(RULES)
                .then().statusCode(403);
        // nor may a doctor write a department's rule
        Map<String, Object> department = rule("SPO2_LOW", "SPO2", 85, null);
        department.put("departmentId", ward.clinic.departmentId);
        given().auth().oauth2(ward.clinic.doctor.token()).contentType(ContentType.JSON).body(department)
                .post(RULES).then().statusCode(403);
        // the treating doctor: a COPD patient lives with 88 %
        long id = given().auth().oauth2(ward.clinic.doctor.token()).contentType(ContentType.JSON).body(lower)
                .post(RULES).then().statusCode(201).header("Location", containsString(RULES + "/"))
                .body("scope", equalTo("PATIENT")).body("below", equalTo(85)).extract().jsonPath().getLong("id");
        given().auth().oauth2(ward.clinic.doctor.token()).contentType(ContentType.JSON).body(lower).post(RULES)
                .then().statusCode(409).body("errors[0].field", equalTo("code"));
        Map<String, Object> off = rule("HEART_RATE_HIGH", "HEART_RATE", null, 150);
        off.put("patientId", ward.patientId);
        off.put("enabled", false);
        given().auth().oauth2(ward.clinic.doctor.token()).contentType(ContentType.JSON).body(off).post(RULES)
                .then().statusCode(201).body("enabled", equalTo(false));

        // 88 % for a minute: below the default's 90, not below this patient's 85; HEART_RATE_HIGH is off for them
        ward.recordJudged("SPO2", 88, 0, "SPO2", 88, 60, "HEART_RATE", 170, 60);
        assertEquals(List.of(), ward.alertsOf("SPO2_LOW"));
        assertEquals(List.of(), ward.alertsOf("HEART_RATE_HIGH"));
        ward.recordJudged("SPO2", 84, 70);
        assertEquals("HIGH", ward.awaitAlert("SPO2_LOW", a -> true).get("severity"));
        // the staff of the ward read the override; other staff only without it
        given().auth().oauth2(ward.clinic.nurse.token()).queryParam("patientId", ward.patientId).get(RULES)
                .then().statusCode(200).body("items.findAll { it.patientId != null }.size()", equalTo(2));
        given().auth().oauth2(TestUsers.staff("NURSE", otherDepartment()).token())
                .queryParam("patientId", ward.patientId).get(RULES).then().statusCode(403);
        lower.put("below", 80);
        given().auth().oauth2(ward.clinic.doctor.token()).contentType(ContentType.JSON).body(lower)
                .put(RULES + "/" + id).then().statusCode(200).body("below", equalTo(80)).body("version", equalTo(1));
        given().auth().oauth2(ward.clinic.doctor.token()).delete(RULES + "/" + id).then().statusCode(204);
        given().auth().oauth2(ward.clinic.doctor.token()).get(RULES + "/" + id).then().statusCode(404);
    }

    private static long otherDepartment() {
        Number hospital = given().auth().oauth2(TestUsers.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("code", TestUsers.unique("H"), "name", "第三医院"))
                .post("/api/v1/hospitals").then().statusCode(201).extract().path("id");
        Number department = given().auth().oauth2(TestUsers.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("hospitalId", hospital, "code", TestUsers.unique("D"), "name", "呼吸科"))
                .post("/api/v1/departments").then().statusCode(201).extract().path("id");
        return department.longValue();
    }
}
