package org.mdms.records.console;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.mdms.records.TestUsers;
import org.mdms.records.TestUsers.Account;
import org.mdms.records.visit.Clinic;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ward view and the alert inbox through HTTP as a browser uses them (session cookie, CSRF double submit): who
 * may open them, the ward's patients and their open alerts, acknowledging and resolving through the forms as the
 * API then sees it, CSRF refusals and typed text escaped.
 */
@QuarkusTest
class WardPagesTest {

    /** As ConsoleFilter makes them: 43 characters. */
    private static final String CSRF = "ward-pages-test-csrf-token-0123456789abcdef";
    private static final String HOSTILE = "<img src=x onerror=alert(5)>";
    private static final String ESCAPED = "&lt;img src=x onerror=alert(5)&gt;";

    private static RequestSpecification as(Account account) {
        return as(account.token());
    }

    private static RequestSpecification as(String token) {
        return given().redirects().follow(false).cookie("mdms_session", token).cookie("mdms_csrf", CSRF);
    }

    private static Response post(Account account, String path, Map<String, ?> form) {
        Map<String, Object> fields = new HashMap<>(form);
        fields.putIfAbsent("csrf", CSRF);
        return as(account).contentType(ContentType.URLENC.withCharset("UTF-8")).formParams(fields).post(path);
    }

    private static long otherDepartment() {
        Number hospital = given().auth().oauth2(TestUsers.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("code", TestUsers.unique("H"), "name", "第二医院"))
                .post("/api/v1/hospitals").then().statusCode(201).extract().path("id");
        Number department = given().auth().oauth2(TestUsers.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("hospitalId", hospital, "code", TestUsers.unique("D"), "name", "外科"))
                .post("/api/v1/departments").then().statusCode(201).extract().path("id");
        return department.longValue();
    }

    @Test
    void theWardViewIsForTheDepartmentsDoctorsNursesAndAdmins() {
        WardFixture ward = new WardFixture(HOSTILE);
        ward.record("HEART_RATE", 180, Instant.now().minus(1, ChronoUnit.MINUTES));
        long alertId = ward.awaitOpenAlert("HEART_RATE_HIGH");
        long department = ward.clinic.departmentId;
        String path = "/ui/wards/" + department;

        as(ward.clinic.nurse).get("/ui/wards").then().statusCode(303).header("Location", endsWith(path));
        String page = as(ward.clinic.nurse).get(path).then().statusCode(200).extract().asString();
        assertTrue(page.contains("id=\"bed-" + ward.patientId + "\""), "the ward's patient has a row");
        assertTrue(page.contains(ESCAPED) && !page.contains(HOSTILE), "the patient's name is text");
        assertTrue(page.contains("id=\"ward-alert-" + alertId + "\""), "with the open alert");
        assertTrue(page.contains("data-department=\"" + department + "\""), "the stream the page listens to");
        assertTrue(Pattern.compile("<script src=\"/ui/assets/ward.js\\?v=[0-9a-f]{12}\" defer></script>").matcher(page).find(),
                "an external script, versioned");
        as(ward.clinic.doctor).get(path).then().statusCode(200);
        as(TestUsers.adminToken()).get(path).then().statusCode(200);
        assertTrue(as(TestUsers.adminToken()).get("/ui/wards").then().statusCode(200).extract().asString()
                .contains("href=\"" + path + "\""), "admins choose the department");

        Account stranger = TestUsers.staff("NURSE", otherDepartment());
        as(stranger).get(path).then().statusCode(403).contentType(containsString("text/html"));
        as(ward.clinic.technician).get(path).then().statusCode(403);
        as(ward.clinic.pharmacist).get(path).then().statusCode(403);
        as(ward.clinic.patient).get(path).then().statusCode(403);
        as(TestUsers.adminToken()).get("/ui/wards/999999999").then().statusCode(404);
        given().redirects().follow(false).get(path).then().statusCode(303)
                .header("Location", containsString("/ui/sign-in"));

        String nurseHome = as(ward.clinic.nurse).get("/ui/home").asString();
        assertTrue(nurseHome.contains("id=\"nav-ward\"") && nurseHome.contains("id=\"nav-alerts\""));
        String pharmacistHome = as(ward.clinic.pharmacist).get("/ui/home").asString();
        assertFalse(pharmacistHome.contains("id=\"nav-ward\"") || pharmacistHome.contains("id=\"nav-alerts\""));
    }

    @Test
    void acknowledgeAndResolveThroughTheFormsChangeTheAlertAsTheApiSeesIt() {
        WardFixture ward = new WardFixture("警报 患者");
        ward.record("HEART_RATE", 182, Instant.now().minus(1, ChronoUnit.MINUTES));
        long id = ward.awaitOpenAlert("HEART_RATE_HIGH");
        Account nurse = ward.clinic.nurse;

        String inbox = as(nurse).get("/ui/alerts").then().statusCode(200).extract().asString();
        assertTrue(inbox.contains("id=\"alert-" + id + "\""), "the open alert is in the inbox");
        assertTrue(inbox.contains("id=\"acknowledge-" + id + "\""), "with its acknowledge form");
        assertTrue(inbox.contains("警报 患者"), "and the patient's name");
        assertTrue(inbox.contains("id=\"statistics-" + ward.clinic.departmentId + "\""),
                "the department's statistics");

        // another site's form (no token, or one that is not the browser's) changes nothing
        String acknowledge = "/ui/alerts/" + id + "/acknowledge";
        post(nurse, acknowledge, Map.of("note", "x", "csrf", "")).then().statusCode(403)
                .contentType(containsString("text/html"));
        post(nurse, acknowledge, Map.of("note", "x", "csrf", "forged-token-forged-token-forged-token-0000"))
                .then().statusCode(403);
        assertEquals("OPEN", WardFixture.alert(id).get("status"));
        post(ward.clinic.technician, acknowledge, Map.of("note", "x")).then().statusCode(403);
        assertEquals("OPEN", WardFixture.alert(id).get("status"));
        post(nurse, acknowledge, Map.of("note", "x".repeat(501))).then().statusCode(400)
                .body(containsString("note"));

        String note = "<b onmouseover=alert(6)>电极已重新贴好</b>";
        post(nurse, acknowledge, Map.of("note", note)).then().statusCode(303)
                .header("Location", endsWith("/ui/alerts?acknowledged=" + id));
        Map<String, Object> acknowledged = WardFixture.alert(id);
        assertEquals("ACKNOWLEDGED", acknowledged.get("status"));
        assertEquals(note, acknowledged.get("acknowledgeNote"));
        assertEquals(nurse.username(), acknowledged.get("acknowledgedBy"));
        String after = as(nurse).get("/ui/alerts?acknowledged=" + id).then().statusCode(200).extract().asString();
        assertTrue(after.contains("id=\"alerts-notice\""), "a notice says so");
        assertTrue(after.contains("&lt;b onmouseover=alert(6)&gt;") && !after.contains(note), "the note is text");
        assertFalse(after.contains("id=\"acknowledge-" + id + "\""), "no second acknowledgement offered");
        post(ward.clinic.doctor, acknowledge, Map.of("note", "again")).then().statusCode(409);

        post(ward.clinic.doctor, "/ui/alerts/" + id + "/resolve", Map.of()).then().statusCode(303)
                .header("Location", endsWith("/ui/alerts?resolved=" + id));
        Map<String, Object> resolved = WardFixture.alert(id);
        assertEquals("RESOLVED", resolved.get("status"));
        assertEquals("MANUAL", resolved.get("resolution"));
        assertEquals(ward.clinic.doctor.username(), resolved.get("resolvedBy"));
        assertFalse(as(nurse).get("/ui/alerts").asString().contains("id=\"alert-" + id + "\""),
                "a resolved alert leaves the inbox");
    }

    @Test
    void theInboxIsForDoctorsNursesAndAdminsInBothLanguages() {
        Clinic clinic = Clinic.get();
        String admin = as(TestUsers.adminToken()).get("/ui/alerts").then().statusCode(200).extract().asString();
        assertTrue(admin.contains("<h1>警报</h1>"), "Chinese by default");
        assertFalse(admin.contains("class=\"acknowledge-form\""), "admins read, the care team acknowledges");
        assertTrue(as(clinic.doctor).get("/ui/alerts?lang=en").then().statusCode(200).extract().asString()
                .contains("<h1>Alerts</h1>"));
        as(clinic.technician).get("/ui/alerts").then().statusCode(403);
        as(clinic.pharmacist).get("/ui/alerts").then().statusCode(403);
        as(clinic.patient).get("/ui/alerts").then().statusCode(403);
        as(clinic.analyst).get("/ui/alerts").then().statusCode(403);
    }
}
