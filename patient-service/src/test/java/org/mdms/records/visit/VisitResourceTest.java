package org.mdms.records.visit;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.mdms.records.TestUsers;
import org.mdms.records.TestUsers.Account;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class VisitResourceTest {

    private static final String VISITS = "/api/v1/visits";

    @Test
    void openReadUpdateAndCloseWithChineseTextAuditAndChangeEvents() throws Exception {
        Clinic clinic = Clinic.get();
        Map<String, Object> body = Clinic.visitBody(clinic.patient.recordId(), clinic.doctor.recordId(),
                clinic.departmentId);
        body.put("type", "EMERGENCY");
        body.put("startedAt", "2026-01-02T03:04:05.123456789Z");
        String location = given().auth().oauth2(clinic.nurse.token()).contentType(ContentType.JSON).body(body)
                .post(VISITS).then().statusCode(201)
                .header("Location", containsString(VISITS + "/"))
                .body("status", equalTo("OPEN")).body("type", equalTo("EMERGENCY"))
                .body("chiefComplaint", equalTo("头痛三天，伴恶心")).body("diagnosisCode", equalTo("G43.9"))
                .extract().header("Location");
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));

        given().auth().oauth2(clinic.doctor.token()).get(location).then().statusCode(200)
                .body("patientId", equalTo(clinic.patient.recordId().intValue()))
                .body("doctorId", equalTo(clinic.doctor.recordId().intValue()))
                .body("departmentId", equalTo((int) clinic.departmentId))
                .body("diagnosis", equalTo("偏头痛"));
        given().auth().oauth2(clinic.patient.token()).get(location).then().statusCode(200);

        body.put("diagnosis", "紧张型头痛");
        body.put("diagnosisCode", "G44.2");
        body.put("doctorId", clinic.otherDoctor.recordId());
        given().auth().oauth2(clinic.doctor.token()).contentType(ContentType.JSON).body(body).put(location)
                .then().statusCode(200).body("diagnosis", equalTo("紧张型头痛"))
                .body("doctorId", equalTo(clinic.otherDoctor.recordId().intValue())).body("version", equalTo(1));

        given().auth().oauth2(clinic.doctor.token()).contentType(ContentType.JSON)
                .body(Map.of("diagnosisCode", "G44.209")).post(location + "/close").then().statusCode(200)
                .body("status", equalTo("CLOSED")).body("endedAt", notNullValue())
                .body("diagnosisCode", equalTo("G44.209"));
        // closing twice is a conflict
        given().auth().oauth2(clinic.doctor.token()).contentType(ContentType.JSON).body("{}").post(location + "/close")
                .then().statusCode(409)
                .contentType("application/problem+json");

        List<Map<String, Object>> events = Clinic.changesOf("VISIT", id);
        assertEquals(3, events.size());
        Map<String, Object> payload = (Map<String, Object>) events.get(2).get("payload");
        assertEquals("CLOSED", payload.get("status"));
        assertEquals(clinic.patient.recordId().intValue(), ((Number) payload.get("patientId")).intValue());
        assertEquals(clinic.otherDoctor.recordId().intValue(), ((Number) payload.get("doctorId")).intValue());
        assertEquals((int) clinic.departmentId, ((Number) payload.get("departmentId")).intValue());
        assertEquals("EMERGENCY", payload.get("type"));
        assertEquals("G44.209", payload.get("diagnosisCode"));
        assertEquals("2026-01-02T03:04:05.123456Z", payload.get("startedAt"), "kept to the microsecond, as stored");
        assertTrue(payload.containsKey("endedAt"));
        assertTrue(!payload.containsKey("chiefComplaint"), "free text stays in the records service");

        try (Connection db = TestUsers.jdbc(); PreparedStatement audit = db.prepareStatement(
                "SELECT action, username FROM audit_event WHERE resource_type = 'VISIT' AND resource_id = ? ORDER BY id")) {
            audit.setLong(1, id);
            try (ResultSet rows = audit.executeQuery()) {
                StringBuilder actions = new StringBuilder();
                while (rows.next()) {
                    actions.append(rows.getString(1)).append(' ');
                }
                assertEquals("CREATE READ READ UPDATE UPDATE ", actions.toString());
            }
        }
    }

    @Test
    void listFiltersByPatientDoctorDepartmentStatusAndDateRangeWithPaging() {
        Clinic clinic = Clinic.get();
        Account patient = TestUsers.patient();
        long first = clinic.openVisit(patient.recordId());
        long second = clinic.openVisit(patient.recordId());
        Map<String, Object> old = Clinic.visitBody(patient.recordId(), clinic.otherDoctor.recordId(), clinic.departmentId);
        old.put("startedAt", "2025-03-10T08:00:00Z");
        old.put("endedAt", "2025-03-10T09:00:00Z");
        old.put("status", "CLOSED");
        Number third = given().auth().oauth2(Clinic.admin()).contentType(ContentType.JSON).body(old).post(VISITS)
                .then().statusCode(201).extract().path("id");

        String doctor = clinic.doctor.token();
        given().auth().oauth2(doctor).queryParam("patientId", patient.recordId()).get(VISITS).then().statusCode(200)
                .body("totalItems", equalTo(3)).body("items[2].id", equalTo(third.intValue()));
        given().auth().oauth2(doctor).queryParam("patientId", patient.recordId()).queryParam("size", 2)
                .queryParam("sort", "startedAt,asc").get(VISITS).then()
                .body("items", hasSize(2)).body("totalPages", equalTo(2)).body("items[0].id", equalTo(third.intValue()));
        given().auth().oauth2(doctor).queryParam("patientId", patient.recordId()).queryParam("status", "OPEN")
                .get(VISITS).then().body("totalItems", equalTo(2))
                .body("items.id", hasItems((int) first, (int) second));
        given().auth().oauth2(doctor).queryParam("patientId", patient.recordId())
                .queryParam("doctorId", clinic.otherDoctor.recordId()).get(VISITS).then()
                .body("totalItems", equalTo(1));
        given().auth().oauth2(doctor).queryParam("patientId", patient.recordId())
                .queryParam("departmentId", clinic.departmentId).queryParam("from", "2025-03-01")
                .queryParam("to", "2025-03-10").get(VISITS).then()
                .body("totalItems", equalTo(1)).body("items[0].id", equalTo(third.intValue()));
        given().auth().oauth2(doctor).queryParam("patientId", patient.recordId())
                .queryParam("from", Instant.now().minus(1, ChronoUnit.DAYS).toString()).get(VISITS).then()
                .body("totalItems", equalTo(2)).body("items.status", everyItem(equalTo("OPEN")));
        given().auth().oauth2(doctor).queryParam("from", "yesterday").get(VISITS).then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
        given().auth().oauth2(doctor).queryParam("from", "2026-02-01").queryParam("to", "2026-01-01").get(VISITS)
                .then().statusCode(400).body("errors[0].field", equalTo("to"));
        given().auth().oauth2(doctor).queryParam("sort", "diagnosis").get(VISITS).then().statusCode(400)
                .body("errors[0].field", equalTo("sort"));
        given().auth().oauth2(doctor).queryParam("status", "SLEEPING").get(VISITS).then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(doctor).queryParam("patientId", "abc").get(VISITS).then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void patientsSeeOnlyTheirOwnVisits() {
        Clinic clinic = Clinic.get();
        long mine = clinic.openVisit(clinic.patient.recordId());
        long theirs = clinic.openVisit(clinic.otherPatient.recordId());
        String token = clinic.patient.token();
        given().auth().oauth2(token).get(VISITS + "/" + mine).then().statusCode(200);
        given().auth().oauth2(token).get(VISITS + "/" + theirs).then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(token).queryParam("patientId", clinic.otherPatient.recordId()).get(VISITS).then()
                .statusCode(403);
        // without a filter a patient gets their own list, never anyone else's
        given().auth().oauth2(token).queryParam("size", 200).get(VISITS).then().statusCode(200)
                .body("items.patientId", everyItem(equalTo(clinic.patient.recordId().intValue())))
                .body("items.id", hasItems((int) mine));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Clinic.visitBody(clinic.patient.recordId(), clinic.doctor.recordId(), clinic.departmentId))
                .post(VISITS).then().statusCode(403);

        // a PATIENT account linked to no patient record must not get an unfiltered list
        String unlinked = TestUsers.unique("unlinked");
        TestUsers.createUser("PATIENT", unlinked);
        String unlinkedToken = TestUsers.login(unlinked, TestUsers.PASSWORD);
        for (String path : List.of(VISITS, "/api/v1/prescriptions", "/api/v1/examinations", "/api/v1/vital-signs")) {
            given().auth().oauth2(unlinkedToken).get(path).then().statusCode(403)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void unknownReferencesAre422NamingTheFieldAndUnknownPathIdsA404() {
        Clinic clinic = Clinic.get();
        String doctor = clinic.doctor.token();
        Map<String, Object> body = Clinic.visitBody(999_999_999L, clinic.doctor.recordId(), clinic.departmentId);
        given().auth().oauth2(doctor).contentType(ContentType.JSON).body(body).post(VISITS).then().statusCode(422)
                .contentType("application/problem+json").body("errors[0].field", equalTo("patientId"));
        body = Clinic.visitBody(clinic.patient.recordId(), 999_999_999L, clinic.departmentId);
        given().auth().oauth2(doctor).contentType(ContentType.JSON).body(body).post(VISITS).then().statusCode(422)
                .body("errors[0].field", equalTo("doctorId"));
        body = Clinic.visitBody(clinic.patient.recordId(), clinic.nurse.recordId(), clinic.departmentId);
        given().auth().oauth2(doctor).contentType(ContentType.JSON).body(body).post(VISITS).then().statusCode(422)
                .body("errors[0].field", equalTo("doctorId")).body("detail", containsString("not an active doctor"));
        body = Clinic.visitBody(clinic.patient.recordId(), clinic.doctor.recordId(), 999_999_999L);
        given().auth().oauth2(doctor).contentType(ContentType.JSON).body(body).post(VISITS).then().statusCode(422)
                .body("errors[0].field", equalTo("departmentId"));
        given().auth().oauth2(doctor).get(VISITS + "/999999999").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(doctor).contentType(ContentType.JSON).body("{}").post(VISITS + "/999999999/close").then()
                .statusCode(404);
        given().auth().oauth2(doctor).contentType(ContentType.JSON)
                .body(Clinic.visitBody(clinic.patient.recordId(), clinic.doctor.recordId(), clinic.departmentId))
                .put(VISITS + "/999999999").then().statusCode(404);
    }

    @Test
    void badInputIsA400NamingTheField() {
        Clinic clinic = Clinic.get();
        String doctor = clinic.doctor.token();
        given().auth().oauth2(doctor).contentType(ContentType.JSON).body("{}").post(VISITS).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("patientId", "doctorId", "departmentId", "type", "startedAt"));

        Map<String, Object> future = base(clinic);
        future.put("startedAt", Instant.now().plus(1, ChronoUnit.HOURS).toString());
        expect400(doctor, future, "startedAt");

        Map<String, Object> endsBefore = base(clinic);
        endsBefore.put("endedAt", Instant.now().minus(3, ChronoUnit.HOURS).toString());
        expect400(doctor, endsBefore, "endedAt");

        Map<String, Object> badIcd = base(clinic);
        badIcd.put("diagnosisCode", "U07.1");
        expect400(doctor, badIcd, "diagnosisCode");
        badIcd.put("diagnosisCode", "i10");
        expect400(doctor, badIcd, "diagnosisCode");
        badIcd.put("diagnosisCode", "I10.12345");
        expect400(doctor, badIcd, "diagnosisCode");

        Map<String, Object> badType = base(clinic);
        badType.put("type", "HOME");
        expect400(doctor, badType, "type");

        Map<String, Object> badTime = base(clinic);
        badTime.put("startedAt", "yesterday morning");
        expect400(doctor, badTime, "startedAt");

        Map<String, Object> wrongType = base(clinic);
        wrongType.put("patientId", "张三");
        expect400(doctor, wrongType, "patientId");

        Map<String, Object> oversize = base(clinic);
        oversize.put("chiefComplaint", "痛".repeat(1001));
        expect400(doctor, oversize, "chiefComplaint");

        given().auth().oauth2(doctor).contentType(ContentType.JSON).body("{\"patientId\": 1,").post(VISITS)
                .then().statusCode(400).contentType("application/problem+json");

        // valid ICD-10 codes pass
        for (String code : List.of("I10", "J45.901", "E11.9", "S72.0A", "Z00.00")) {
            Map<String, Object> ok = base(clinic);
            ok.put("diagnosisCode", code);
            given().auth().oauth2(doctor).contentType(ContentType.JSON).body(ok).post(VISITS).then().statusCode(201);
        }

        // the close body is optional: endedAt defaults to now
        long closing = clinic.openVisit(clinic.patient.recordId());
        given().auth().oauth2(doctor).contentType(ContentType.JSON).post(VISITS + "/" + closing + "/close").then()
                .statusCode(200).body("status", equalTo("CLOSED")).body("endedAt", notNullValue());

        // a visit's patient cannot change
        long id = clinic.openVisit(clinic.patient.recordId());
        Map<String, Object> moved = base(clinic);
        moved.put("patientId", clinic.otherPatient.recordId());
        given().auth().oauth2(doctor).contentType(ContentType.JSON).body(moved).put(VISITS + "/" + id).then()
                .statusCode(400).body("errors[0].field", equalTo("patientId"));
    }

    @Test
    void rolesAreChecked() {
        Clinic clinic = Clinic.get();
        Map<String, Object> body = base(clinic);
        given().contentType(ContentType.JSON).body(body).post(VISITS).then().statusCode(401)
                .contentType("application/problem+json");
        given().get(VISITS).then().statusCode(401);
        for (Account account : List.of(clinic.pharmacist, clinic.technician, clinic.analyst)) {
            given().auth().oauth2(account.token()).contentType(ContentType.JSON).body(body).post(VISITS).then()
                    .statusCode(403).contentType("application/problem+json");
        }
        given().auth().oauth2(clinic.analyst.token()).get(VISITS).then().statusCode(403);
        given().auth().oauth2(Clinic.admin()).contentType(ContentType.JSON).body(body).post(VISITS).then()
                .statusCode(201);
    }

    private static Map<String, Object> base(Clinic clinic) {
        return Clinic.visitBody(clinic.patient.recordId(), clinic.doctor.recordId(), clinic.departmentId);
    }

    private static void expect400(String token, Map<String, Object> body, String field) {
        given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post(VISITS).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItems(field));
    }
}
