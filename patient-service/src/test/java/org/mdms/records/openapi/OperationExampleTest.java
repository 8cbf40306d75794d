package org.mdms.records.openapi;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.mdms.records.TestUsers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The request examples of the document work: each JSON body example is sent, as admin, in the order a consumer would
 * (hospital, department, user, staff, patient, drug, visit, ...) and must answer 2xx. What an example names is what
 * the examples before it created: its ids (hospitalId, visitId, ...) and the path's {id} are replaced by the records
 * those examples made, nothing else is changed. Three examples name something no example creates, so the test makes
 * it first: the account `doctor` with the demo password (signIn), a refresh token from a real sign-in (refreshTokens,
 * signOut) and a technician's staff record (recordExamination). Admin sends them all but prescribe and
 * cancelPrescription (the visit's doctor: the account createUser's example made, signed in with setUserPassword's),
 * acknowledgeAlert (the same doctor, on the alert a heart rate of 180 opened for the example patient) and
 * breakTheGlass (a doctor outside the care team). seedDemoData's example is sent with 3 patients.
 */
@QuarkusTest
class OperationExampleTest {

    /** The operations with a request example, in the order they are sent, and the record each path {id} names. */
    private static final Map<String, String> ORDER = new LinkedHashMap<>();

    static {
        ORDER.put("registerHospital", null);
        ORDER.put("updateHospital", "hospitalId");
        ORDER.put("createDepartment", null);
        ORDER.put("updateDepartment", "departmentId");
        ORDER.put("createUser", null);
        ORDER.put("updateUser", "userId");
        ORDER.put("setUserPassword", "userId");
        ORDER.put("hireStaff", null);
        ORDER.put("updateStaff", "doctorId");
        ORDER.put("registerPatient", null);
        ORDER.put("updatePatient", "patientId");
        ORDER.put("addDrug", null);
        ORDER.put("updateDrug", "drugId");
        ORDER.put("openVisit", null);
        ORDER.put("updateVisit", "visitId");
        ORDER.put("recordExamination", null);
        ORDER.put("prescribe", null);
        ORDER.put("cancelPrescription", "prescriptionId");
        ORDER.put("recordVitalSign", null);
        ORDER.put("recordVitalSignBatch", null);
        ORDER.put("addAlertRule", null);
        ORDER.put("updateAlertRule", "alertRuleId");
        ORDER.put("acknowledgeAlert", "alertId");
        ORDER.put("registerDevice", null);
        ORDER.put("updateDevice", "deviceId");
        ORDER.put("assignDevice", "deviceId");
        ORDER.put("sendDeviceReadings", "deviceId");
        ORDER.put("closeVisit", "visitId");
        ORDER.put("breakTheGlass", "patientId");
        ORDER.put("signIn", null);
        ORDER.put("refreshTokens", null);
        ORDER.put("signOut", null);
        ORDER.put("seedDemoData", null);
    }

    /** The id each create's answer stands for in the examples after it. */
    private static final Map<String, String> CREATES = Map.of("registerHospital", "hospitalId",
            "createDepartment", "departmentId", "createUser", "userId", "hireStaff", "doctorId",
            "registerPatient", "patientId", "addDrug", "drugId", "openVisit", "visitId",
            "prescribe", "prescriptionId", "registerDevice", "deviceId", "addAlertRule", "alertRuleId");

    record Example(String method, String path, Object body) {
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Example> requestExamples() {
        JsonPath doc = JsonPath.from(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().asString());
        Map<String, Example> all = new HashMap<>();
        Map<String, Map<String, Object>> paths = doc.getMap("paths");
        paths.forEach((path, item) -> item.forEach((method, value) -> {
            if (value instanceof Map<?, ?> op && op.get("requestBody") instanceof Map<?, ?> body
                    && ((Map<String, Object>) body.get("content")).get("application/json") instanceof Map<?, ?> media) {
                all.put((String) op.get("operationId"), new Example(method.toUpperCase(), path, media.get("example")));
            }
        }));
        return all;
    }

    @Test
    void everyRequestExampleWorksOnceWhatItNamesExists() {
        Map<String, Example> examples = requestExamples();
        assertEquals(new TreeSet<>(ORDER.keySet()), new TreeSet<>(examples.keySet()),
                "every operation with a request example is sent, in ORDER");

        String admin = TestUsers.adminToken();
        Map<String, Object> ids = new HashMap<>();
        List<String> failed = new ArrayList<>();
        for (Map.Entry<String, String> step : ORDER.entrySet()) {
            String id = step.getKey();
            Example example = examples.get(id);
            Object body = deepCopy(example.body());
            String token = admin;
            switch (id) {
                case "registerPatient", "updatePatient" -> ids.put("userId", ids.computeIfAbsent("patientUserId",
                        k -> TestUsers.createUser("PATIENT", TestUsers.unique("patient"))));
                case "recordExamination" -> ids.put("technicianId", TestUsers.staff("TECHNICIAN",
                        ((Number) ids.get("departmentId")).longValue()).recordId());
                case "prescribe", "cancelPrescription" -> token = exampleDoctor(examples);
                case "breakTheGlass" -> token = TestUsers.staff("DOCTOR").token();
                // the visit's doctor acknowledges an alert the patient's heart rate opened
                case "acknowledgeAlert" -> {
                    ids.put("alertId", openAlert(((Number) ids.get("patientId")).longValue()));
                    token = exampleDoctor(examples);
                }
                case "signIn" -> ensureAccount((Map<String, Object>) body);
                case "refreshTokens", "signOut" -> ((Map<String, Object>) body).put("refresh_token", refreshToken());
                case "seedDemoData" -> ((Map<String, Object>) body).put("patients", 3);
                // the device sends its readings with its own credential, measured a minute ago (inside the window)
                case "sendDeviceReadings" -> body = ((List<Map<String, Object>>) body).stream()
                        .map(reading -> withMeasuredAt(reading, java.time.Instant.now().minusSeconds(60))).toList();
                default -> {
                }
            }
            if (Set.of("hireStaff", "updateStaff").contains(id)) {
                ids.put("userId", ids.get("doctorUserId"));
            }
            body = withIds(body, ids);
            String path = example.path();
            if (step.getValue() != null) {
                path = path.replace("{id}", String.valueOf(ids.get(step.getValue())));
            }
            var request = given().contentType(ContentType.JSON).body(body);
            request = id.equals("sendDeviceReadings")
                    ? request.header("Authorization", deviceCredential(path.split("/")[4]))
                    : request.auth().oauth2(token);
            Response answer = request.request(example.method(), path);
            if (answer.statusCode() / 100 != 2) {
                failed.add(id + " " + example.method() + " " + path + " " + body + " answered " + answer.statusCode()
                        + " " + answer.asString());
                continue;
            }
            if (CREATES.containsKey(id)) {
                ids.put(CREATES.get(id), answer.jsonPath().get("id"));
            }
            if (id.equals("createUser")) {
                ids.put("doctorUserId", answer.jsonPath().get("id"));
            }
        }
        assertEquals(List.of(), failed);
    }

    /** The example's ids (at any depth: items[].drugId, readings[].visitId) replaced by the records made before. */
    @SuppressWarnings("unchecked")
    private static Object withIds(Object value, Map<String, Object> ids) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            ((Map<String, Object>) map).forEach((key, field) -> copy.put(key,
                    key.endsWith("Id") && ids.containsKey(key) ? ids.get(key) : withIds(field, ids)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(item -> withIds(item, ids)).toList();
        }
        return value;
    }

    private static Map<String, Object> withMeasuredAt(Map<String, Object> reading, java.time.Instant at) {
        Map<String, Object> copy = new LinkedHashMap<>(reading);
        copy.put("measuredAt", at.toString());
        return copy;
    }

    /** What the device of the examples sends: the credential issued to it now. */
    private static String deviceCredential(String deviceId) {
        return given().auth().oauth2(TestUsers.adminToken()).post("/api/v1/devices/" + deviceId + "/credentials")
                .then().statusCode(200).extract().path("authorization");
    }

    /** A HEART_RATE of 180 opens HEART_RATE_HIGH (no sustain time): its id once the alert is there. */
    private static long openAlert(long patientId) {
        given().auth().oauth2(TestUsers.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("patientId", patientId, "type", "HEART_RATE", "value", 180,
                        "measuredAt", java.time.Instant.now().minusSeconds(10).toString()))
                .post("/api/v1/vital-signs").then().statusCode(201);
        for (int i = 0; i < 150; i++) {
            List<Map<String, Object>> open = given().auth().oauth2(TestUsers.adminToken())
                    .queryParam("patientId", patientId).queryParam("status", "OPEN").get("/api/v1/alerts")
                    .then().statusCode(200).extract().jsonPath().getList("items");
            for (Map<String, Object> alert : open) {
                if ("HEART_RATE_HIGH".equals(alert.get("ruleCode"))) {
                    return ((Number) alert.get("id")).longValue();
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no HEART_RATE_HIGH alert of patient " + patientId + " within 15 s");
    }

    private static Object deepCopy(Object value) {
        return withIds(value, Map.of());
    }

    /** The account signIn's example names, with the example's password, unless it exists. */
    private static void ensureAccount(Map<String, Object> credentials) {
        Response login = given().contentType(ContentType.JSON).body(credentials).post("/api/v1/auth/login");
        if (login.statusCode() != 200) {
            given().auth().oauth2(TestUsers.adminToken()).contentType(ContentType.JSON)
                    .body(Map.of("username", credentials.get("username"), "password", credentials.get("password"),
                            "role", "DOCTOR", "displayName", "示例医生"))
                    .post("/api/v1/users").then().statusCode(201);
        }
    }

    /** The visit's doctor prescribes: the account createUser's example made, with setUserPassword's password. */
    @SuppressWarnings("unchecked")
    private static String exampleDoctor(Map<String, Example> examples) {
        String username = (String) ((Map<String, Object>) examples.get("createUser").body()).get("username");
        String password = (String) ((Map<String, Object>) examples.get("setUserPassword").body()).get("password");
        return TestUsers.login(username, password);
    }

    private static String refreshToken() {
        TestUsers.Account doctor = TestUsers.staff("DOCTOR");
        return given().contentType(ContentType.JSON)
                .body(Map.of("username", doctor.username(), "password", TestUsers.PASSWORD))
                .post("/api/v1/auth/login").then().statusCode(200).extract().path("refresh_token");
    }
}
