package org.mdms.records.alert;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.mdms.records.TestUsers;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The alert rules on real readings (sustain, auto-resolve, one open alert, escalation, silent devices). */
@QuarkusTest
class AlertLifecycleTest {

    @Inject
    MovableClock clock;

    @Test
    void spo2BelowNinetyOpensOnlyWhenSustainedThirtySecondsWithoutANormalReadingBetween() {
        Ward ward = new Ward();
        // 20 s below 90: not sustained
        ward.recordJudged("SPO2", 85, 0, "SPO2", 86, 10, "SPO2", 87, 20);
        assertEquals(List.of(), ward.alertsOf("SPO2_LOW"));
        // a normal reading at 25 s starts the run again: 40..60 s is 20 s
        ward.recordJudged("SPO2", 96, 25, "SPO2", 84, 40, "SPO2", 85, 60);
        assertEquals(List.of(), ward.alertsOf("SPO2_LOW"));
        // out of order: a reading measured at 75 s arriving with one at 70 s; 40..75 s is 35 s
        ward.recordJudged("SPO2", 83, 75, "SPO2", 88, 70);
        Map<String, Object> alert = ward.awaitAlert("SPO2_LOW", a -> true);
        assertEquals("HIGH", alert.get("severity"));
        assertEquals("OPEN", alert.get("status"));
        assertEquals(ward.base.plusSeconds(40).toString(), Instant.parse((String) alert.get("breachStartedAt")).toString());
        assertEquals(ward.base.plusSeconds(75).toString(), Instant.parse((String) alert.get("lastBreachAt")).toString());
        assertTrue(((String) alert.get("message")).contains("SPO2 below 90 for 35 s"), alert.toString());
        assertEquals(ward.clinic.departmentId, ((Number) alert.get("departmentId")).longValue());
    }

    @Test
    void aBreachThatGoesOnUpdatesTheOneOpenAlertAndNormalValuesResolveIt() throws Exception {
        Ward ward = new Ward();
        ward.recordJudged("HEART_RATE", 180, 0);
        Map<String, Object> opened = ward.awaitAlert("HEART_RATE_HIGH", a -> true);
        assertEquals("CRITICAL", opened.get("severity"));
        ward.recordJudged("HEART_RATE", 190, 5);
        Map<String, Object> updated = ward.awaitAlert("HEART_RATE_HIGH", a -> ((Number) a.get("breaches")).intValue() == 2);
        assertEquals(opened.get("id"), updated.get("id"));
        assertEquals(190.0f, ((Number) updated.get("lastValue")).floatValue());
        assertEquals(1, ward.alertsOf("HEART_RATE_HIGH").size());
        // the database keeps one unresolved alert per patient and code, whoever writes
        try (var connection = TestUsers.jdbc(); var insert = connection.prepareStatement("""
                INSERT INTO alert (patient_id, rule_id, rule_code, kind, severity, status, message, breach_started_at,
                                   last_breach_at, opened_at, escalate_due_at, updated_at)
                VALUES (?, 1, 'HEART_RATE_HIGH', 'VITAL_SIGN', 'LOW', 'OPEN', 'x', NOW(6), NOW(6), NOW(6), NOW(6),
                        NOW(6))""")) {
            insert.setLong(1, ward.patientId);
            java.sql.SQLException refused = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                    insert::executeUpdate);
            assertTrue(refused.getMessage().contains("uq_alert_open"), refused.getMessage());
        }
        // normal from 10 s: at 40 s that is 30 s, less than the rule's 60 s
        ward.recordJudged("HEART_RATE", 80, 10, "HEART_RATE", 82, 40);
        assertEquals("OPEN", ward.alertsOf("HEART_RATE_HIGH").get(0).get("status"));
        // at 75 s normal for 65 s: resolved by itself
        ward.recordJudged("HEART_RATE", 78, 75);
        Map<String, Object> resolved = ward.awaitAlert("HEART_RATE_HIGH", a -> "RESOLVED".equals(a.get("status")));
        assertEquals("AUTO", resolved.get("resolution"));
        assertEquals("system", resolved.get("resolvedBy"));
        // a new breach after that opens a new alert
        ward.recordJudged("HEART_RATE", 200, 90);
        Map<String, Object> again = ward.awaitAlert("HEART_RATE_HIGH", a -> "OPEN".equals(a.get("status")));
        assertFalse(again.get("id").equals(opened.get("id")));
    }

    @Test
    void patientsOfOneStoredGroupAreJudgedEachOnTheirOwnReadingsRulesAndAlerts() {
        Ward first = new Ward();
        Ward second = new Ward();
        Ward third = new Ward();
        Ward exempt = new Ward();
        Map<String, Object> off = new java.util.HashMap<>(Map.of("code", "HEART_RATE_HIGH", "kind", "VITAL_SIGN",
                "vitalType", "HEART_RATE", "severity", "CRITICAL", "above", 150, "patientId", exempt.patientId,
                "enabled", false));
        given().auth().oauth2(exempt.clinic.doctor.token()).contentType(ContentType.JSON).body(off)
                .post("/api/v1/alert-rules").then().statusCode(201);
        // one batch: the first and third breach, the second is normal, the exempt one's rule is off
        Map<Ward, Object[]> group = new java.util.LinkedHashMap<>();
        group.put(first, new Object[]{"HEART_RATE", 180, 0});
        group.put(second, new Object[]{"HEART_RATE", 80, 0});
        group.put(third, new Object[]{"HEART_RATE", 185, 0});
        group.put(exempt, new Object[]{"HEART_RATE", 190, 0});
        Ward.recordJudgedTogether(group);
        long firstAlert = ((Number) first.awaitAlert("HEART_RATE_HIGH", a -> true).get("id")).longValue();
        long thirdAlert = ((Number) third.awaitAlert("HEART_RATE_HIGH", a -> true).get("id")).longValue();
        assertEquals(List.of(), second.alertsOf("HEART_RATE_HIGH"));
        assertEquals(List.of(), exempt.alertsOf("HEART_RATE_HIGH"));
        // one batch again: the first's breach goes on, the second's starts, the third is normal long enough
        group.put(first, new Object[]{"HEART_RATE", 190, 5});
        group.put(second, new Object[]{"HEART_RATE", 200, 5});
        group.put(third, new Object[]{"HEART_RATE", 80, 10, "HEART_RATE", 78, 75});
        group.put(exempt, new Object[]{"HEART_RATE", 195, 5});
        Ward.recordJudgedTogether(group);
        List<Map<String, Object>> firsts = first.alertsOf("HEART_RATE_HIGH");
        assertEquals(1, firsts.size(), firsts.toString());
        assertEquals(firstAlert, ((Number) firsts.get(0).get("id")).longValue());
        assertEquals("OPEN", firsts.get(0).get("status"));
        assertEquals(2, ((Number) firsts.get(0).get("breaches")).intValue());
        assertEquals(190.0f, ((Number) firsts.get(0).get("lastValue")).floatValue());
        List<Map<String, Object>> seconds = second.alertsOf("HEART_RATE_HIGH");
        assertEquals(1, seconds.size(), seconds.toString());
        assertEquals("OPEN", seconds.get(0).get("status"));
        assertEquals(1, ((Number) seconds.get(0).get("breaches")).intValue());
        assertEquals(200.0f, ((Number) seconds.get(0).get("firstValue")).floatValue());
        List<Map<String, Object>> thirds = third.alertsOf("HEART_RATE_HIGH");
        assertEquals(1, thirds.size(), thirds.toString());
        assertEquals(thirdAlert, ((Number) thirds.get(0).get("id")).longValue());
        assertEquals("RESOLVED", thirds.get(0).get("status"));
        assertEquals("AUTO", thirds.get(0).get("resolution"));
        assertEquals(List.of(), exempt.alertsOf("HEART_RATE_HIGH"));
    }

    @Test
    void anAlertNobodyAcknowledgesInTimeIsEscalatedAnAcknowledgedOneIsNot() {
        Ward late = new Ward();
        Ward seen = new Ward();
        late.recordJudged();
        seen.recordJudged();
        Map<String, Object> taken = seen.awaitAlert("TEMPERATURE_HIGH", a -> true);
        given().auth().oauth2(seen.clinic.nurse.token()).contentType(ContentType.JSON)
                .body(Map.of("note", "cooling started")).post("/api/v1/alerts/" + taken.get("id") + "/acknowledge")
                .then().statusCode(200).body("status", equalTo("ACKNOWLEDGED"));
        assertEquals(false, late.awaitAlert("TEMPERATURE_HIGH", a -> true).get("escalated"));
        clock.advance(Duration.ofSeconds(1801)); // TEMPERATURE_HIGH escalates after 1800 s
        try {
            Map<String, Object> escalated = late.awaitAlert("TEMPERATURE_HIGH", a -> Boolean.TRUE.equals(a.get("escalated")));
            assertEquals("HIGH", escalated.get("severity")); // MEDIUM one step up
            assertTrue(escalated.get("escalatedAt") != null);
        } finally {
            clock.reset();
        }
        Map<String, Object> acknowledged = seen.alertsOf("TEMPERATURE_HIGH").get(0);
        assertEquals(false, acknowledged.get("escalated"));
        assertEquals("MEDIUM", acknowledged.get("severity"));
    }

    @Test
    void anAssignedDeviceThatSendsNothingRaisesDeviceSilentUntilItIsHeardAgain() {
        Ward ward = new Ward();
        String devices = "/api/v1/devices";
        long device = given().auth().oauth2(TestUsers.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("serialNumber", TestUsers.unique("MON"), "type", "BEDSIDE_MONITOR"))
                .post(devices).then().statusCode(201).extract().jsonPath().getLong("id");
        Instant assigned = Instant.now().minus(10, ChronoUnit.MINUTES);
        given().auth().oauth2(TestUsers.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("patientId", ward.patientId, "startedAt", assigned.toString()))
                .post(devices + "/" + device + "/assignments").then().statusCode(201);
        Map<String, Object> silent = ward.awaitAlert("DEVICE_SILENT", a -> "OPEN".equals(a.get("status")));
        assertEquals(device, ((Number) silent.get("deviceId")).longValue());
        assertEquals("DEVICE_SILENT", silent.get("kind"));
        assertTrue(((String) silent.get("message")).contains("expected at least every 120 s"), silent.toString());

        String authorization = given().auth().oauth2(TestUsers.adminToken()).post(devices + "/" + device + "/credentials")
                .then().statusCode(200).extract().path("authorization");
        given().header("Authorization", authorization).contentType(ContentType.JSON)
                .body(List.of(Map.of("type", "SPO2", "value", 97, "measuredAt", Instant.now().minusSeconds(5).toString())))
                .post(devices + "/" + device + "/measurements").then().statusCode(200).body("accepted", equalTo(1));
        Map<String, Object> heard = ward.awaitAlert("DEVICE_SILENT", a -> "RESOLVED".equals(a.get("status")));
        assertEquals("AUTO", heard.get("resolution"));
        assertEquals(1, ward.alertsOf("DEVICE_SILENT").size());
    }

    @Test
    void aDevicesBatchIsJudgedLikeTypedInReadings() {
        Ward ward = new Ward();
        String devices = "/api/v1/devices";
        long device = given().auth().oauth2(TestUsers.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("serialNumber", TestUsers.unique("MON"), "type", "BEDSIDE_MONITOR"))
                .post(devices).then().statusCode(201).extract().jsonPath().getLong("id");
        given().auth().oauth2(TestUsers.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("patientId", ward.patientId, "startedAt", ward.base.minusSeconds(60).toString()))
                .post(devices + "/" + device + "/assignments").then().statusCode(201);
        String authorization = given().auth().oauth2(TestUsers.adminToken()).post(devices + "/" + device + "/credentials")
                .then().statusCode(200).extract().path("authorization");
        given().header("Authorization", authorization).contentType(ContentType.JSON)
                .body(List.of(Map.of("type", "SPO2", "value", 85, "measuredAt", ward.base.toString()),
                        Map.of("type", "SPO2", "value", 86, "measuredAt", ward.base.plusSeconds(30).toString())))
                .post(devices + "/" + device + "/measurements").then().statusCode(200).body("accepted", equalTo(2));
        Map<String, Object> alert = ward.awaitAlert("SPO2_LOW", a -> true);
        assertEquals(86.0f, ((Number) alert.get("lastValue")).floatValue());
    }

    @Test
    void theListFiltersSortsAndRefusesBadParametersByName() {
        Ward ward = new Ward();
        ward.recordJudged("HEART_RATE", 180, 0);
        String admin = TestUsers.adminToken();
        given().auth().oauth2(admin).queryParam("patientId", ward.patientId).queryParam("severity", "CRITICAL")
                .get("/api/v1/alerts").then().statusCode(200).body("totalItems", equalTo(1))
                .body("items[0].ruleCode", equalTo("HEART_RATE_HIGH"));
        given().auth().oauth2(admin).queryParam("patientId", ward.patientId).queryParam("sort", "severity,desc")
                .get("/api/v1/alerts").then().statusCode(200).body("totalItems", equalTo(2))
                .body("items[0].severity", equalTo("CRITICAL")).body("items[1].severity", equalTo("MEDIUM"));
        given().auth().oauth2(admin).queryParam("patientId", ward.patientId).queryParam("status", "RESOLVED")
                .get("/api/v1/alerts").then().statusCode(200).body("totalItems", equalTo(0));
        given().auth().oauth2(admin).queryParam("departmentId", ward.clinic.departmentId)
                .queryParam("from", Instant.now().minus(1, ChronoUnit.HOURS).toString())
                .queryParam("patientId", ward.patientId)
                .get("/api/v1/alerts").then().statusCode(200).body("totalItems", equalTo(2));
        given().auth().oauth2(admin).queryParam("sort", "colour").queryParam("from", "yesterday")
                .get("/api/v1/alerts").then().statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("errors.field", org.hamcrest.Matchers.hasItems("sort", "from"));
        given().auth().oauth2(admin).queryParam("status", "FORGOTTEN").get("/api/v1/alerts").then().statusCode(400)
                .contentType(containsString("application/problem+json"));
        given().auth().oauth2(admin).get("/api/v1/alerts/999999999").then().statusCode(404);
    }
}
