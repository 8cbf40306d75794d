package org.mdms.records.examination;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.mdms.records.TestUsers;
import org.mdms.records.TestUsers.Account;
import org.mdms.records.visit.Clinic;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class ExaminationResourceTest {

    private static final String EXAMS = "/api/v1/examinations";

    static Map<String, Object> exam(long visitId, String item) {
        Map<String, Object> body = new HashMap<>();
        body.put("visitId", visitId);
        body.put("item", item);
        body.put("result", "182");
        body.put("unit", "g/L");
        body.put("referenceRange", "130-175");
        body.put("abnormal", true);
        body.put("performedAt", Instant.now().minus(30, ChronoUnit.MINUTES).toString());
        return body;
    }

    @Test
    void technicianRecordsAndEveryoneAllowedReadsWithChangeEvent() {
        Clinic clinic = Clinic.get();
        long visit = clinic.openVisit(clinic.patient.recordId());
        String location = given().auth().oauth2(clinic.technician.token()).contentType(ContentType.JSON)
                .body(exam(visit, "血红蛋白")).post(EXAMS).then().statusCode(201)
                .header("Location", containsString(EXAMS + "/"))
                .body("item", equalTo("血红蛋白")).body("abnormal", equalTo(true))
                .body("technicianId", equalTo(clinic.technician.recordId().intValue()))
                .body("patientId", equalTo(clinic.patient.recordId().intValue()))
                .extract().header("Location");
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));

        given().auth().oauth2(clinic.doctor.token()).get(location).then().statusCode(200)
                .body("result", equalTo("182")).body("referenceRange", equalTo("130-175"));
        given().auth().oauth2(clinic.patient.token()).get(location).then().statusCode(200);
        given().auth().oauth2(clinic.otherPatient.token()).get(location).then().statusCode(403)
                .contentType("application/problem+json");

        List<Map<String, Object>> events = Clinic.changesOf("EXAMINATION", id);
        assertEquals(1, events.size());
        Map<String, Object> payload = (Map<String, Object>) events.get(0).get("payload");
        assertEquals(visit, ((Number) payload.get("visitId")).longValue());
        assertEquals(clinic.patient.recordId(), ((Number) payload.get("patientId")).longValue());
        assertEquals(clinic.technician.recordId(), ((Number) payload.get("technicianId")).longValue());
        assertEquals("血红蛋白", payload.get("item"));
        assertEquals(true, payload.get("abnormal"));
        assertEquals(true, payload.containsKey("performedAt"));
    }

    @Test
    void listPerVisitAndPerPatientWithPagingAndFilters() {
        Clinic clinic = Clinic.get();
        Account patient = TestUsers.patient();
        long first = clinic.openVisit(patient.recordId());
        long second = clinic.openVisit(patient.recordId());
        String doctor = clinic.doctor.token();
        for (String item : List.of("白细胞", "红细胞", "血小板")) {
            Map<String, Object> body = exam(first, item);
            body.put("technicianId", clinic.technician.recordId());
            body.put("abnormal", item.equals("血小板"));
            given().auth().oauth2(doctor).contentType(ContentType.JSON).body(body).post(EXAMS).then().statusCode(201);
        }
        given().auth().oauth2(doctor).contentType(ContentType.JSON).body(exam(second, "血糖")).post(EXAMS).then()
                .statusCode(201);

        given().auth().oauth2(doctor).queryParam("visitId", first).queryParam("size", 2).queryParam("sort", "item")
                .get(EXAMS).then().statusCode(200).body("totalItems", equalTo(3)).body("totalPages", equalTo(2))
                .body("items", hasSize(2)).body("items.visitId", everyItem(equalTo((int) first)));
        given().auth().oauth2(doctor).queryParam("patientId", patient.recordId()).get(EXAMS).then().statusCode(200)
                .body("totalItems", equalTo(4)).body("items.item", hasItems("白细胞", "红细胞", "血小板", "血糖"))
                .body("items.patientId", everyItem(equalTo(patient.recordId().intValue())));
        given().auth().oauth2(doctor).queryParam("patientId", patient.recordId()).queryParam("abnormal", false)
                .get(EXAMS).then().body("totalItems", equalTo(2));
        given().auth().oauth2(patient.token()).get(EXAMS).then().statusCode(200).body("totalItems", equalTo(4));
        given().auth().oauth2(patient.token()).queryParam("patientId", clinic.patient.recordId()).get(EXAMS).then()
                .statusCode(403);
        given().auth().oauth2(clinic.patient.token()).queryParam("visitId", first).get(EXAMS).then().statusCode(403);
        given().auth().oauth2(doctor).get(EXAMS).then().statusCode(400).body("errors[0].field", equalTo("patientId"));
        given().auth().oauth2(doctor).queryParam("visitId", 999_999_999).get(EXAMS).then().statusCode(404);
        given().auth().oauth2(doctor).queryParam("patientId", patient.recordId()).queryParam("sort", "result")
                .get(EXAMS).then().statusCode(400).body("errors[0].field", equalTo("sort"));
    }

    @Test
    void badInputUnknownReferencesAndRoles() {
        Clinic clinic = Clinic.get();
        long visit = clinic.openVisit(clinic.patient.recordId());
        String technician = clinic.technician.token();
        given().auth().oauth2(technician).contentType(ContentType.JSON).body("{}").post(EXAMS).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("visitId", "item", "result", "performedAt"));

        Map<String, Object> future = exam(visit, "血钾");
        future.put("performedAt", Instant.now().plus(10, ChronoUnit.MINUTES).toString());
        given().auth().oauth2(technician).contentType(ContentType.JSON).body(future).post(EXAMS).then()
                .statusCode(400).body("errors[0].field", equalTo("performedAt"));
        Map<String, Object> oversize = exam(visit, "检".repeat(201));
        given().auth().oauth2(technician).contentType(ContentType.JSON).body(oversize).post(EXAMS).then()
                .statusCode(400).body("errors[0].field", equalTo("item"));
        Map<String, Object> wrongType = exam(visit, "血钾");
        wrongType.put("abnormal", "maybe");
        given().auth().oauth2(technician).contentType(ContentType.JSON).body(wrongType).post(EXAMS).then()
                .statusCode(400).body("errors[0].field", equalTo("abnormal"));

        given().auth().oauth2(technician).contentType(ContentType.JSON).body(exam(999_999_999L, "血钾"))
                .post(EXAMS).then().statusCode(422).body("errors[0].field", equalTo("visitId"));
        Map<String, Object> notTechnician = exam(visit, "血钾");
        notTechnician.put("technicianId", clinic.nurse.recordId());
        given().auth().oauth2(clinic.doctor.token()).contentType(ContentType.JSON).body(notTechnician).post(EXAMS)
                .then().statusCode(422).body("errors[0].field", equalTo("technicianId"));
        given().auth().oauth2(technician).get(EXAMS + "/999999999").then().statusCode(404);

        given().contentType(ContentType.JSON).body(exam(visit, "血钾")).post(EXAMS).then().statusCode(401);
        for (Account account : List.of(clinic.nurse, clinic.pharmacist, clinic.patient, clinic.analyst)) {
            given().auth().oauth2(account.token()).contentType(ContentType.JSON).body(exam(visit, "血钾"))
                    .post(EXAMS).then().statusCode(403);
        }
        given().auth().oauth2(Clinic.admin()).contentType(ContentType.JSON).body(exam(visit, "血钾")).post(EXAMS)
                .then().statusCode(201);
    }
}
