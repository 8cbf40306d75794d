package org.mdms.analytics.it;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import org.mdms.local.testing.PatientServiceResource;
import org.mdms.local.testing.ReadmeTable;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * analytics-service's access matrix, read from its README and checked cell by cell against the running service with
 * the REAL patient-service deciding the care relationship (question 6): the demo accounts, and records made through
 * patient-service's API that make the demo doctor, nurse and technician treat the demo patient P and the pharmacist
 * dispense for P; Q is a patient nobody treats; the doctor breaks the glass for R.
 */
@QuarkusTest
@QuarkusTestResource(value = PatientServiceResource.class, restrictToAnnotatedClass = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QuestionAccessTest {

    /** The access matrix exactly as the README shows it. */
    static final String MATRIX = ReadmeTable.read("| caller | patient | Q1 |");

    static final YearMonth THIS_MONTH = YearMonth.now(ZoneOffset.UTC);
    static final Map<String, Peer> peers = new HashMap<>();
    static long patientP;
    static long patientQ;
    static long patientR;
    static long drug;
    static long otherDoctor;
    static Instant now;

    private static Peer as(String user) {
        return peers.computeIfAbsent(user, Peer::login);
    }

    private static long createPatient(String mrn) {
        return as("admin").records().body(Map.of("mrn", mrn + "-" + System.nanoTime(), "name", "权限测试" + mrn,
                "gender", "FEMALE", "birthDate", "1966-05-06")).post("/api/v1/patients").then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    private static long departmentOf(String user) {
        return as("admin").records().get("/api/v1/staff/" + as(user).staffId()).then().statusCode(200).extract()
                .jsonPath().getLong("departmentId");
    }

    /** An OPEN visit of the patient with the demo doctor, in the given department. */
    private static long openVisit(long patient, long department) {
        return as("doctor").records().body(Map.of("patientId", patient, "doctorId", as("doctor").staffId(),
                        "departmentId", department, "type", "INPATIENT",
                        "startedAt", now.minus(2, ChronoUnit.HOURS).toString(), "chiefComplaint", "胸闷"))
                .post("/api/v1/visits").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static void heartRate(long patient, int value, int hoursAgo) {
        as("admin").records().body(Map.of("patientId", patient, "type", "HEART_RATE", "value", value,
                        "measuredAt", now.minus(hoursAgo, ChronoUnit.HOURS).toString()))
                .post("/api/v1/vital-signs").then().statusCode(201);
    }

    private static void sync() {
        as("admin").analytics().post("/api/v1/sync").then().statusCode(200).body("outcome", equalTo("UP_TO_DATE"));
    }

    /** Once per class, in @BeforeEach: RestAssured points at the app only once Quarkus has started. */
    @BeforeEach
    void records() {
        if (patientP != 0) {
            return;
        }
        now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        patientP = as("patient").claims.path("patient_id").asLong();
        patientQ = createPatient("ACC-Q");
        patientR = createPatient("ACC-R");
        // the doctor treats P (doctor of its visits); the nurse and the technician through OPEN visits in their departments
        long visit = openVisit(patientP, departmentOf("nurse"));
        openVisit(patientP, departmentOf("technician"));
        drug = as("admin").records().get("/api/v1/drugs?size=1&sort=id,asc").then().statusCode(200).extract()
                .jsonPath().getLong("items[0].id");
        // an ISSUED prescription of P: the pharmacist's relationship is DISPENSING
        as("doctor").records().body(Map.of("visitId", visit, "items", List.of(Map.of("drugId", drug, "quantity", 2,
                        "dosage", "每次1片", "frequency", "每日2次", "days", 3))))
                .post("/api/v1/prescriptions").then().statusCode(201);
        for (long patient : List.of(patientP, patientQ, patientR)) {
            heartRate(patient, 72, 3);
            heartRate(patient, 80, 2);
        }
        // a second doctor, for "Q3 other doctor"
        String username = "acc-doc-" + Long.toString(System.nanoTime() % 100_000_000L, 36);
        long user = as("admin").records().body(Map.of("username", username, "password", "mdms-demo", "role", "DOCTOR",
                "displayName", "权限医生")).post("/api/v1/users").then().statusCode(201).extract().jsonPath().getLong("id");
        otherDoctor = as("admin").records().body(Map.of("userId", user, "departmentId", departmentOf("doctor"),
                        "staffNo", "ACC" + System.nanoTime() % 1_000_000_000L, "name", "权限医生", "kind", "DOCTOR"))
                .post("/api/v1/staff").then().statusCode(201).extract().jsonPath().getLong("id");
        // the doctor may not see R until they break the glass
        assertEquals("STAFF", relation("doctor", patientR));
        as("doctor").records().body(Map.of("reason", "患者昏迷送入急诊，需要查看生命体征"))
                .post("/api/v1/patients/" + patientR + "/emergency-access").then().statusCode(201);
        sync();
    }

    private static String relation(String user, long patient) {
        return as(user).records().get("/api/v1/patients/" + patient + "/access").then().statusCode(200).extract()
                .path("relation");
    }

    private static String q6(long patient) {
        return "/api/v1/patients/" + patient + "/vital-signs/summary?from=" + now.minus(1, ChronoUnit.DAYS) + "&to="
                + now.plus(1, ChronoUnit.HOURS);
    }

    @Test
    @Order(1)
    void theRelationshipsAreThoseTheTableNames() {
        assertEquals("TREATING", relation("doctor", patientP));
        assertEquals("TREATING", relation("nurse", patientP));
        assertEquals("TREATING", relation("technician", patientP));
        assertEquals("DISPENSING", relation("pharmacist", patientP));
        for (String user : List.of("doctor", "nurse", "technician")) {
            assertEquals("STAFF", relation(user, patientQ), user);
        }
        assertEquals("EMERGENCY", relation("doctor", patientR));
        assertEquals("SELF", relation("patient", patientP));
    }

    @TestFactory
    @Order(2)
    Stream<DynamicTest> everyCellOfTheReadmeMatrix() {
        List<String> lines = List.of(MATRIX.strip().split("\n"));
        List<String> operations = cells(lines.get(0)).subList(2, cells(lines.get(0)).size());
        List<List<String>> rows = lines.stream().skip(2).map(QuestionAccessTest::cells).toList();
        assertEquals(12, rows.size(), "the caller kinds of the README");
        assertEquals(11, operations.size(), "the operation groups of the README");
        return rows.stream().flatMap(row -> Stream.iterate(0, i -> i + 1).limit(operations.size())
                .map(i -> DynamicTest.dynamicTest(row.get(0) + " / " + row.get(1) + " / " + operations.get(i),
                        () -> check(row.get(0), row.get(1), operations.get(i), row.get(i + 2)))));
    }

    private static List<String> cells(String line) {
        return Stream.of(line.strip().split("\\|")).map(String::strip).skip(1).toList();
    }

    private static void check(String caller, String subject, String operation, String expected) {
        String user = caller.startsWith("no token") ? null : caller.split(" ")[0];
        long patient = switch (subject) {
            case "treated", "own" -> patientP;
            case "untreated" -> patientQ;
            case "break-the-glass" -> patientR;
            default -> throw new IllegalArgumentException("no such patient in the table: " + subject);
        };
        // every doctor row is the demo doctor; for a caller who is not a doctor "own" is the demo doctor too
        long ownDoctor = as("doctor").staffId();
        RequestSpecification request = user == null ? RestAssured.given() : as(user).analytics();
        Response response = switch (operation) {
            case "Q1" -> request.get("/api/v1/drugs/" + drug + "/usage?year=" + THIS_MONTH.getYear());
            case "Q2" -> request.get("/api/v1/drug-rankings?from=" + THIS_MONTH + "&to=" + THIS_MONTH);
            case "Q3 own" -> request.get("/api/v1/doctors/" + ownDoctor + "/top-drugs");
            case "Q3 other doctor" -> request.get("/api/v1/doctors/" + otherDoctor + "/top-drugs");
            case "Q4" -> request.get("/api/v1/departments/workload");
            case "Q5" -> request.get("/api/v1/visits/trends");
            case "Q6 JSON" -> request.get(q6(patient));
            case "Q6 chart" -> request.get(q6(patient).replace("/summary?", "/summary/chart?format=svg&"));
            case "Q7" -> request.get("/api/v1/dashboard");
            case "sync" -> request.post("/api/v1/sync");
            case "reconciliation" -> request.post("/api/v1/reconciliation?from=" + THIS_MONTH + "&to=" + THIS_MONTH);
            default -> throw new IllegalArgumentException("no such operation in the table: " + operation);
        };
        int status = Integer.parseInt(expected.split(" ")[0]);
        assertEquals(status, response.statusCode(), response.asString());
        if (status != 200) {
            assertTrue(String.valueOf(response.contentType()).startsWith("application/problem+json"),
                    "an error is problem+json: " + response.contentType());
            assertEquals(status, response.jsonPath().getInt("status"));
            return;
        }
        switch (operation) {
            case "Q1", "Q2" -> {
                Object doctorId = response.jsonPath().get("doctorId");
                if (expected.endsWith("own")) {
                    assertEquals(as(user).staffId(), ((Number) doctorId).longValue(), "answered over their own");
                } else {
                    assertEquals("200 all", expected);
                    assertNull(doctorId, "answered over everyone's prescriptions");
                }
            }
            case "Q3 own", "Q3 other doctor" -> assertEquals(operation.equals("Q3 own") ? ownDoctor : otherDoctor,
                    response.jsonPath().getLong("doctorId"));
            case "Q6 JSON" -> {
                assertEquals(patient, response.jsonPath().getLong("patientId"));
                // P is the demo patient: other test classes may have measured them too
                int count = response.jsonPath().getInt("series.find { it.series == 'HEART_RATE' }.count");
                assertTrue(patient == patientP ? count >= 2 : count == 2, "heart rates measured: " + count);
            }
            case "Q6 chart" -> {
                assertTrue(response.contentType().startsWith("image/svg+xml"), response.contentType());
                assertTrue(response.asString().contains("<svg"), "an SVG document");
            }
            default -> assertFalse(response.asString().isBlank(), "an answer");
        }
    }

    @Test
    @Order(3)
    void theContractDeclaresQuestion6sRefusalsAsProblems() {
        io.restassured.path.json.JsonPath doc = RestAssured.given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().jsonPath();
        for (String path : List.of("/api/v1/patients/{patientId}/vital-signs/summary",
                "/api/v1/patients/{patientId}/vital-signs/summary/chart")) {
            for (String status : List.of("401", "403", "404", "503")) {
                assertEquals("#/components/schemas/Problem", doc.getString("paths.'" + path + "'.get.responses.'"
                        + status + "'.content.'application/problem+json'.schema.$ref"), path + " " + status);
            }
        }
    }

    @Test
    @Order(4)
    void anUnknownPatientIs404ForEveryoneWhoMayAsk() {
        for (String user : List.of("admin", "doctor", "nurse")) {
            as(user).analytics().get("/api/v1/patients/99999999/vital-signs/summary").then().statusCode(404)
                    .contentType("application/problem+json").body("detail", containsString("patient 99999999"));
            as(user).analytics().get("/api/v1/patients/99999999/vital-signs/summary/chart").then().statusCode(404)
                    .contentType("application/problem+json");
        }
        // a malformed request is refused before patient-service is asked, and names the parameter
        as("doctor").analytics().get("/api/v1/patients/" + patientQ + "/vital-signs/summary?from=2026-02-01&to=2026-01-01")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("to"));
    }

    @Test
    @Order(5)
    void aRelationshipThatEndsIsRefusedOnTheNextRequest() {
        long patient = createPatient("ACC-S");
        long visit = openVisit(patient, departmentOf("nurse"));
        heartRate(patient, 90, 1);
        sync();
        as("nurse").analytics().get(q6(patient)).then().statusCode(200).body("patientId", equalTo((int) patient));
        // closing the visit ends the nurse's relationship (the doctor of the visit still treats the patient)
        as("doctor").records().body(Map.of()).post("/api/v1/visits/" + visit + "/close").then().statusCode(200);
        as("nurse").analytics().get(q6(patient)).then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("treat"));
        as("doctor").analytics().get(q6(patient)).then().statusCode(200);
    }

    @Test
    @Order(6)
    void aSoftDeletedPatientIsGoneForStaffButNotForAdmins() {
        long patient = createPatient("ACC-D");
        openVisit(patient, departmentOf("doctor"));
        heartRate(patient, 66, 1);
        sync();
        as("doctor").analytics().get(q6(patient)).then().statusCode(200);
        as("admin").records().queryParam("reason", "duplicate record").delete("/api/v1/patients/" + patient)
                .then().statusCode(200);
        as("doctor").analytics().get(q6(patient)).then().statusCode(404).contentType("application/problem+json");
        as("admin").analytics().get(q6(patient)).then().statusCode(200);
    }

    @Test
    @Order(7)
    void patientServiceDownGives503NeverAnAnswerThenRecovers() throws InterruptedException {
        PatientServiceResource.stopPatientService();
        try {
            for (String user : List.of("doctor", "admin")) {
                as(user).analytics().get(q6(patientP)).then().statusCode(503)
                        .contentType("application/problem+json").body("status", equalTo(503))
                        .body("detail", containsString("patient-service"));
                as(user).analytics().get(q6(patientP).replace("/summary?", "/summary/chart?format=svg&")).then()
                        .statusCode(503).contentType("application/problem+json");
            }
            // the role rule needs no peer: an analyst is still refused, not told the peer is down
            as("analyst").analytics().get(q6(patientP)).then().statusCode(403);
        } finally {
            PatientServiceResource.startPatientService();
        }
        // the circuit breaker lets calls through again after its delay
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int status = 0;
        while (System.nanoTime() < deadline && status != 200) {
            status = as("doctor").analytics().get(q6(patientP)).statusCode();
            if (status != 200) {
                Thread.sleep(500);
            }
        }
        assertEquals(200, status, "question 6 answers again once patient-service is back");
    }
}
