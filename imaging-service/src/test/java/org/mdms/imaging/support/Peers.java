package org.mdms.imaging.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import org.mdms.local.testing.PatientServiceResource;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static io.restassured.RestAssured.given;

/**
 * The real patient-service's demo accounts and a little data made through its API: tokens per role, the demo
 * patient P (the "patient" account), a second patient Q, and a visit of P with the demo doctor (so the doctor
 * treats P and not Q).
 */
public final class Peers {

    public static final String PASSWORD = "mdms-demo";
    private static final ObjectMapper JSON = new ObjectMapper();
    private record Token(String value, long at) {
    }

    private static final Map<String, Token> TOKENS = new ConcurrentHashMap<>();
    private static Long otherPatient;
    private static Long visitOfP;
    private static boolean careTeam;

    private Peers() {
    }

    public static String url() {
        return PatientServiceResource.baseUrl();
    }

    /** A token per demo account, signed in again after 10 minutes (access tokens live 15). */
    public static synchronized String token(String user) {
        Token known = TOKENS.get(user);
        if (known == null || System.nanoTime() - known.at() > java.util.concurrent.TimeUnit.MINUTES.toNanos(10)) {
            known = new Token(login(user, PASSWORD).path("access_token"), System.nanoTime());
            TOKENS.put(user, known);
        }
        return known.value();
    }

    /** Signs in to patient-service; the answer carries access_token and refresh_token. */
    public static io.restassured.response.Response login(String user, String password) {
        io.restassured.response.Response response = given().baseUri(url()).contentType(ContentType.JSON)
                .body(Map.of("username", user, "password", password)).post("/api/v1/auth/login");
        response.then().statusCode(200);
        return response;
    }

    public static String bearer(String user) {
        return "Bearer " + token(user);
    }

    public static JsonNode claims(String user) {
        try {
            String payload = token(user).split("\\.")[1];
            return JSON.readTree(Base64.getUrlDecoder().decode(payload));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** P: the patient record of the demo "patient" account. */
    public static long patientP() {
        return claims("patient").get("patient_id").asLong();
    }

    public static long staffId(String user) {
        return claims(user).get("staff_id").asLong();
    }

    /** Q: another patient, created through patient-service's API. */
    public static synchronized long patientQ() {
        if (otherPatient == null) {
            Number id = given().baseUri(url()).header("Authorization", bearer("admin")).contentType(ContentType.JSON)
                    .body(Map.of("mrn", "MRN-IMG-" + System.nanoTime(), "name", "李四影像", "gender", "FEMALE",
                            "birthDate", "1975-03-02"))
                    .post("/api/v1/patients").then().statusCode(201).extract().path("id");
            otherPatient = id.longValue();
        }
        return otherPatient;
    }

    /** A patient created and then soft-deleted through patient-service's API. */
    public static long deletedPatient() {
        Number id = given().baseUri(url()).header("Authorization", bearer("admin")).contentType(ContentType.JSON)
                .body(Map.of("mrn", "MRN-DEL-" + System.nanoTime(), "name", "王五已删", "gender", "MALE",
                        "birthDate", "1960-07-08"))
                .post("/api/v1/patients").then().statusCode(201).extract().path("id");
        given().baseUri(url()).header("Authorization", bearer("admin")).queryParam("reason", "duplicate record")
                .delete("/api/v1/patients/" + id).then().statusCode(200);
        return id.longValue();
    }

    /** A visit of P with the demo doctor: makes the doctor one of P's treating staff. */
    public static synchronized long visitOfP() {
        if (visitOfP == null) {
            long doctor = staffId("doctor");
            Number department = given().baseUri(url()).header("Authorization", bearer("admin"))
                    .get("/api/v1/staff/" + doctor).then().statusCode(200).extract().path("departmentId");
            Number id = given().baseUri(url()).header("Authorization", bearer("doctor")).contentType(ContentType.JSON)
                    .body(Map.of("patientId", patientP(), "doctorId", doctor, "departmentId", department.longValue(),
                            "type", "OUTPATIENT", "startedAt", Instant.now().minus(1, ChronoUnit.HOURS).toString(),
                            "chiefComplaint", "胸闷"))
                    .post("/api/v1/visits").then().statusCode(201).extract().path("id");
            visitOfP = id.longValue();
        }
        return visitOfP;
    }

    /**
     * Makes every demo staff member treat P through real records in patient-service: the doctor's visit, an open
     * visit in the nurse's department, an examination by the technician, and a prescription for the pharmacy.
     */
    public static synchronized void careTeamOfP() {
        if (careTeam) {
            return;
        }
        long visit = visitOfP();
        Number nurseDepartment = given().baseUri(url()).header("Authorization", bearer("admin"))
                .get("/api/v1/staff/" + staffId("nurse")).then().statusCode(200).extract().path("departmentId");
        given().baseUri(url()).header("Authorization", bearer("admin")).contentType(ContentType.JSON)
                .body(Map.of("patientId", patientP(), "doctorId", staffId("doctor"), "departmentId",
                        nurseDepartment.longValue(), "type", "INPATIENT", "startedAt",
                        Instant.now().minus(1, ChronoUnit.HOURS).toString(), "chiefComplaint", "胸闷"))
                .post("/api/v1/visits").then().statusCode(201);
        given().baseUri(url()).header("Authorization", bearer("admin")).contentType(ContentType.JSON)
                .body(Map.of("visitId", visit, "technicianId", staffId("technician"), "item", "胸部X光",
                        "result", "未见异常", "performedAt", Instant.now().minus(30, ChronoUnit.MINUTES).toString()))
                .post("/api/v1/examinations").then().statusCode(201);
        Number drug = given().baseUri(url()).header("Authorization", bearer("admin")).contentType(ContentType.JSON)
                .body(Map.of("code", "IMG-" + System.nanoTime(), "name", "阿司匹林肠溶片", "category", "抗血小板",
                        "dosageForm", "片剂", "strength", "100mg", "unit", "片", "price", 12.5))
                .post("/api/v1/drugs").then().statusCode(201).extract().path("id");
        given().baseUri(url()).header("Authorization", bearer("doctor")).contentType(ContentType.JSON)
                .body(Map.of("visitId", visit, "items", java.util.List.of(Map.of("drugId", drug, "quantity", 1,
                        "dosage", "每次1片", "frequency", "每日1次", "days", 7))))
                .post("/api/v1/prescriptions").then().statusCode(201);
        careTeam = true;
    }

    /** How patient-service itself says {@code user} relates to {@code patientId}. */
    public static String relation(String user, long patientId) {
        return given().baseUri(url()).header("Authorization", bearer(user))
                .get("/api/v1/patients/" + patientId + "/access").then().statusCode(200).extract().path("relation");
    }
}
