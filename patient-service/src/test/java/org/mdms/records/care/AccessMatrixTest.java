package org.mdms.records.care;

import org.mdms.local.testing.ReadmeTable;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.mdms.records.TestUsers;
import org.mdms.records.TestUsers.Account;
import org.mdms.records.visit.Clinic;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The access matrix of patient-service, checked cell by cell against the running service. The table is read from
 * the README itself: each cell is the status a user gets, and for patient reads which view (FULL, CLINICAL,
 * DISPENSING, LISTING). "treated" is a patient the staff member treats (doctor of the visit, nurse of the department
 * of the open visit, technician of an examination, pharmacist with a prescription to dispense); "untreated" is one
 * nobody in the table treats. For ADMIN they are just two patients; for PATIENT both are someone else.
 */
@QuarkusTest
class AccessMatrixTest {

    /** The access matrix exactly as the README shows it. */
    static final String MATRIX = ReadmeTable.read("| role | patient | get patient |");

    private static final String ID_NUMBER = "110101198005170031";

    private static final Map<String, String> tokens = new HashMap<>();
    private static final Map<String, Long> patients = new HashMap<>();
    private static final Map<Long, String> mrns = new HashMap<>();

    /** Once, but in @BeforeEach: RestAssured points at the app only once Quarkus has started. */
    @BeforeEach
    void clinic() {
        if (!patients.isEmpty()) {
            return;
        }
        // a department of its own, so no other test's open visit makes our nurse treat someone
        Number hospital = given().auth().oauth2(Clinic.admin()).contentType(ContentType.JSON)
                .body(Map.of("code", TestUsers.unique("H"), "name", "矩阵医院"))
                .post("/api/v1/hospitals").then().statusCode(201).extract().path("id");
        Number department = given().auth().oauth2(Clinic.admin()).contentType(ContentType.JSON)
                .body(Map.of("hospitalId", hospital, "code", TestUsers.unique("D"), "name", "急诊科"))
                .post("/api/v1/departments").then().statusCode(201).extract().path("id");
        long departmentId = department.longValue();
        Account doctor = TestUsers.staff("DOCTOR", departmentId);
        Account nurse = TestUsers.staff("NURSE", departmentId);
        Account pharmacist = TestUsers.staff("PHARMACIST", departmentId);
        Account technician = TestUsers.staff("TECHNICIAN", departmentId);
        Account patient = TestUsers.patient();
        tokens.put("ADMIN", Clinic.admin());
        tokens.put("DOCTOR", doctor.token());
        tokens.put("NURSE", nurse.token());
        tokens.put("PHARMACIST", pharmacist.token());
        tokens.put("TECHNICIAN", technician.token());
        tokens.put("ANALYST", TestUsers.analyst().token());
        tokens.put("PATIENT", patient.token());

        long treated = newPatient();
        long untreated = newPatient();
        patients.put("treated", treated);
        patients.put("untreated", untreated);
        patients.put("own", patient.recordId());
        mrns.put(patient.recordId(), given().auth().oauth2(Clinic.admin()).get("/api/v1/patients/" + patient.recordId())
                .then().statusCode(200).extract().path("mrn"));

        // the treated patient: an open visit with our doctor in our department, an examination by our technician,
        // a prescription waiting for the pharmacy
        Number visit = given().auth().oauth2(Clinic.admin()).contentType(ContentType.JSON)
                .body(Clinic.visitBody(treated, doctor.recordId(), departmentId))
                .post("/api/v1/visits").then().statusCode(201).extract().path("id");
        Map<String, Object> exam = new HashMap<>();
        exam.put("visitId", visit);
        exam.put("technicianId", technician.recordId());
        exam.put("item", "血红蛋白");
        exam.put("result", "140");
        exam.put("performedAt", Instant.now().minus(30, ChronoUnit.MINUTES).toString());
        given().auth().oauth2(Clinic.admin()).contentType(ContentType.JSON).body(exam)
                .post("/api/v1/examinations").then().statusCode(201);
        long drug = Clinic.addDrug("12.50");
        given().auth().oauth2(doctor.token()).contentType(ContentType.JSON)
                .body(Map.of("visitId", visit, "items", List.of(Map.of("drugId", drug, "quantity", 2,
                        "dosage", "每次1粒", "frequency", "每日3次", "days", 7))))
                .post("/api/v1/prescriptions").then().statusCode(201);
    }

    private static long newPatient() {
        String mrn = TestUsers.unique("MRN");
        Number id = given().auth().oauth2(Clinic.admin()).contentType(ContentType.JSON)
                .body(Map.of("mrn", mrn, "name", "矩阵患者", "gender", "FEMALE", "birthDate", "1980-05-17",
                        "idNumber", ID_NUMBER, "phone", "13800138000", "address", "北京市朝阳区建国路88号",
                        "allergies", "青霉素过敏"))
                .post("/api/v1/patients").then().statusCode(201).extract().path("id");
        mrns.put(id.longValue(), mrn);
        return id.longValue();
    }

    /** The rows of a markdown table, split into trimmed cells; header and separator rows skipped. */
    static List<List<String>> rows(String markdown) {
        List<List<String>> rows = new ArrayList<>();
        for (String line : markdown.strip().split("\n")) {
            List<String> cells = Stream.of(line.strip().split("\\|")).map(String::strip).skip(1).toList();
            if (!cells.get(0).equals("role") && !cells.get(0).startsWith("---")) {
                rows.add(cells);
            }
        }
        return rows;
    }

    @TestFactory
    Stream<DynamicTest> everyCell() {
        List<String> operations = Stream.of(MATRIX.strip().split("\n")[0].split("\\|")).map(String::strip)
                .skip(3).toList();
        assertEquals(7, operations.size(), "the table's operations");
        List<List<String>> rows = rows(MATRIX);
        assertEquals(15, rows.size(), "7 roles x treated/untreated, and the patient's own record");
        return rows.stream().flatMap(row -> {
            String role = row.get(0);
            String subject = row.get(1);
            return Stream.iterate(0, i -> i + 1).limit(operations.size()).map(i -> DynamicTest.dynamicTest(
                    role + " / " + subject + " / " + operations.get(i),
                    () -> check(role, patients.get(subject), operations.get(i), row.get(i + 2))));
        });
    }

    private void check(String role, long patientId, String operation, String expected) {
        String[] parts = expected.split(" ");
        int status = Integer.parseInt(parts[0]);
        String view = parts.length > 1 ? parts[1] : null;
        String token = tokens.get(role);
        Response response = switch (operation) {
            case "get patient" -> given().auth().oauth2(token).get("/api/v1/patients/" + patientId);
            case "search" -> given().auth().oauth2(token).queryParam("mrn", mrns.get(patientId))
                    .get("/api/v1/patients");
            case "list visits" -> given().auth().oauth2(token).queryParam("patientId", patientId)
                    .get("/api/v1/visits");
            case "read prescriptions" -> given().auth().oauth2(token).queryParam("patientId", patientId)
                    .get("/api/v1/prescriptions");
            case "read vital signs" -> given().auth().oauth2(token).queryParam("patientId", patientId)
                    .get("/api/v1/vital-signs");
            case "write a vital sign" -> given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body(Map.of("patientId", patientId, "type", "HEART_RATE", "value", 72,
                            "measuredAt", Instant.now().minus(5, ChronoUnit.MINUTES).toString()))
                    .post("/api/v1/vital-signs");
            case "list examinations" -> given().auth().oauth2(token).queryParam("patientId", patientId)
                    .get("/api/v1/examinations");
            default -> throw new IllegalArgumentException("no such operation in the table: " + operation);
        };
        assertEquals(status, response.statusCode(), () -> role + " " + operation + ": " + response.asString());
        if (status >= 400) {
            assertEquals("application/problem+json", response.contentType().split(";")[0]);
            return;
        }
        if (view != null) {
            Map<String, Object> patient = operation.equals("search")
                    ? response.jsonPath().getMap("items[0]") : response.jsonPath().getMap("$");
            assertEquals(mrns.get(patientId), patient.get("mrn"), "the patient found");
            assertEquals(view, patient.get("detail"));
            checkFields(view, patient);
        }
    }

    /** What each view must show and must hide (the own record was registered without ID number or phone). */
    private static void checkFields(String view, Map<String, Object> patient) {
        boolean registeredWithId = patient.get("name").equals("矩阵患者");
        switch (view) {
            case "FULL" -> {
                if (registeredWithId) {
                    assertEquals(ID_NUMBER, patient.get("idNumber"));
                    assertEquals("13800138000", patient.get("phone"));
                    assertEquals("北京市朝阳区建国路88号", patient.get("address"));
                }
            }
            case "CLINICAL", "LISTING" -> {
                assertEquals("1101**********0031", patient.get("idNumber"));
                assertNull(patient.get("phone"));
                assertNull(patient.get("address"));
            }
            case "DISPENSING" -> {
                assertNull(patient.get("idNumber"));
                assertNull(patient.get("phone"));
                assertNull(patient.get("address"));
                assertNull(patient.get("birthDate"));
                assertEquals("青霉素过敏", patient.get("allergies"));
                assertEquals(Period.between(LocalDate.of(1980, 5, 17), LocalDate.now()).getYears(),
                        patient.get("age"));
            }
            default -> throw new IllegalArgumentException("no such view: " + view);
        }
    }
}
