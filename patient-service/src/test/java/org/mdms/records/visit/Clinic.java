package org.mdms.records.visit;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.mdms.records.TestUsers;
import org.mdms.records.TestUsers.Account;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/**
 * A small clinic made through the real API for the clinical tests: one of each kind of staff, two patients with
 * sign-in accounts, and helpers that open visits and add drugs. Built once per test JVM.
 */
public final class Clinic {

    private static Clinic instance;

    public final long departmentId;
    public final Account doctor;
    public final Account otherDoctor;
    public final Account nurse;
    public final Account pharmacist;
    public final Account technician;
    public final Account patient;
    public final Account otherPatient;
    public final Account analyst;

    private Clinic() {
        departmentId = TestUsers.departmentId();
        doctor = TestUsers.staff("DOCTOR");
        otherDoctor = TestUsers.staff("DOCTOR");
        nurse = TestUsers.staff("NURSE");
        pharmacist = TestUsers.staff("PHARMACIST");
        technician = TestUsers.staff("TECHNICIAN");
        patient = TestUsers.patient();
        otherPatient = TestUsers.patient();
        analyst = TestUsers.analyst();
    }

    public static synchronized Clinic get() {
        if (instance == null) {
            instance = new Clinic();
        }
        return instance;
    }

    public static String admin() {
        return TestUsers.adminToken();
    }

    public static Map<String, Object> visitBody(long patientId, long doctorId, long departmentId) {
        Map<String, Object> body = new HashMap<>();
        body.put("patientId", patientId);
        body.put("doctorId", doctorId);
        body.put("departmentId", departmentId);
        body.put("type", "OUTPATIENT");
        body.put("startedAt", Instant.now().minus(2, ChronoUnit.HOURS).toString());
        body.put("chiefComplaint", "头痛三天，伴恶心");
        body.put("diagnosis", "偏头痛");
        body.put("diagnosisCode", "G43.9");
        return body;
    }

    /** An OPEN visit of the given patient with the clinic's doctor. */
    public long openVisit(long patientId) {
        Number id = given().auth().oauth2(doctor.token()).contentType(ContentType.JSON)
                .body(visitBody(patientId, doctor.recordId(), departmentId))
                .post("/api/v1/visits").then().statusCode(201).extract().path("id");
        return id.longValue();
    }

    public static Map<String, Object> drugBody(String code, String price) {
        Map<String, Object> body = new HashMap<>();
        body.put("code", code);
        body.put("name", "阿莫西林胶囊");
        body.put("genericName", "Amoxicillin");
        body.put("category", "抗生素");
        body.put("dosageForm", "胶囊");
        body.put("strength", "500mg");
        body.put("unit", "粒");
        body.put("price", new BigDecimal(price));
        body.put("manufacturer", "华北制药");
        return body;
    }

    public static long addDrug(String price) {
        Number id = given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(drugBody(TestUsers.unique("DRG"), price))
                .post("/api/v1/drugs").then().statusCode(201).extract().path("id");
        return id.longValue();
    }

    /** The change events of one entity, read through the feed as an analyst would (admin token). */
    public static List<Map<String, Object>> changesOf(String entityType, long entityId) {
        List<Map<String, Object>> found = new java.util.ArrayList<>();
        long cursor = 0;
        while (true) {
            JsonPath page = given().auth().oauth2(admin()).queryParam("after", cursor).queryParam("limit", 1000)
                    .get("/api/v1/changes").then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> events = page.getList("events");
            for (Map<String, Object> event : events) {
                if (entityType.equals(event.get("entityType"))
                        && ((Number) event.get("entityId")).longValue() == entityId) {
                    found.add(event);
                }
            }
            cursor = page.getLong("nextCursor");
            if (!page.getBoolean("hasMore")) {
                return found;
            }
        }
    }
}
