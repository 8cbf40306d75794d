package org.mdms.records.care;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.mdms.records.visit.Clinic;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
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

    private static Map<String, Object> spo2(long patient) {
        return Map.of("patientId", patient, "type", "SPO2", "value", 97,
                "measuredAt", java.time.Instant.now().minusSeconds(60).toString());
    }
}
