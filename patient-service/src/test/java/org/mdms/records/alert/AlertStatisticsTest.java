package org.mdms.records.alert;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.mdms.records.TestUsers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * GET /api/v1/alerts/statistics on alerts planted in a department of their own, with known times to acknowledge
 * (10, 20, 30, 40, 100 s) and to resolve (60, 120, 600 s): nearest rank gives p95 = 100 s where interpolation would
 * give 88 s. Who may see which department, and bad parameters.
 */
@QuarkusTest
class AlertStatisticsTest {

    private static long department;
    private static long otherDepartment;
    private static long patientId;
    private static final Instant OPENED = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

    private static long department(String name) {
        Number hospital = given().auth().oauth2(TestUsers.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("code", TestUsers.unique("H"), "name", "统计医院"))
                .post("/api/v1/hospitals").then().statusCode(201).extract().path("id");
        Number id = given().auth().oauth2(TestUsers.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("hospitalId", hospital, "code", TestUsers.unique("D"), "name", name))
                .post("/api/v1/departments").then().statusCode(201).extract().path("id");
        return id.longValue();
    }

    /** One alert, opened at {@code opened}; null seconds: that step was not reached. */
    private static void plant(Connection connection, String code, String severity, String status, Instant opened,
                              Integer acknowledgedAfter, Integer resolvedAfter) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO alert (patient_id, department_id, rule_id, rule_code, kind, vital_type, severity, status,
                                   message, breach_started_at, last_breach_at, opened_at, escalate_due_at,
                                   acknowledged_at, acknowledged_by, resolved_at, resolved_by, resolution, updated_at)
                VALUES (?, ?, 1, ?, 'VITAL_SIGN', 'SPO2', ?, ?, 'planted', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setLong(1, patientId);
            insert.setLong(2, department);
            insert.setString(3, code);
            insert.setString(4, severity);
            insert.setString(5, status);
            insert.setObject(6, utc(opened));
            insert.setObject(7, utc(opened));
            insert.setObject(8, utc(opened));
            insert.setObject(9, utc(opened.plusSeconds(300)));
            insert.setObject(10, acknowledgedAfter == null ? null : utc(opened.plusSeconds(acknowledgedAfter)));
            insert.setString(11, acknowledgedAfter == null ? null : "planted-nurse");
            insert.setObject(12, resolvedAfter == null ? null : utc(opened.plusSeconds(resolvedAfter)));
            insert.setString(13, resolvedAfter == null ? null : "planted-doctor");
            insert.setString(14, resolvedAfter == null ? null : "MANUAL");
            insert.setObject(15, utc(opened));
            insert.executeUpdate();
        }
    }

    /** DATETIME(6) holds UTC wall-clock times (a LocalDateTime is stored as it is, no zone conversion). */
    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** Once per class, from the first test (the application and its port are up by then). */
    private static synchronized void plantAlerts() throws SQLException {
        if (department != 0) {
            return;
        }
        department = department("统计科");
        otherDepartment = department("别的科");
        patientId = TestUsers.patient().recordId();
        try (Connection connection = TestUsers.jdbc()) {
            plant(connection, "P_ACK_10", "HIGH", "RESOLVED", OPENED, 10, 60);
            plant(connection, "P_ACK_20", "HIGH", "RESOLVED", OPENED, 20, 120);
            plant(connection, "P_ACK_30", "CRITICAL", "RESOLVED", OPENED, 30, 600);
            plant(connection, "P_ACK_40", "MEDIUM", "ACKNOWLEDGED", OPENED, 40, null);
            plant(connection, "P_ACK_100", "HIGH", "ACKNOWLEDGED", OPENED, 100, null);
            plant(connection, "P_OPEN", "LOW", "OPEN", OPENED, null, null);
            // ten days ago: outside a window of the last day
            plant(connection, "P_OLD", "CRITICAL", "RESOLVED", OPENED.minus(10, ChronoUnit.DAYS), 5000, 9000);
        }
    }

    private static JsonPath statistics(String token, Object... query) {
        var request = given().auth().oauth2(token);
        for (int i = 0; i + 1 < query.length; i += 2) {
            request = request.queryParam((String) query[i], query[i + 1]);
        }
        return request.get("/api/v1/alerts/statistics").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void countsAndNearestRankPercentilesOverTheWindow() throws SQLException {
        plantAlerts();
        JsonPath stats = statistics(TestUsers.adminToken(), "departmentId", department, "from",
                Instant.now().minus(1, ChronoUnit.DAYS).toString());
        assertEquals("nearest-rank", stats.getString("percentile"));
        assertEquals(1, stats.getList("departments").size());
        Map<String, Object> d = stats.getMap("departments[0]");
        assertEquals((int) department, d.get("departmentId"));
        assertEquals("统计科", d.get("departmentName"));
        assertEquals(6, d.get("total"));
        assertEquals(Map.of("LOW", 1, "MEDIUM", 1, "HIGH", 3, "CRITICAL", 1), d.get("bySeverity"));
        assertEquals(Map.of("OPEN", 1, "ACKNOWLEDGED", 2, "RESOLVED", 3), d.get("byStatus"));
        // 10, 20, 30, 40, 100: p50 = rank ceil(2.5) = 3rd; p95 = rank ceil(4.75) = 5th (interpolated: 88)
        assertEquals(5, stats.getInt("departments[0].timeToAcknowledge.count"));
        assertEquals(30.0f, stats.getFloat("departments[0].timeToAcknowledge.p50Seconds"));
        assertEquals(100.0f, stats.getFloat("departments[0].timeToAcknowledge.p95Seconds"));
        assertEquals(100.0f, stats.getFloat("departments[0].timeToAcknowledge.maxSeconds"));
        // 60, 120, 600: p50 = rank 2, p95 = rank 3
        assertEquals(3, stats.getInt("departments[0].timeToResolve.count"));
        assertEquals(120.0f, stats.getFloat("departments[0].timeToResolve.p50Seconds"));
        assertEquals(600.0f, stats.getFloat("departments[0].timeToResolve.p95Seconds"));

        // without a window the old alert counts too
        JsonPath always = statistics(TestUsers.adminToken(), "departmentId", department);
        assertEquals(7, always.getInt("departments[0].total"));
        assertEquals(6, always.getInt("departments[0].timeToAcknowledge.count"));
        assertEquals(5000.0f, always.getFloat("departments[0].timeToAcknowledge.maxSeconds"));
        // a department without alerts: zero counts, no times
        JsonPath empty = statistics(TestUsers.adminToken(), "departmentId", otherDepartment);
        assertEquals(0, empty.getInt("departments[0].total"));
        assertEquals(0, empty.getInt("departments[0].bySeverity.HIGH"));
        assertEquals(0, empty.getInt("departments[0].timeToAcknowledge.count"));
        given().auth().oauth2(TestUsers.adminToken()).queryParam("departmentId", otherDepartment)
                .get("/api/v1/alerts/statistics").then().body("departments[0].timeToAcknowledge.p50Seconds",
                        nullValue());
        // every department for an admin: this one among them
        given().auth().oauth2(TestUsers.adminToken()).get("/api/v1/alerts/statistics").then().statusCode(200)
                .body("departments.departmentId", hasItem((int) department));
    }

    @Test
    void theDepartmentsDoctorsAndNursesSeeTheirOwnAnalystsAndAdminsAllOthersNone() throws SQLException {
        plantAlerts();
        String nurse = TestUsers.staff("NURSE", department).token();
        String doctor = TestUsers.staff("DOCTOR", department).token();
        String strangerNurse = TestUsers.staff("NURSE", otherDepartment).token();

        // without departmentId: their own department
        JsonPath own = statistics(nurse);
        assertEquals(List.of((int) department), own.getList("departments.departmentId"));
        assertEquals(7, own.getInt("departments[0].total"));
        statistics(doctor, "departmentId", department);
        given().auth().oauth2(strangerNurse).queryParam("departmentId", department)
                .get("/api/v1/alerts/statistics").then().statusCode(403)
                .contentType(containsString("application/problem+json"));
        assertEquals(0, statistics(strangerNurse).getInt("departments[0].total"));
        statistics(TestUsers.analyst().token(), "departmentId", department);
        given().auth().oauth2(TestUsers.staff("TECHNICIAN", department).token()).get("/api/v1/alerts/statistics")
                .then().statusCode(403);
        given().auth().oauth2(TestUsers.staff("PHARMACIST", department).token()).get("/api/v1/alerts/statistics")
                .then().statusCode(403);
        given().auth().oauth2(TestUsers.patient().token()).get("/api/v1/alerts/statistics").then().statusCode(403);
        given().get("/api/v1/alerts/statistics").then().statusCode(401);
    }

    @Test
    void badParametersAreProblemsNamingThem() {
        given().auth().oauth2(TestUsers.adminToken()).queryParam("from", "2026-13-01")
                .get("/api/v1/alerts/statistics").then().statusCode(400)
                .contentType(containsString("application/problem+json")).body("errors.field", hasItem("from"));
        given().auth().oauth2(TestUsers.adminToken()).queryParam("from", "2026-03-02").queryParam("to", "2026-03-01")
                .get("/api/v1/alerts/statistics").then().statusCode(400).body("errors[0].field", equalTo("to"));
        given().auth().oauth2(TestUsers.adminToken()).queryParam("departmentId", "cardiology")
                .get("/api/v1/alerts/statistics").then().statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("errors.field", hasItem("departmentId"));
    }
}
