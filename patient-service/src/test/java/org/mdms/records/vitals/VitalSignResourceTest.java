package org.mdms.records.vitals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.mdms.records.TestUsers;
import org.mdms.records.TestUsers.Account;
import org.mdms.records.visit.Clinic;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class VitalSignResourceTest {

    private static final String VITALS = "/api/v1/vital-signs";

    static Map<String, Object> reading(long patientId, String type, Object value) {
        Map<String, Object> body = new HashMap<>();
        body.put("patientId", patientId);
        body.put("type", type);
        body.put("value", value);
        body.put("measuredAt", Instant.now().minus(5, ChronoUnit.MINUTES).toString());
        return body;
    }

    static Map<String, Object> bloodPressure(long patientId, Object systolic, Object diastolic) {
        Map<String, Object> body = reading(patientId, "BLOOD_PRESSURE", systolic);
        body.put("secondaryValue", diastolic);
        return body;
    }

    @Test
    void normalAndAbnormalValuesAreStoredWithTheDerivedUnitAndFlag() {
        Clinic clinic = Clinic.get();
        Account patient = TestUsers.patient();
        long p = patient.recordId();
        clinic.openVisit(p); // the clinic's nurse works in the department of the open visit: she treats p
        String nurse = clinic.nurse.token();
        Object[][] cases = {
                {reading(p, "HEART_RATE", 72), "/min", false},
                {reading(p, "HEART_RATE", 20), "/min", true},
                {reading(p, "HEART_RATE", 300), "/min", true},
                {reading(p, "HEART_RATE", 101), "/min", true},
                {bloodPressure(p, 120, 80), "mmHg", false},
                {bloodPressure(p, 145, 85), "mmHg", true},
                {bloodPressure(p, 120, 95), "mmHg", true},
                {bloodPressure(p, 85, 55), "mmHg", true},
                {reading(p, "SPO2", 98), "%", false},
                {reading(p, "SPO2", 94), "%", true},
                {reading(p, "SPO2", 0), "%", true},
                {reading(p, "TEMPERATURE", 36.6), "°C", false},
                {reading(p, "TEMPERATURE", 37.4), "°C", true},
                {reading(p, "TEMPERATURE", 35.9), "°C", true},
        };
        for (Object[] c : cases) {
            given().auth().oauth2(nurse).contentType(ContentType.JSON).body(c[0]).post(VITALS).then()
                    .statusCode(201).header("Location", containsString(VITALS + "/"))
                    .body("unit", equalTo(c[1])).body("abnormal", equalTo(c[2]))
                    .body("recordedBy", equalTo(clinic.nurse.username()));
        }
        given().auth().oauth2(nurse).queryParam("patientId", p).queryParam("abnormal", true).queryParam("size", 50)
                .get(VITALS).then().statusCode(200).body("totalItems", equalTo(10));
        // the unit may be sent if it is the right one (or a common spelling of it)
        Map<String, Object> withUnit = reading(p, "TEMPERATURE", 36.8);
        withUnit.put("unit", "℃");
        given().auth().oauth2(nurse).contentType(ContentType.JSON).body(withUnit).post(VITALS).then()
                .statusCode(201).body("unit", equalTo("°C"));
    }

    @Test
    void valuesOutsideTheRulesAreA400NamingTheField() {
        Clinic clinic = Clinic.get();
        long p = clinic.patient.recordId();
        String nurse = clinic.nurse.token();
        expect400(nurse, reading(p, "HEART_RATE", 19), "value");
        expect400(nurse, reading(p, "HEART_RATE", 301), "value");
        expect400(nurse, bloodPressure(p, 49, 40), "value");
        expect400(nurse, bloodPressure(p, 251, 100), "value");
        expect400(nurse, bloodPressure(p, 120, 29), "secondaryValue");
        expect400(nurse, bloodPressure(p, 200, 151), "secondaryValue");
        expect400(nurse, bloodPressure(p, 100, 100), "secondaryValue");
        expect400(nurse, reading(p, "BLOOD_PRESSURE", 120), "secondaryValue");
        Map<String, Object> hrWithSecondary = reading(p, "HEART_RATE", 70);
        hrWithSecondary.put("secondaryValue", 60);
        expect400(nurse, hrWithSecondary, "secondaryValue");
        expect400(nurse, reading(p, "SPO2", -1), "value");
        expect400(nurse, reading(p, "SPO2", 100.5), "value");
        expect400(nurse, reading(p, "TEMPERATURE", 29.9), "value");
        expect400(nurse, reading(p, "TEMPERATURE", 45.1), "value");
        expect400(nurse, reading(p, "TEMPERATURE", 98.6), "value");
        Map<String, Object> fahrenheit = reading(p, "TEMPERATURE", 37.0);
        fahrenheit.put("unit", "°F");
        expect400(nurse, fahrenheit, "unit");
        Map<String, Object> future = reading(p, "HEART_RATE", 70);
        future.put("measuredAt", Instant.now().plus(10, ChronoUnit.MINUTES).toString());
        expect400(nurse, future, "measuredAt");
        Map<String, Object> badType = reading(p, "GLUCOSE", 5);
        expect400(nurse, badType, "type");
        expect400(nurse, reading(p, "HEART_RATE", "fast"), "value");
        Map<String, Object> longDevice = reading(p, "HEART_RATE", 70);
        longDevice.put("deviceId", "D".repeat(65));
        expect400(nurse, longDevice, "deviceId");
        given().auth().oauth2(nurse).contentType(ContentType.JSON).body("{}").post(VITALS).then().statusCode(400)
                .body("errors.field", hasItems("patientId", "type", "value", "measuredAt"));
        given().auth().oauth2(nurse).contentType(ContentType.JSON).body("{\"type\": \"SPO2\"").post(VITALS).then()
                .statusCode(400).contentType("application/problem+json");

        // a few seconds of device clock skew is not the future
        Map<String, Object> skewed = reading(p, "HEART_RATE", 70);
        skewed.put("measuredAt", Instant.now().plus(10, ChronoUnit.SECONDS).toString());
        given().auth().oauth2(nurse).contentType(ContentType.JSON).body(skewed).post(VITALS).then().statusCode(201);
    }

    @Test
    void visitMustBelongToThePatientAndUnknownReferencesAre422() {
        Clinic clinic = Clinic.get();
        long visit = clinic.openVisit(clinic.patient.recordId());
        String nurse = clinic.nurse.token();
        Map<String, Object> ok = reading(clinic.patient.recordId(), "SPO2", 97);
        ok.put("visitId", visit);
        ok.put("deviceId", "MON-ICU-07");
        given().auth().oauth2(nurse).contentType(ContentType.JSON).body(ok).post(VITALS).then().statusCode(201)
                .body("visitId", equalTo((int) visit)).body("deviceId", equalTo("MON-ICU-07"));
        Map<String, Object> wrongPatient = reading(clinic.otherPatient.recordId(), "SPO2", 97);
        wrongPatient.put("visitId", visit);
        given().auth().oauth2(nurse).contentType(ContentType.JSON).body(wrongPatient).post(VITALS).then()
                .statusCode(422).body("errors[0].field", equalTo("visitId"));
        Map<String, Object> unknownVisit = reading(clinic.patient.recordId(), "SPO2", 97);
        unknownVisit.put("visitId", 999_999_999);
        given().auth().oauth2(nurse).contentType(ContentType.JSON).body(unknownVisit).post(VITALS).then()
                .statusCode(422).body("errors[0].field", equalTo("visitId"));
        given().auth().oauth2(nurse).contentType(ContentType.JSON).body(reading(999_999_999L, "SPO2", 97))
                .post(VITALS).then().statusCode(422).body("errors[0].field", equalTo("patientId"));
        given().auth().oauth2(nurse).get(VITALS + "/999999999").then().statusCode(404);
    }

    @Test
    void deviceBatchIsAllOrNothingWithChangeEvents() throws Exception {
        Clinic clinic = Clinic.get();
        Account patient = TestUsers.patient();
        long p = patient.recordId();
        clinic.openVisit(p); // the clinic's technician and doctor treat p through the department's open visit
        List<Map<String, Object>> readings = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Map<String, Object> r = reading(p, "HEART_RATE", 70 + i * 10);
            r.put("deviceId", "WATCH-1");
            r.put("measuredAt", Instant.now().minus(10 - i, ChronoUnit.MINUTES).toString());
            readings.add(r);
        }
        Map<String, Object> bad = bloodPressure(p, 120, 130);
        List<Map<String, Object>> withBad = new ArrayList<>(readings);
        withBad.add(bad);
        given().auth().oauth2(clinic.technician.token()).contentType(ContentType.JSON)
                .body(Map.of("readings", withBad)).post(VITALS + "/batch").then().statusCode(400)
                .body("errors[0].field", equalTo("readings[5].secondaryValue"));
        given().auth().oauth2(clinic.technician.token()).queryParam("patientId", p).get(VITALS).then()
                .body("totalItems", equalTo(0));

        List<Number> ids = given().auth().oauth2(clinic.technician.token()).contentType(ContentType.JSON)
                .body(Map.of("readings", readings)).post(VITALS + "/batch").then().statusCode(201)
                .body("stored", equalTo(5)).body("abnormal", equalTo(1)).body("readings", hasSize(5))
                .extract().path("readings.id");
        given().auth().oauth2(clinic.doctor.token()).queryParam("patientId", p).queryParam("type", "HEART_RATE")
                .get(VITALS).then().body("totalItems", equalTo(5))
                .body("items[0].value", equalTo(110.0f)).body("items.deviceId", everyItem(equalTo("WATCH-1")));

        List<Map<String, Object>> events = Clinic.changesOf("VITAL_SIGN", ids.get(4).longValue());
        assertEquals(1, events.size());
        Map<String, Object> payload = (Map<String, Object>) events.get(0).get("payload");
        assertEquals(p, ((Number) payload.get("patientId")).longValue());
        assertEquals("HEART_RATE", payload.get("type"));
        assertEquals(110.0, ((Number) payload.get("value")).doubleValue(), 0.0001);
        assertEquals("/min", payload.get("unit"));
        assertEquals(true, payload.get("abnormal"));
        assertTrue(payload.containsKey("secondaryValue") && payload.get("secondaryValue") == null);
        assertTrue(payload.containsKey("visitId") && payload.containsKey("measuredAt"));

        given().auth().oauth2(clinic.nurse.token()).contentType(ContentType.JSON).body(Map.of("readings", List.of()))
                .post(VITALS + "/batch").then().statusCode(400).body("errors[0].field", equalTo("readings"));

        try (Connection db = TestUsers.jdbc(); PreparedStatement audit = db.prepareStatement(
                "SELECT COUNT(*) FROM audit_event WHERE resource_type = 'VITAL_SIGN' AND action = 'CREATE' "
                        + "AND patient_id = ?")) {
            audit.setLong(1, p);
            try (ResultSet row = audit.executeQuery()) {
                row.next();
                assertEquals(1, row.getInt(1), "one audit row for the batch");
            }
        }
    }

    @Test
    void listPerPatientByTypeAndTimeWindowAndPatientsSeeOnlyTheirOwn() {
        Clinic clinic = Clinic.get();
        Account patient = TestUsers.patient();
        long p = patient.recordId();
        clinic.openVisit(p); // the clinic's nurse works in the department of the open visit: she treats p
        String nurse = clinic.nurse.token();
        Instant base = Instant.parse("2026-01-15T08:00:00Z");
        for (int i = 0; i < 4; i++) {
            Map<String, Object> r = bloodPressure(p, 120 + i, 80);
            r.put("measuredAt", base.plus(i, ChronoUnit.HOURS).toString());
            given().auth().oauth2(nurse).contentType(ContentType.JSON).body(r).post(VITALS).then().statusCode(201);
        }
        Number temp = given().auth().oauth2(nurse).contentType(ContentType.JSON)
                .body(reading(p, "TEMPERATURE", 36.5)).post(VITALS).then().statusCode(201).extract().path("id");

        given().auth().oauth2(nurse).queryParam("patientId", p).queryParam("type", "BLOOD_PRESSURE")
                .queryParam("size", 3).get(VITALS).then().statusCode(200)
                .body("totalItems", equalTo(4)).body("totalPages", equalTo(2)).body("items", hasSize(3))
                .body("items[0].value", equalTo(123.0f)).body("items[0].secondaryValue", equalTo(80.0f));
        given().auth().oauth2(nurse).queryParam("patientId", p).queryParam("from", "2026-01-15T09:00:00Z")
                .queryParam("to", "2026-01-15T10:00:00Z").queryParam("sort", "measuredAt,asc").get(VITALS).then()
                .body("totalItems", equalTo(2)).body("items[0].value", equalTo(121.0f));
        given().auth().oauth2(nurse).queryParam("patientId", p).queryParam("from", "2026-01-15")
                .queryParam("to", "2026-01-15").get(VITALS).then().body("totalItems", equalTo(4));
        given().auth().oauth2(nurse).queryParam("patientId", p).queryParam("type", "TEMPERATURE").get(VITALS).then()
                .body("totalItems", equalTo(1)).body("items[0].id", equalTo(temp.intValue()));
        given().auth().oauth2(nurse).get(VITALS).then().statusCode(400).body("errors[0].field", equalTo("patientId"));
        given().auth().oauth2(nurse).queryParam("patientId", p).queryParam("from", "15/01/2026").get(VITALS).then()
                .statusCode(400).body("errors[0].field", equalTo("from"));

        given().auth().oauth2(patient.token()).get(VITALS).then().statusCode(200).body("totalItems", equalTo(5))
                .body("items.patientId", everyItem(equalTo((int) p)));
        given().auth().oauth2(patient.token()).get(VITALS + "/" + temp).then().statusCode(200);
        given().auth().oauth2(clinic.otherPatient.token()).get(VITALS + "/" + temp).then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(clinic.otherPatient.token()).queryParam("patientId", p).get(VITALS).then()
                .statusCode(403);
    }

    @Test
    void rolesAreChecked() {
        Clinic clinic = Clinic.get();
        Map<String, Object> body = reading(clinic.patient.recordId(), "HEART_RATE", 70);
        given().contentType(ContentType.JSON).body(body).post(VITALS).then().statusCode(401);
        given().queryParam("patientId", clinic.patient.recordId()).get(VITALS).then().statusCode(401);
        for (Account account : List.of(clinic.pharmacist, clinic.patient, clinic.analyst)) {
            given().auth().oauth2(account.token()).contentType(ContentType.JSON).body(body).post(VITALS).then()
                    .statusCode(403);
        }
        for (Account account : List.of(clinic.doctor, clinic.technician)) {
            given().auth().oauth2(account.token()).contentType(ContentType.JSON).body(body).post(VITALS).then()
                    .statusCode(201);
        }
        given().auth().oauth2(Clinic.admin()).contentType(ContentType.JSON).body(body).post(VITALS).then()
                .statusCode(201);
    }

    private static void expect400(String token, Map<String, Object> body, String field) {
        given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post(VITALS).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItems(field));
    }
}
