package org.mdms.records.seed;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.mdms.records.TestUsers;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POST /api/v1/admin/seed against the real embedded MariaDB: counts, foreign keys, change events, access. */
@QuarkusTest
class SeedResourceTest {

    private static Response seed(String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).accept(ContentType.TEXT).body(body)
                .post("/api/v1/admin/seed");
    }

    private static long scalar(String sql) throws SQLException {
        try (Connection db = TestUsers.jdbc(); Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static List<String> column(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection db = TestUsers.jdbc(); Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    @Test
    void generatesExactlyWhatWasAskedWithValidReferencesAndChangeEvents() throws SQLException {
        String admin = TestUsers.adminToken();
        long patientsBefore = scalar("SELECT COALESCE(MAX(id), 0) FROM patient");
        long eventsBefore = scalar("SELECT COALESCE(MAX(seq), 0) FROM change_event");

        String body = seed(admin, Map.of("patients", 30, "visitsPerPatient", 2, "prescriptionsPerVisit", 2,
                "itemsPerPrescription", 3, "examinationsPerVisit", 1, "vitalSignsPerVisit", 4, "seed", 7))
                .then().statusCode(200).contentType(ContentType.TEXT).extract().asString();
        String[] lines = body.strip().split("\n");
        assertTrue(lines[0].startsWith("seeding 30 patients"), body);
        assertTrue(lines[1].startsWith("hospital "), body);
        assertTrue(lines[lines.length - 2].startsWith("30/30 patients (100%)"), body);
        assertTrue(lines[lines.length - 1].startsWith("done: 30 patients, 60 visits, 120 prescriptions, 360 "
                + "prescription items, 60 examinations, 240 vital signs"), body);

        String mine = "p.id > " + patientsBefore;
        assertEquals(30, scalar("SELECT COUNT(*) FROM patient p WHERE " + mine));
        assertEquals(60, scalar("SELECT COUNT(*) FROM visit v JOIN patient p ON p.id = v.patient_id WHERE " + mine));
        assertEquals(120, scalar("SELECT COUNT(*) FROM prescription r JOIN visit v ON v.id = r.visit_id "
                + "JOIN patient p ON p.id = v.patient_id WHERE " + mine));
        assertEquals(360, scalar("SELECT COUNT(*) FROM prescription_item i JOIN prescription r ON r.id = "
                + "i.prescription_id JOIN visit v ON v.id = r.visit_id JOIN patient p ON p.id = v.patient_id WHERE " + mine));
        assertEquals(60, scalar("SELECT COUNT(*) FROM examination e JOIN visit v ON v.id = e.visit_id "
                + "JOIN patient p ON p.id = v.patient_id WHERE " + mine));
        assertEquals(240, scalar("SELECT COUNT(*) FROM vital_sign s JOIN patient p ON p.id = s.patient_id WHERE " + mine));

        // every foreign key points at a row that exists (all tables, not only this run)
        String[] orphans = {
                "SELECT COUNT(*) FROM department d LEFT JOIN hospital h ON h.id = d.hospital_id WHERE h.id IS NULL",
                "SELECT COUNT(*) FROM staff s LEFT JOIN user_account u ON u.id = s.user_id WHERE u.id IS NULL",
                "SELECT COUNT(*) FROM staff s LEFT JOIN department d ON d.id = s.department_id WHERE d.id IS NULL",
                "SELECT COUNT(*) FROM patient p LEFT JOIN user_account u ON u.id = p.user_id "
                        + "WHERE p.user_id IS NOT NULL AND u.id IS NULL",
                "SELECT COUNT(*) FROM visit v LEFT JOIN patient p ON p.id = v.patient_id WHERE p.id IS NULL",
                "SELECT COUNT(*) FROM visit v LEFT JOIN staff s ON s.id = v.doctor_id AND s.kind = 'DOCTOR' "
                        + "WHERE s.id IS NULL",
                "SELECT COUNT(*) FROM visit v LEFT JOIN department d ON d.id = v.department_id WHERE d.id IS NULL",
                "SELECT COUNT(*) FROM examination e LEFT JOIN visit v ON v.id = e.visit_id WHERE v.id IS NULL",
                "SELECT COUNT(*) FROM examination e LEFT JOIN staff s ON s.id = e.technician_id "
                        + "WHERE e.technician_id IS NOT NULL AND s.id IS NULL",
                "SELECT COUNT(*) FROM prescription r LEFT JOIN visit v ON v.id = r.visit_id WHERE v.id IS NULL",
                "SELECT COUNT(*) FROM prescription r LEFT JOIN staff s ON s.id = r.doctor_id WHERE s.id IS NULL",
                "SELECT COUNT(*) FROM prescription r LEFT JOIN staff s ON s.id = r.pharmacist_id AND s.kind = "
                        + "'PHARMACIST' WHERE r.pharmacist_id IS NOT NULL AND s.id IS NULL",
                "SELECT COUNT(*) FROM prescription_item i LEFT JOIN prescription r ON r.id = i.prescription_id "
                        + "WHERE r.id IS NULL",
                "SELECT COUNT(*) FROM prescription_item i LEFT JOIN drug d ON d.id = i.drug_id WHERE d.id IS NULL",
                "SELECT COUNT(*) FROM vital_sign s LEFT JOIN patient p ON p.id = s.patient_id WHERE p.id IS NULL",
                "SELECT COUNT(*) FROM vital_sign s LEFT JOIN visit v ON v.id = s.visit_id "
                        + "WHERE s.visit_id IS NOT NULL AND v.id IS NULL"};
        for (String orphan : orphans) {
            assertEquals(0, scalar(orphan), orphan);
        }
        // the money adds up, prices come from the catalogue, a prescription's doctor is its visit's doctor
        assertEquals(0, scalar("SELECT COUNT(*) FROM prescription r JOIN (SELECT prescription_id, SUM(amount) s "
                + "FROM prescription_item GROUP BY prescription_id) t ON t.prescription_id = r.id "
                + "WHERE t.s <> r.total_amount"));
        assertEquals(0, scalar("SELECT COUNT(*) FROM prescription_item i JOIN drug d ON d.id = i.drug_id "
                + "WHERE i.unit_price <> d.price OR i.amount <> i.quantity * i.unit_price"));
        assertEquals(0, scalar("SELECT COUNT(*) FROM prescription r JOIN visit v ON v.id = r.visit_id "
                + "WHERE r.doctor_id <> v.doctor_id"));
        // nothing in the future, vital signs inside the rules
        assertEquals(0, scalar("SELECT COUNT(*) FROM vital_sign WHERE measured_at > UTC_TIMESTAMP(6) "
                + "OR (type = 'HEART_RATE' AND value NOT BETWEEN 20 AND 300) "
                + "OR (type = 'BLOOD_PRESSURE' AND (value NOT BETWEEN 50 AND 250 "
                + "    OR secondary_value NOT BETWEEN 30 AND 150 OR secondary_value >= value)) "
                + "OR (type = 'SPO2' AND value NOT BETWEEN 0 AND 100) "
                + "OR (type = 'TEMPERATURE' AND value NOT BETWEEN 30 AND 45)"));
        assertEquals(0, scalar("SELECT COUNT(*) FROM visit WHERE started_at > UTC_TIMESTAMP(6)"));

        // one change event per generated department, staff member, patient, visit, prescription, exam, vital sign
        String newEvents = "SELECT COUNT(*) FROM change_event WHERE seq > " + eventsBefore + " AND entity_type = ";
        assertEquals(30, scalar(newEvents + "'PATIENT'"));
        assertEquals(60, scalar(newEvents + "'VISIT'"));
        assertEquals(120, scalar(newEvents + "'PRESCRIPTION'"));
        assertEquals(60, scalar(newEvents + "'EXAMINATION'"));
        assertEquals(240, scalar(newEvents + "'VITAL_SIGN'"));
        assertEquals(23, scalar(newEvents + "'DEPARTMENT'"));
        assertEquals(scalar("SELECT COUNT(*) FROM staff"), scalar("SELECT COUNT(DISTINCT entity_id) FROM change_event "
                + "WHERE entity_type = 'STAFF'"));
        // numbers without gaps
        long last = scalar("SELECT MAX(seq) FROM change_event");
        assertEquals(last - eventsBefore, scalar("SELECT COUNT(*) FROM change_event WHERE seq > " + eventsBefore));
        assertEquals(last, scalar("SELECT last_seq FROM change_sequence WHERE id = 1"));

        // and the feed serves them with the contract's payloads
        long prescriptionSeq = scalar("SELECT MIN(seq) FROM change_event WHERE seq > " + eventsBefore
                + " AND entity_type = 'PRESCRIPTION'");
        long prescriptionId = scalar("SELECT entity_id FROM change_event WHERE seq = " + prescriptionSeq);
        String total = column("SELECT total_amount FROM prescription WHERE id = " + prescriptionId).get(0);
        given().auth().oauth2(admin).get("/api/v1/changes?after=" + (prescriptionSeq - 1) + "&limit=1")
                .then().statusCode(200)
                .body("events[0].entityType", equalTo("PRESCRIPTION"))
                .body("events[0].operation", equalTo("UPSERT"))
                .body("events[0].payload.id", equalTo((int) prescriptionId))
                .body("events[0].payload.status", matchesPattern("ISSUED|DISPENSED|CANCELLED"))
                .body("events[0].payload.issuedAt", matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"))
                .body("events[0].payload.totalAmount", equalTo(Float.parseFloat(total)))
                .body("events[0].payload.items", hasSize(3))
                .body("events[0].payload.items[0].drugId", org.hamcrest.Matchers.notNullValue())
                .body("events[0].payload.items[0].unitPrice", org.hamcrest.Matchers.notNullValue());
        long patientSeq = scalar("SELECT MIN(seq) FROM change_event WHERE seq > " + eventsBefore
                + " AND entity_type = 'PATIENT'");
        given().auth().oauth2(admin).get("/api/v1/changes?after=" + (patientSeq - 1) + "&limit=1")
                .then().statusCode(200)
                .body("events[0].payload.mrn", org.hamcrest.Matchers.nullValue())
                .body("events[0].payload.gender", matchesPattern("MALE|FEMALE"))
                .body("events[0].payload.birthDate", org.hamcrest.Matchers.nullValue())
                .body("events[0].payload.birthYear", org.hamcrest.Matchers.greaterThan(1900))
                .body("events[0].payload.deleted", equalTo(false))
                .body("events[0].payload.name", org.hamcrest.Matchers.nullValue());
        long vitalSeq = scalar("SELECT MIN(seq) FROM change_event WHERE seq > " + eventsBefore
                + " AND entity_type = 'VITAL_SIGN'");
        given().auth().oauth2(admin).get("/api/v1/changes?after=" + (vitalSeq - 1) + "&limit=1")
                .then().statusCode(200)
                .body("events[0].payload.type", matchesPattern("HEART_RATE|BLOOD_PRESSURE|SPO2|TEMPERATURE"))
                .body("events[0].payload.unit", matchesPattern("/min|mmHg|%|°C"))
                .body("events[0].payload.visitId", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void chineseNamesRoundTripThroughTheApi() throws SQLException {
        String admin = TestUsers.adminToken();
        long before = scalar("SELECT COALESCE(MAX(id), 0) FROM patient");
        seed(admin, Map.of("patients", 5, "visitsPerPatient", 0, "seed", 99, "locale", "zh_CN"))
                .then().statusCode(200);
        long id = before + 1;
        String name = column("SELECT name FROM patient WHERE id = " + id).get(0);
        assertTrue(name.matches("\\p{IsHan}{2,5}"), name);
        given().auth().oauth2(admin).get("/api/v1/patients/" + id).then().statusCode(200)
                .body("name", equalTo(name))
                .body("idNumber", matchesPattern("\\d{17}[\\dX]"))
                .body("address", matchesPattern(".*\\p{IsHan}+.*"));
        String prefix = name.substring(0, 1);
        given().auth().oauth2(admin).queryParam("name", prefix).queryParam("size", 200)
                .get("/api/v1/patients").then().statusCode(200)
                .body("items.name", hasItem(name));
    }

    @Test
    void sameSeedGivesTheSamePeopleInTwoRuns() throws SQLException {
        String admin = TestUsers.adminToken();
        Map<String, Object> request = Map.of("patients", 8, "visitsPerPatient", 1, "seed", 4242, "locale", "en");
        long first = scalar("SELECT COALESCE(MAX(id), 0) FROM patient");
        seed(admin, request).then().statusCode(200);
        long second = scalar("SELECT MAX(id) FROM patient");
        seed(admin, request).then().statusCode(200);
        String fingerprint = "SELECT CONCAT_WS('|', name, gender, blood_type, phone, id_number, "
                + "COALESCE(allergies, '')) FROM patient WHERE id > %d AND id <= %d ORDER BY id";
        List<String> run1 = column(String.format(fingerprint, first, second));
        List<String> run2 = column(String.format(fingerprint, second, second + 8));
        assertEquals(8, run1.size());
        assertEquals(run1, run2);
        run1.forEach(row -> assertTrue(row.matches("[A-Za-z' .-]+ [A-Za-z' .-]+\\|.*"), row));
    }

    @Test
    void onlyAdminsMaySeed() {
        Map<String, Object> request = Map.of("patients", 1);
        given().contentType(ContentType.JSON).body(request).post("/api/v1/admin/seed").then().statusCode(401);
        seed(TestUsers.staff("DOCTOR").token(), request).then().statusCode(403)
                .contentType("application/problem+json");
        seed(TestUsers.analyst().token(), request).then().statusCode(403);
    }

    @Test
    void badSizesAreRefusedNamingTheField() {
        String admin = TestUsers.adminToken();
        seed(admin, Map.of("patients", 0)).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("patients"));
        seed(admin, Map.of("patients", 5, "itemsPerPrescription", 500)).then().statusCode(400)
                .body("errors.field", hasItem("itemsPerPrescription"));
        seed(admin, Map.of("patients", 5, "vitalSignsPerVisit", -1)).then().statusCode(400)
                .body("errors.field", hasItem("vitalSignsPerVisit"));
        seed(admin, Map.of("patients", 5, "locale", "fr")).then().statusCode(400)
                .body("errors.field", hasItem("locale"));
        seed(admin, Map.of("patients", 3_000_000)).then().statusCode(400)
                .body("errors.field", hasItem("patients"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"patients\":\"many\"}")
                .post("/api/v1/admin/seed").then().statusCode(400)
                .body("errors.field", hasItem("patients"));
    }
}
