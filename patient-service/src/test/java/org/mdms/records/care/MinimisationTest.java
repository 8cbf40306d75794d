package org.mdms.records.care;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.mdms.records.TestUsers;
import org.mdms.records.TestUsers.Account;
import org.mdms.records.visit.Clinic;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** Field minimisation outside the patient record, and the lists that name no patient. */
@QuarkusTest
class MinimisationTest {

    @Test
    void patientsAndAnalystsSeeStaffNamesAndTitlesOnly() {
        Account doctor = TestUsers.staff("DOCTOR");
        given().auth().oauth2(Clinic.admin()).contentType(ContentType.JSON)
                .body(Map.of("userId", doctor.userId(), "departmentId", TestUsers.departmentId(),
                        "staffNo", TestUsers.unique("S"), "name", "王建国", "kind", "DOCTOR", "title", "主任医师",
                        "phone", "13800138000", "email", "wang@hospital.cn"))
                .put("/api/v1/staff/" + doctor.recordId()).then().statusCode(200);
        Account patient = TestUsers.patient();
        for (String token : List.of(patient.token(), TestUsers.analyst().token())) {
            given().auth().oauth2(token).get("/api/v1/staff/" + doctor.recordId()).then().statusCode(200)
                    .body("name", equalTo("王建国")).body("title", equalTo("主任医师")).body("kind", equalTo("DOCTOR"))
                    .body("phone", nullValue()).body("email", nullValue()).body("staffNo", nullValue())
                    .body("userId", nullValue());
            given().auth().oauth2(token).queryParam("size", 200).get("/api/v1/staff").then().statusCode(200)
                    .body("items.phone", everyItem(nullValue())).body("items.email", everyItem(nullValue()));
        }
        given().auth().oauth2(TestUsers.staff("NURSE").token()).get("/api/v1/staff/" + doctor.recordId()).then()
                .statusCode(200).body("phone", equalTo("13800138000")).body("email", equalTo("wang@hospital.cn"));
    }

    @Test
    void listsThatNameNoPatientAreScopedToTheCaller() {
        Clinic clinic = Clinic.get();
        // nurses and technicians name a patient; a doctor's list without one is their own visits
        given().auth().oauth2(clinic.nurse.token()).get("/api/v1/prescriptions").then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(clinic.technician.token()).get("/api/v1/prescriptions").then().statusCode(403);
        given().auth().oauth2(clinic.otherDoctor.token()).queryParam("doctorId", clinic.doctor.recordId())
                .get("/api/v1/visits").then().statusCode(403);
        long visit = clinic.openVisit(clinic.patient.recordId());
        given().auth().oauth2(clinic.doctor.token()).queryParam("size", 200).get("/api/v1/visits").then()
                .statusCode(200).body("items.doctorId", everyItem(equalTo(clinic.doctor.recordId().intValue())));
        given().auth().oauth2(clinic.otherDoctor.token()).queryParam("size", 200).get("/api/v1/visits").then()
                .statusCode(200).body("items.id", everyItem(org.hamcrest.Matchers.not(equalTo((int) visit))));
        // the pharmacy: the dispensing queue, never "everything"
        given().auth().oauth2(clinic.pharmacist.token()).get("/api/v1/prescriptions").then().statusCode(403);
        given().auth().oauth2(clinic.pharmacist.token()).queryParam("status", "ISSUED").get("/api/v1/prescriptions")
                .then().statusCode(200).body("items.status", everyItem(equalTo("ISSUED")))
                .body("items.patientId", everyItem(notNullValue()));
    }
}
