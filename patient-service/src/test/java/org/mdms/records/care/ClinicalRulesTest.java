package org.mdms.records.care;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.mdms.records.TestUsers;
import org.mdms.records.visit.Clinic;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class ClinicalRulesTest {

    @Test
    void noPrescriptionOnAClosedVisit() throws Exception {
        Clinic clinic = Clinic.get();
        long visit = clinic.openVisit(clinic.patient.recordId());
        given().auth().oauth2(clinic.doctor.token()).contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/visits/" + visit + "/close").then().statusCode(200).body("status", equalTo("CLOSED"));
        long drug = Clinic.addDrug("3.20");
        given().auth().oauth2(clinic.doctor.token()).contentType(ContentType.JSON)
                .body(Map.of("visitId", visit, "items", List.of(Map.of("drugId", drug, "quantity", 1,
                        "dosage", "每次1粒", "frequency", "每日3次", "days", 3))))
                .post("/api/v1/prescriptions").then().statusCode(409).contentType("application/problem+json")
                .body("errors[0].field", equalTo("visitId"));
        try (Connection db = org.mdms.records.TestUsers.jdbc(); PreparedStatement count = db.prepareStatement(
                "SELECT COUNT(*) FROM prescription WHERE visit_id = ?")) {
            count.setLong(1, visit);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                assertEquals(0, rows.getInt(1), "nothing written");
            }
        }
    }

    @Test
    void onlyTreatingStaffWriteClinicalData() {
        Clinic clinic = Clinic.get();
        long patient = EmergencyAccessTest.newPatient();
        Number visit = given().auth().oauth2(Clinic.admin()).contentType(ContentType.JSON)
                .body(Clinic.visitBody(patient, clinic.otherDoctor.recordId(), clinic.departmentId))
                .post("/api/v1/visits").then().statusCode(201).extract().path("id");
        // the clinic's nurse is nobody's nurse in particular, but works in the department of the open visit
        given().auth().oauth2(clinic.nurse.token()).contentType(ContentType.JSON).body(spo2(patient))
                .post("/api/v1/vital-signs").then().statusCode(201);
        given().auth().oauth2(Clinic.admin()).contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/visits/" + visit + "/close").then().statusCode(200);
        // closed: the department no longer treats the patient; the visit's own doctor still does
        given().auth().oauth2(clinic.nurse.token()).get("/api/v1/patients/" + patient).then().statusCode(403);
        given().auth().oauth2(clinic.otherDoctor.token()).get("/api/v1/patients/" + patient).then().statusCode(200);
        given().auth().oauth2(clinic.nurse.token()).contentType(ContentType.JSON).body(spo2(patient))
                .post("/api/v1/vital-signs").then().statusCode(403).contentType("application/problem+json");
    }

    /**
     * Doctors, nurses and technicians are asked a shorter statement without the dispensing branch; a staff row whose
     * kind is not the token's role (here a pharmacist's row under a DOCTOR token, after a role change) still gets the
     * answer of the whole rule: DISPENSING for a patient with an ISSUED prescription, nothing for another patient.
     */
    @Test
    void aStaffRowOfAnotherKindThanTheTokenGetsTheWholeRule() {
        Clinic clinic = Clinic.get();
        long dispensing = EmergencyAccessTest.newPatient();
        long visit = clinic.openVisit(dispensing);
        long drug = Clinic.addDrug("2.50");
        given().auth().oauth2(clinic.doctor.token()).contentType(ContentType.JSON)
                .body(Map.of("visitId", visit, "items", List.of(Map.of("drugId", drug, "quantity", 2,
                        "dosage", "每次1粒", "frequency", "每日2次", "days", 1))))
                .post("/api/v1/prescriptions").then().statusCode(201).body("status", equalTo("ISSUED"));
        long other = EmergencyAccessTest.newPatient();
        TestUsers.Account pharmacist = TestUsers.staff("PHARMACIST");
        given().auth().oauth2(Clinic.admin()).contentType(ContentType.JSON)
                .body(Map.of("displayName", "药师改医生", "enabled", true, "role", "DOCTOR"))
                .put("/api/v1/users/" + pharmacist.userId()).then().statusCode(200).body("role", equalTo("DOCTOR"));
        String asDoctor = TestUsers.login(pharmacist.username(), TestUsers.PASSWORD);

        given().auth().oauth2(asDoctor).get("/api/v1/patients/" + dispensing + "/access").then().statusCode(200)
                .body("relation", equalTo("DISPENSING"));
        given().auth().oauth2(asDoctor).get("/api/v1/patients/" + dispensing).then().statusCode(200)
                .body("detail", equalTo("DISPENSING")).body("phone", nullValue());
        given().auth().oauth2(asDoctor).get("/api/v1/patients/" + other).then().statusCode(403)
                .contentType("application/problem+json");
    }

    /** The guarded read of a doctor answers 404 for an unknown patient and for a deleted one they treated. */
    @Test
    void aDoctorGetsNotFoundForUnknownAndDeletedPatients() {
        Clinic clinic = Clinic.get();
        long patient = EmergencyAccessTest.newPatient();
        clinic.openVisit(patient);
        given().auth().oauth2(clinic.doctor.token()).get("/api/v1/patients/" + patient).then().statusCode(200)
                .body("detail", equalTo("FULL"));
        given().auth().oauth2(Clinic.admin()).queryParam("reason", "duplicate registration")
                .delete("/api/v1/patients/" + patient).then().statusCode(200);
        given().auth().oauth2(clinic.doctor.token()).get("/api/v1/patients/" + patient).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(clinic.doctor.token()).get("/api/v1/patients/999999999").then().statusCode(404)
                .contentType("application/problem+json");
    }

    private static Map<String, Object> spo2(long patient) {
        return Map.of("patientId", patient, "type", "SPO2", "value", 97,
                "measuredAt", java.time.Instant.now().minusSeconds(60).toString());
    }
}
