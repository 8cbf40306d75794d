package org.mdms.records.prescription;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.mdms.records.TestUsers;
import org.mdms.records.TestUsers.Account;
import org.mdms.records.visit.Clinic;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class PrescriptionResourceTest {

    private static final String RX = "/api/v1/prescriptions";

    static Map<String, Object> item(long drugId, int quantity) {
        Map<String, Object> item = new HashMap<>();
        item.put("drugId", drugId);
        item.put("quantity", quantity);
        item.put("dosage", "每次1粒");
        item.put("frequency", "每日3次");
        item.put("days", 7);
        return item;
    }

    static Map<String, Object> prescription(long visitId, List<Map<String, Object>> items) {
        Map<String, Object> body = new HashMap<>();
        body.put("visitId", visitId);
        body.put("note", "饭后服用");
        body.put("items", items);
        return body;
    }

    static long issue(Account doctor, long visitId, List<Map<String, Object>> items) {
        Number id = given().auth().oauth2(doctor.token()).contentType(ContentType.JSON)
                .body(prescription(visitId, items)).post(RX).then().statusCode(201).extract().path("id");
        return id.longValue();
    }

    @Test
    void doctorIssuesWithServerComputedTotalsAndPharmacistDispenses() throws Exception {
        Clinic clinic = Clinic.get();
        long visit = clinic.openVisit(clinic.patient.recordId());
        long amoxicillin = Clinic.addDrug("1.25");
        long ibuprofen = Clinic.addDrug("0.33");
        String location = given().auth().oauth2(clinic.doctor.token()).contentType(ContentType.JSON)
                .body(prescription(visit, List.of(item(amoxicillin, 21), item(ibuprofen, 3)))).post(RX)
                .then().statusCode(201).header("Location", containsString(RX + "/"))
                .body("status", equalTo("ISSUED")).body("doctorId", equalTo(clinic.doctor.recordId().intValue()))
                .body("patientId", equalTo(clinic.patient.recordId().intValue()))
                .body("departmentId", equalTo((int) clinic.departmentId))
                .body("note", equalTo("饭后服用"))
                .body("items", hasSize(2))
                .body("items[0].unitPrice", equalTo(1.25f)).body("items[0].amount", equalTo(26.25f))
                .body("items[1].unitPrice", equalTo(0.33f)).body("items[1].amount", equalTo(0.99f))
                .body("totalAmount", equalTo(27.24f))
                .extract().header("Location");
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));

        // a later price change does not touch an issued prescription
        String code = given().auth().oauth2(Clinic.admin()).get("/api/v1/drugs/" + amoxicillin).then().statusCode(200)
                .extract().path("code");
        given().auth().oauth2(Clinic.admin()).contentType(ContentType.JSON).body(Clinic.drugBody(code, "9.99"))
                .put("/api/v1/drugs/" + amoxicillin).then().statusCode(200).body("price", equalTo(9.99f));
        given().auth().oauth2(clinic.patient.token()).get(location).then().statusCode(200)
                .body("totalAmount", equalTo(27.24f)).body("items[0].dosage", equalTo("每次1粒"));
        // put the catalogue back: other tests check database-wide that item prices match the catalogue
        given().auth().oauth2(Clinic.admin()).contentType(ContentType.JSON).body(Clinic.drugBody(code, "1.25"))
                .put("/api/v1/drugs/" + amoxicillin).then().statusCode(200);

        given().auth().oauth2(clinic.pharmacist.token()).post(location + "/dispense").then().statusCode(200)
                .body("status", equalTo("DISPENSED"))
                .body("pharmacistId", equalTo(clinic.pharmacist.recordId().intValue()))
                .body("dispensedAt", notNullValue());
        given().auth().oauth2(clinic.pharmacist.token()).post(location + "/dispense").then().statusCode(409)
                .contentType("application/problem+json");
        given().auth().oauth2(clinic.doctor.token()).contentType(ContentType.JSON)
                .body(Map.of("reason", "太晚了")).post(location + "/cancel").then().statusCode(409);

        // the rows in the database say the same
        try (Connection db = TestUsers.jdbc(); PreparedStatement query = db.prepareStatement(
                "SELECT total_amount, (SELECT SUM(amount) FROM prescription_item WHERE prescription_id = p.id) "
                        + "FROM prescription p WHERE id = ?")) {
            query.setLong(1, id);
            try (ResultSet row = query.executeQuery()) {
                assertTrue(row.next());
                assertEquals("27.24", row.getBigDecimal(1).toPlainString());
                assertEquals("27.24", row.getBigDecimal(2).toPlainString());
            }
        }

        // every read and write of the patient's prescription is in the audit trail
        given().auth().oauth2(Clinic.admin()).queryParam("patientId", clinic.patient.recordId())
                .queryParam("size", 200).get("/api/v1/audit").then().statusCode(200)
                .body("items.findAll { it.resourceType == 'PRESCRIPTION' && it.resourceId == " + id + " }.action",
                        hasItems("CREATE", "READ", "DISPENSE"));

        List<Map<String, Object>> events = Clinic.changesOf("PRESCRIPTION", id);
        assertEquals(2, events.size(), "issue and dispense");
        Map<String, Object> issued = (Map<String, Object>) events.get(0).get("payload");
        assertEquals("ISSUED", issued.get("status"));
        Map<String, Object> dispensed = (Map<String, Object>) events.get(1).get("payload");
        assertEquals("DISPENSED", dispensed.get("status"));
        assertEquals(visit, ((Number) dispensed.get("visitId")).longValue());
        assertEquals(clinic.patient.recordId(), ((Number) dispensed.get("patientId")).longValue());
        assertEquals(clinic.doctor.recordId(), ((Number) dispensed.get("doctorId")).longValue());
        assertEquals(clinic.departmentId, ((Number) dispensed.get("departmentId")).longValue());
        assertEquals(27.24, ((Number) dispensed.get("totalAmount")).doubleValue(), 0.0001);
        assertTrue(dispensed.get("dispensedAt") != null && dispensed.get("issuedAt") != null);
        assertTrue(dispensed.containsKey("cancelledAt"));
        List<Map<String, Object>> items = (List<Map<String, Object>>) dispensed.get("items");
        assertEquals(2, items.size());
        assertEquals(amoxicillin, ((Number) items.get(0).get("drugId")).longValue());
        assertEquals(21, ((Number) items.get(0).get("quantity")).intValue());
        assertEquals(1.25, ((Number) items.get(0).get("unitPrice")).doubleValue(), 0.0001);
        assertEquals(26.25, ((Number) items.get(0).get("amount")).doubleValue(), 0.0001);
        assertTrue(items.get(0).get("id") != null);
    }

    @Test
    void clientSentPricesAreRefused() {
        Clinic clinic = Clinic.get();
        long visit = clinic.openVisit(clinic.patient.recordId());
        long drug = Clinic.addDrug("12.00");
        Map<String, Object> cheap = item(drug, 2);
        cheap.put("unitPrice", 0.01);
        cheap.put("amount", 0.02);
        given().auth().oauth2(clinic.doctor.token()).contentType(ContentType.JSON)
                .body(prescription(visit, List.of(cheap))).post(RX).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("items[0].unitPrice", "items[0].amount"));
        Map<String, Object> total = prescription(visit, List.of(item(drug, 2)));
        total.put("totalAmount", 0.01);
        given().auth().oauth2(clinic.doctor.token()).contentType(ContentType.JSON).body(total).post(RX).then()
                .statusCode(400).body("errors[0].field", equalTo("totalAmount"));
        // without the fake prices the catalogue price is used
        given().auth().oauth2(clinic.doctor.token()).contentType(ContentType.JSON)
                .body(prescription(visit, List.of(item(drug, 2)))).post(RX).then().statusCode(201)
                .body("totalAmount", equalTo(24.0f)).body("items[0].unitPrice", equalTo(12.0f));
    }

    @Test
    void cancelByThePrescribingDoctorOrAdminOnlyWhileIssued() {
        Clinic clinic = Clinic.get();
        long visit = clinic.openVisit(clinic.patient.recordId());
        long drug = Clinic.addDrug("5.00");
        long first = issue(clinic.doctor, visit, List.of(item(drug, 1)));
        given().auth().oauth2(clinic.otherDoctor.token()).contentType(ContentType.JSON)
                .body(Map.of("reason", "不是我的")).post(RX + "/" + first + "/cancel").then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(clinic.doctor.token()).contentType(ContentType.JSON).body(Map.of())
                .post(RX + "/" + first + "/cancel").then().statusCode(400).body("errors[0].field", equalTo("reason"));
        given().auth().oauth2(clinic.doctor.token()).contentType(ContentType.JSON)
                .body(Map.of("reason", "患者过敏，改用其他药物")).post(RX + "/" + first + "/cancel").then()
                .statusCode(200).body("status", equalTo("CANCELLED")).body("cancelReason", equalTo("患者过敏，改用其他药物"))
                .body("cancelledAt", notNullValue()).body("pharmacistId", nullValue());
        given().auth().oauth2(clinic.pharmacist.token()).post(RX + "/" + first + "/dispense").then().statusCode(409);
        given().auth().oauth2(Clinic.admin()).contentType(ContentType.JSON).body(Map.of("reason", "again"))
                .post(RX + "/" + first + "/cancel").then().statusCode(409);

        long second = issue(clinic.doctor, visit, List.of(item(drug, 1)));
        given().auth().oauth2(Clinic.admin()).contentType(ContentType.JSON).body(Map.of("reason", "重复开药"))
                .post(RX + "/" + second + "/cancel").then().statusCode(200).body("status", equalTo("CANCELLED"));
        List<Map<String, Object>> events = Clinic.changesOf("PRESCRIPTION", second);
        assertEquals(2, events.size());
        Map<String, Object> cancelled = (Map<String, Object>) events.get(1).get("payload");
        assertEquals("CANCELLED", cancelled.get("status"));
        assertTrue(cancelled.get("cancelledAt") != null);
        assertEquals(1, ((List<?>) cancelled.get("items")).size());
    }

    @Test
    void onlyDoctorsPrescribeAndOnlyPharmacistsDispense() {
        Clinic clinic = Clinic.get();
        long visit = clinic.openVisit(clinic.patient.recordId());
        long drug = Clinic.addDrug("1.00");
        Map<String, Object> body = prescription(visit, List.of(item(drug, 1)));
        given().contentType(ContentType.JSON).body(body).post(RX).then().statusCode(401)
                .contentType("application/problem+json");
        for (Account account : List.of(clinic.nurse, clinic.pharmacist, clinic.technician, clinic.patient,
                clinic.analyst)) {
            given().auth().oauth2(account.token()).contentType(ContentType.JSON).body(body).post(RX).then()
                    .statusCode(403);
        }
        given().auth().oauth2(Clinic.admin()).contentType(ContentType.JSON).body(body).post(RX).then()
                .statusCode(403);
        long id = issue(clinic.doctor, visit, List.of(item(drug, 1)));
        for (Account account : List.of(clinic.doctor, clinic.nurse, clinic.patient)) {
            given().auth().oauth2(account.token()).post(RX + "/" + id + "/dispense").then().statusCode(403);
        }
        given().auth().oauth2(Clinic.admin()).post(RX + "/" + id + "/dispense").then().statusCode(403);
        given().auth().oauth2(clinic.pharmacist.token()).post(RX + "/999999999/dispense").then().statusCode(404);
    }

    @Test
    void badItemsUnknownAndInactiveDrugsAndUnknownVisits() {
        Clinic clinic = Clinic.get();
        long visit = clinic.openVisit(clinic.patient.recordId());
        long drug = Clinic.addDrug("2.00");
        String doctor = clinic.doctor.token();
        given().auth().oauth2(doctor).contentType(ContentType.JSON).body(Map.of("visitId", visit, "items", List.of()))
                .post(RX).then().statusCode(400).body("errors[0].field", equalTo("items"));
        given().auth().oauth2(doctor).contentType(ContentType.JSON).body("{}").post(RX).then().statusCode(400)
                .body("errors.field", hasItems("visitId", "items"));
        Map<String, Object> zero = item(drug, 0);
        given().auth().oauth2(doctor).contentType(ContentType.JSON).body(prescription(visit, List.of(zero)))
                .post(RX).then().statusCode(400).body("errors[0].field", equalTo("items[0].quantity"));
        Map<String, Object> missing = item(drug, 1);
        missing.remove("dosage");
        missing.put("days", "seven");
        given().auth().oauth2(doctor).contentType(ContentType.JSON).body(prescription(visit, List.of(missing)))
                .post(RX).then().statusCode(400).body("errors[0].field", equalTo("items[0].days"));
        missing.put("days", 7);
        given().auth().oauth2(doctor).contentType(ContentType.JSON).body(prescription(visit, List.of(missing)))
                .post(RX).then().statusCode(400).body("errors[0].field", equalTo("items[0].dosage"));
        Map<String, Object> longNote = prescription(visit, List.of(item(drug, 1)));
        longNote.put("note", "注".repeat(1001));
        given().auth().oauth2(doctor).contentType(ContentType.JSON).body(longNote).post(RX).then().statusCode(400)
                .body("errors[0].field", equalTo("note"));

        given().auth().oauth2(doctor).contentType(ContentType.JSON)
                .body(prescription(visit, List.of(item(drug, 1), item(999_999_999L, 1)))).post(RX).then()
                .statusCode(422).body("errors[0].field", equalTo("items[1].drugId"));
        long retired = Clinic.addDrug("3.00");
        given().auth().oauth2(Clinic.admin()).post("/api/v1/drugs/" + retired + "/deactivate").then().statusCode(200);
        given().auth().oauth2(doctor).contentType(ContentType.JSON)
                .body(prescription(visit, List.of(item(retired, 1)))).post(RX).then()
                .statusCode(422).body("errors[0].field", equalTo("items[0].drugId"))
                .body("detail", containsString("inactive"));
        given().auth().oauth2(doctor).contentType(ContentType.JSON)
                .body(prescription(999_999_999L, List.of(item(drug, 1)))).post(RX).then()
                .statusCode(422).body("errors[0].field", equalTo("visitId"));
        given().auth().oauth2(doctor).get(RX + "/999999999").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(doctor).contentType(ContentType.JSON).body("[1, 2").post(RX).then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void listByVisitPatientDoctorStatusAndDateRangeAndPatientsSeeOnlyTheirOwn() {
        Clinic clinic = Clinic.get();
        Account patient = TestUsers.patient();
        long visit = clinic.openVisit(patient.recordId());
        long drug = Clinic.addDrug("4.00");
        long a = issue(clinic.doctor, visit, List.of(item(drug, 1)));
        long b = issue(clinic.doctor, visit, List.of(item(drug, 2), item(drug, 3)));
        long c = issue(clinic.doctor, visit, List.of(item(drug, 4)));
        given().auth().oauth2(clinic.pharmacist.token()).post(RX + "/" + c + "/dispense").then().statusCode(200);

        String doctor = clinic.doctor.token();
        given().auth().oauth2(doctor).queryParam("visitId", visit).queryParam("sort", "id").get(RX).then()
                .statusCode(200).body("totalItems", equalTo(3)).body("items.id", hasItems((int) a, (int) b, (int) c))
                .body("items[1].items", hasSize(2)).body("items[1].totalAmount", equalTo(20.0f));
        given().auth().oauth2(doctor).queryParam("patientId", patient.recordId()).queryParam("size", 2).get(RX)
                .then().body("totalItems", equalTo(3)).body("items", hasSize(2)).body("totalPages", equalTo(2));
        given().auth().oauth2(doctor).queryParam("patientId", patient.recordId()).queryParam("status", "DISPENSED")
                .get(RX).then().body("totalItems", equalTo(1)).body("items[0].id", equalTo((int) c));
        given().auth().oauth2(doctor).queryParam("patientId", patient.recordId())
                .queryParam("doctorId", clinic.otherDoctor.recordId()).get(RX).then().body("totalItems", equalTo(0));
        given().auth().oauth2(doctor).queryParam("patientId", patient.recordId()).queryParam("from", "2020-01-01")
                .queryParam("to", "2020-12-31").get(RX).then().body("totalItems", equalTo(0));
        given().auth().oauth2(doctor).queryParam("patientId", patient.recordId())
                .queryParam("from", java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString()).get(RX).then()
                .body("totalItems", equalTo(3));
        given().auth().oauth2(doctor).queryParam("sort", "note").get(RX).then().statusCode(400)
                .body("errors[0].field", equalTo("sort"));
        given().auth().oauth2(doctor).queryParam("to", "soon").get(RX).then().statusCode(400)
                .body("errors[0].field", equalTo("to"));

        given().auth().oauth2(patient.token()).get(RX).then().statusCode(200).body("totalItems", equalTo(3))
                .body("items.patientId", everyItem(equalTo(patient.recordId().intValue())));
        given().auth().oauth2(clinic.otherPatient.token()).get(RX + "/" + a).then().statusCode(403);
        given().auth().oauth2(clinic.otherPatient.token()).queryParam("patientId", patient.recordId()).get(RX)
                .then().statusCode(403);
        given().auth().oauth2(clinic.otherPatient.token()).queryParam("visitId", visit).get(RX).then()
                .statusCode(403);
        given().auth().oauth2(doctor).queryParam("visitId", 999_999_999).get(RX).then().statusCode(404);
        given().auth().oauth2(clinic.analyst.token()).get(RX).then().statusCode(403);
    }
    @Test
    void aDispenseRacingACancelHasExactlyOneWinner() throws Exception {
        Clinic clinic = Clinic.get();
        long visit = clinic.openVisit(clinic.patient.recordId());
        long drug = Clinic.addDrug("1.50");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 4; round++) {
                long id = issue(clinic.doctor, visit, List.of(item(drug, 2)));
                java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
                java.util.concurrent.Future<Integer> dispense = pool.submit(() -> {
                    start.await();
                    return given().auth().oauth2(clinic.pharmacist.token()).post(RX + "/" + id + "/dispense")
                            .then().extract().statusCode();
                });
                java.util.concurrent.Future<Integer> cancel = pool.submit(() -> {
                    start.await();
                    return given().auth().oauth2(clinic.doctor.token()).contentType(ContentType.JSON)
                            .body(Map.of("reason", "并发取消")).post(RX + "/" + id + "/cancel")
                            .then().extract().statusCode();
                });
                start.countDown();
                int dispensed = dispense.get(30, java.util.concurrent.TimeUnit.SECONDS);
                int cancelled = cancel.get(30, java.util.concurrent.TimeUnit.SECONDS);
                assertEquals(List.of(200, 409), java.util.stream.Stream.of(dispensed, cancelled).sorted().toList(),
                        "round " + round + ": dispense " + dispensed + ", cancel " + cancelled);
                String expected = dispensed == 200 ? "DISPENSED" : "CANCELLED";
                given().auth().oauth2(Clinic.admin()).get(RX + "/" + id).then().statusCode(200)
                        .body("status", equalTo(expected));
                List<Map<String, Object>> events = Clinic.changesOf("PRESCRIPTION", id);
                assertEquals(2, events.size(), "issue and the winning transition only");
                assertEquals(expected, ((Map<String, Object>) events.get(1).get("payload")).get("status"));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
