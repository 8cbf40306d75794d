package org.mdms.records.console;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.mdms.records.TestUsers;
import org.mdms.records.visit.Clinic;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The admin's console pages through HTTP: accounts, audit search, a patient's delete and restore, who opened a chart. */
@QuarkusTest
class AdminPagesTest {

    /** As a browser posts a form: UTF-8, no charset parameter (RestAssured's default would be ISO-8859-1). */
    private static final RestAssuredConfig BROWSER_FORMS = RestAssuredConfig.config().encoderConfig(EncoderConfig
            .encoderConfig().defaultContentCharset("UTF-8").appendDefaultContentCharsetToContentTypeIfUndefined(false));

    private static String adminSession() {
        TestUsers.adminToken(); // makes sure test-admin exists
        return ConsoleSignIn.session("test-admin", TestUsers.PASSWORD);
    }

    /** A form post from a browser: its CSRF cookie and the same token in the form. */
    private static Response post(String session, String path, Map<String, String> fields) {
        ConsoleSignIn.Form form = ConsoleSignIn.form();
        return given().config(BROWSER_FORMS).redirects().follow(false).cookie("mdms_session", session)
                .cookie("mdms_csrf", form.csrfCookie()).formParam("csrf", form.csrfField())
                .formParams(fields).post(path);
    }

    private static long newPatient(String name) {
        Number id = given().auth().oauth2(TestUsers.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("mrn", TestUsers.unique("MRN"), "name", name, "gender", "MALE",
                        "birthDate", "1975-06-01"))
                .post("/api/v1/patients").then().statusCode(201).extract().path("id");
        return id.longValue();
    }

    @Test
    void onlyAdminsReachTheAdminPages() {
        Clinic clinic = Clinic.get();
        String doctor = ConsoleSignIn.session(clinic.doctor.username(), TestUsers.PASSWORD);
        String patient = ConsoleSignIn.session(clinic.patient.username(), TestUsers.PASSWORD);
        for (String path : List.of("/ui/admin/users", "/ui/admin/audit",
                "/ui/admin/patients/" + clinic.patient.recordId())) {
            given().redirects().follow(false).cookie("mdms_session", doctor).get(path).then().statusCode(403)
                    .contentType(containsString("text/html")).body(containsString("id=\"error-title\""));
            given().redirects().follow(false).cookie("mdms_session", patient).get(path).then().statusCode(403)
                    .body(not(containsString("opened-by")));
            given().redirects().follow(false).get(path).then().statusCode(303)
                    .header("Location", containsString("/ui/sign-in"));
        }
        post(doctor, "/ui/admin/patients/" + clinic.otherPatient.recordId() + "/delete", Map.of("reason", "test"))
                .then().statusCode(403);
        given().auth().oauth2(TestUsers.adminToken()).get("/api/v1/patients/" + clinic.otherPatient.recordId())
                .then().statusCode(200).body("deleted", equalTo(false));
        // the admin's link is in the navigation for admins only
        given().cookie("mdms_session", doctor).get("/ui/home").then().body(not(containsString("id=\"nav-admin\"")));
        given().cookie("mdms_session", adminSession()).get("/ui/home").then().body(containsString("id=\"nav-admin\""));
    }

    @Test
    void anAdminCreatesAUserWithTheApisRulesAndTheErrorsBesideTheFields() {
        String admin = adminSession();
        post(admin, "/ui/admin/users", Map.of("username", " ", "password", "short", "role", "", "displayName", ""))
                .then().statusCode(400).contentType(containsString("text/html"))
                .body(containsString("id=\"nu-username-error\""), containsString("id=\"nu-password-error\""),
                        containsString("id=\"nu-role-error\""), containsString("id=\"nu-displayName-error\""))
                .body(containsString("此项必填"), containsString("长度须在 8 到 200 个字符之间"));
        post(admin, "/ui/admin/users", Map.of("username", "bad name", "password", "long-enough-1", "role", "WIZARD",
                "displayName", "x")).then().statusCode(400)
                .body(containsString("id=\"nu-username-error\""), containsString("id=\"nu-role-error\""));

        String username = TestUsers.unique("clerk");
        Response created = post(admin, "/ui/admin/users", Map.of("username", username, "password", "long-enough-1",
                "role", "NURSE", "displayName", "李护士"));
        created.then().statusCode(303).header("Location", containsString("?done=created"));
        given().cookie("mdms_session", admin).get(created.header("Location")).then().statusCode(200)
                .body(containsString("用户已创建"), containsString(username), containsString("李护士"));
        TestUsers.login(username, "long-enough-1");

        // the API's rule: a name differing from an existing one only in case is taken (409), shown beside the field
        post(admin, "/ui/admin/users", Map.of("username", username.toUpperCase(), "password", "long-enough-1",
                "role", "NURSE", "displayName", "x")).then().statusCode(409)
                .body(containsString("id=\"nu-username-error\""), containsString("已被使用"))
                .body(containsString("value=\"" + username.toUpperCase() + "\""));
        // English pages show the API's own words
        ConsoleSignIn.Form form = ConsoleSignIn.form();
        given().config(BROWSER_FORMS).redirects().follow(false).cookie("mdms_session", admin).cookie("mdms_lang", "en")
                .cookie("mdms_csrf", form.csrfCookie()).formParam("csrf", form.csrfField())
                .formParam("username", username.toUpperCase()).formParam("password", "long-enough-1")
                .formParam("role", "NURSE").formParam("displayName", "x").post("/ui/admin/users").then()
                .statusCode(409).body(containsString("differs from an existing name only in case"));
        given().cookie("mdms_session", admin).queryParam("q", username).get("/ui/admin/users").then()
                .statusCode(200).body(containsString("class=\"user-link\">" + username + "<"));
    }

    @Test
    void disablingAUserEndsTheirSessionAtTheirNextPage() {
        String username = TestUsers.unique("nurse");
        long userId = TestUsers.createUser("NURSE", username);
        String theirs = ConsoleSignIn.session(username, TestUsers.PASSWORD);
        given().cookie("mdms_session", theirs).get("/ui/home").then().statusCode(200);

        post(adminSession(), "/ui/admin/users/" + userId + "/enabled", Map.of("enabled", "false"))
                .then().statusCode(303).header("Location", endsWith("/ui/admin/users/" + userId + "?done=disabled"));
        // to the renewal, which refuses the disabled account's refresh token (ConsoleRenewalTest) and signs in
        given().redirects().follow(false).cookie("mdms_session", theirs).get("/ui/home").then().statusCode(303)
                .header("Location", containsString("/ui/session/renew"));
        given().cookie("mdms_session", theirs).get("/api/v1/users/me").then().statusCode(401);
        ConsoleSignIn.post(username, TestUsers.PASSWORD).then().statusCode(401);
        given().auth().oauth2(TestUsers.adminToken()).get("/api/v1/users/" + userId).then().body("enabled", equalTo(false));

        post(adminSession(), "/ui/admin/users/" + userId + "/enabled", Map.of("enabled", "true"))
                .then().statusCode(303);
        ConsoleSignIn.post(username, TestUsers.PASSWORD).then().statusCode(303);
        post(adminSession(), "/ui/admin/users/" + userId + "/enabled", Map.of("enabled", "maybe"))
                .then().statusCode(400).contentType(containsString("text/html")).body(containsString("enabled"));
    }

    @Test
    void unlockAndANewPasswordGoThroughTheApisRules() {
        String username = TestUsers.unique("tech");
        long userId = TestUsers.createUser("TECHNICIAN", username);
        String theirs = ConsoleSignIn.session(username, TestUsers.PASSWORD);
        String admin = adminSession();

        post(admin, "/ui/admin/users/" + userId + "/unlock", Map.of()).then().statusCode(303)
                .header("Location", containsString("?done=unlocked"));
        given().auth().oauth2(TestUsers.adminToken()).queryParam("action", "UNLOCK").get("/api/v1/audit")
                .then().statusCode(200).body("items.detail", org.hamcrest.Matchers.hasItem(
                        "account " + username + " was not locked"));

        post(admin, "/ui/admin/users/" + userId + "/password", Map.of("password", "short")).then().statusCode(400)
                .body(containsString("id=\"new-password-error\""), containsString("长度须在 8 到 200 个字符之间"));
        given().cookie("mdms_session", theirs).get("/ui/home").then().statusCode(200);
        post(admin, "/ui/admin/users/" + userId + "/password", Map.of("password", "a-new-password-2"))
                .then().statusCode(303).header("Location", containsString("?done=password"));
        given().redirects().follow(false).cookie("mdms_session", theirs).get("/ui/home").then().statusCode(303);
        ConsoleSignIn.post(username, TestUsers.PASSWORD).then().statusCode(401);
        ConsoleSignIn.post(username, "a-new-password-2").then().statusCode(303);
    }

    @Test
    void anAdminDeletesWithAReasonAndRestoresAndSearchHidesDeletedPatients() {
        String name = "删除测试" + TestUsers.unique("p").substring(2);
        long patient = newPatient(name);
        String admin = adminSession();
        String doctor = ConsoleSignIn.session(Clinic.get().doctor.username(), TestUsers.PASSWORD);

        given().cookie("mdms_session", admin).get("/ui/patients/" + patient).then().statusCode(200)
                .body(containsString("hx-get=\"/ui/admin/patients/" + patient + "\""));
        post(admin, "/ui/admin/patients/" + patient + "/delete", Map.of("reason", "  ")).then().statusCode(400)
                .body(containsString("id=\"delete-reason-error\""), containsString("此项必填"));
        post(admin, "/ui/admin/patients/" + patient + "/delete", Map.of("reason", "x".repeat(501)))
                .then().statusCode(400).body(containsString("长度须在 0 到 500 个字符之间"));
        post(admin, "/ui/admin/patients/" + patient + "/delete", Map.of("reason", "重复登记"))
                .then().statusCode(303).header("Location", endsWith("/ui/patients/" + patient));
        given().auth().oauth2(TestUsers.adminToken()).get("/api/v1/patients/" + patient).then()
                .body("deleted", equalTo(true)).body("deleteReason", equalTo("重复登记"));

        given().cookie("mdms_session", admin).header("HX-Request", "true").get("/ui/admin/patients/" + patient)
                .then().statusCode(200).body(containsString("id=\"patient-deleted\""),
                        containsString("id=\"restore-patient\""), not(containsString("<html")));
        given().cookie("mdms_session", admin).queryParam("q", name).get("/ui/patients").then().body(containsString("id=\"no-results\""));
        given().cookie("mdms_session", admin).queryParam("q", name).queryParam("deleted", "true").get("/ui/patients").then()
                .body(containsString("/ui/patients/" + patient + "\""), containsString("class=\"deleted\""));
        given().cookie("mdms_session", doctor).queryParam("q", name).queryParam("deleted", "true").get("/ui/patients").then().statusCode(403);
        // gone for everyone else, in Chinese; a second delete is a conflict
        given().cookie("mdms_session", doctor).get("/ui/patients/" + patient).then().statusCode(404)
                .body(containsString("记录不存在或已删除"));
        post(admin, "/ui/admin/patients/" + patient + "/delete", Map.of("reason", "again")).then().statusCode(409)
                .body(containsString("操作与记录的当前状态冲突"));

        post(admin, "/ui/admin/patients/" + patient + "/restore", Map.of()).then().statusCode(303);
        given().cookie("mdms_session", admin).queryParam("q", name).get("/ui/patients").then().body(containsString("/ui/patients/" + patient + "\""),
                not(containsString("class=\"deleted\"")));
        post(admin, "/ui/admin/patients/" + patient + "/restore", Map.of()).then().statusCode(409);
        given().auth().oauth2(TestUsers.adminToken()).queryParam("patientId", patient).get("/api/v1/audit").then()
                .body("items.action", org.hamcrest.Matchers.hasItems("DELETE", "RESTORE"));
    }

    @Test
    void whoOpenedTheChartListsTheConsolesReadsLikeTheApis() throws Exception {
        Clinic clinic = Clinic.get();
        long patient = ConsolePagesTest.xssPatient(); // treated by the clinic's doctor
        String doctor = ConsoleSignIn.session(clinic.doctor.username(), TestUsers.PASSWORD);
        long rowsBefore = auditRows(patient, clinic.doctor.username());
        given().cookie("mdms_session", doctor).get("/ui/patients/" + patient).then().statusCode(200);
        // one row for the chart, not one per section it shows
        assertEquals(rowsBefore + 1, auditRows(patient, clinic.doctor.username()), "one audit row per chart opened");
        given().auth().oauth2(clinic.doctor.token()).get("/api/v1/patients/" + patient).then().statusCode(200);

        // the console's chart row is the API's read of the record, naming every section it read
        List<Map<String, Object>> reads = given().auth().oauth2(TestUsers.adminToken())
                .queryParam("patientId", patient).queryParam("username", clinic.doctor.username())
                .queryParam("action", "READ").queryParam("size", 2).get("/api/v1/audit")
                .then().statusCode(200).extract().path("items");
        assertEquals(2, reads.size(), "one row for the console, one for the API: " + reads);
        for (String field : List.of("userId", "role", "action", "resourceType", "resourceId", "patientId")) {
            assertEquals(reads.get(0).get(field), reads.get(1).get(field), field);
        }
        String apiView = (String) reads.get(0).get("detail"); // null for the FULL view
        assertEquals("chart: PATIENT" + (apiView == null ? "" : " (" + apiView + ")")
                + ", VISIT, PRESCRIPTION, EXAMINATION, VITAL_SIGN", reads.get(1).get("detail"));

        // a section read alone (the API's list, as any other page) still writes its own row
        long beforeSection = auditRows(patient, clinic.doctor.username());
        given().auth().oauth2(clinic.doctor.token()).queryParam("patientId", patient).get("/api/v1/vital-signs")
                .then().statusCode(200);
        assertEquals(beforeSection + 1, auditRows(patient, clinic.doctor.username()), "the section's own row");

        String admin = adminSession();
        String panel = given().cookie("mdms_session", admin).header("HX-Request", "true")
                .get("/ui/admin/patients/" + patient).then().statusCode(200).extract().asString();
        assertTrue(panel.contains("id=\"opened-by\"") && panel.contains(clinic.doctor.username()), panel);
        assertTrue(panel.contains("/ui/admin/audit?patientId=" + patient + "&action=READ"), "link to the rest");
        // the admin's own panel is not a chart opening
        long before = given().auth().oauth2(TestUsers.adminToken()).queryParam("patientId", patient)
                .queryParam("action", "READ").get("/api/v1/audit").then().extract().<Number>path("totalItems")
                .longValue();
        given().cookie("mdms_session", admin).get("/ui/admin/patients/" + patient).then().statusCode(200);
        given().auth().oauth2(TestUsers.adminToken()).queryParam("patientId", patient).queryParam("action", "READ")
                .get("/api/v1/audit").then().body("totalItems", equalTo((int) before));
    }

    /** Every audit row of the patient written for this user (any action). */
    private static long auditRows(long patient, String username) {
        return given().auth().oauth2(TestUsers.adminToken()).queryParam("patientId", patient)
                .queryParam("username", username).get("/api/v1/audit").then().statusCode(200)
                .extract().<Number>path("totalItems").longValue();
    }

    @Test
    void theAuditSearchFiltersByWhoWhatWhenAndPatientAndPages() {
        Clinic clinic = Clinic.get();
        String username = TestUsers.unique("searcher");
        TestUsers.createUser("NURSE", username);
        String token = TestUsers.login(username, TestUsers.PASSWORD);
        for (int i = 0; i < 21; i++) {
            given().auth().oauth2(token).queryParam("search", "AUDQ" + i).get("/api/v1/patients").then().statusCode(200);
        }
        String admin = adminSession();
        String first = given().cookie("mdms_session", admin).queryParam("username", username)
                .queryParam("action", "SEARCH").get("/ui/admin/audit").then().statusCode(200)
                .body(containsString("共 21 条，第 1 / 2 页")).extract().asString();
        assertEquals(20, first.split("q=AUDQ").length - 1, "20 a page");
        assertTrue(first.contains("rel=\"next\""), "a link to page 2");
        given().cookie("mdms_session", admin).queryParam("username", username).queryParam("action", "SEARCH")
                .queryParam("page", 1).get("/ui/admin/audit").then().statusCode(200)
                .body(containsString("第 2 / 2 页"), containsString("rel=\"prev\""));
        given().cookie("mdms_session", admin).queryParam("username", username).queryParam("action", "READ")
                .get("/ui/admin/audit").then().body(containsString("id=\"no-results\""));
        given().cookie("mdms_session", admin).queryParam("username", username).queryParam("from", "2999-01-01T00:00")
                .get("/ui/admin/audit").then().body(containsString("id=\"no-results\""));
        given().cookie("mdms_session", admin).queryParam("patientId", clinic.patient.recordId())
                .get("/ui/admin/audit").then().statusCode(200).body(containsString("id=\"audit-list\""))
                .body(not(containsString(username)));

        given().cookie("mdms_session", admin).queryParam("patientId", "abc").get("/ui/admin/audit").then()
                .statusCode(400).contentType(containsString("text/html")).body(containsString("id=\"a-patient-error\""));
        given().cookie("mdms_session", admin).queryParam("from", "yesterday").get("/ui/admin/audit").then()
                .statusCode(400).body(containsString("id=\"a-from-error\""));
        given().cookie("mdms_session", admin).queryParam("action", "DANCE").get("/ui/admin/audit").then()
                .statusCode(400);
        given().auth().oauth2(TestUsers.adminToken()).queryParam("action", "DANCE").get("/api/v1/audit").then()
                .statusCode(400).contentType(containsString("application/problem+json"))
                .body("errors[0].field", equalTo("action"));
    }

    @Test
    void theApisRefusalsReadInChineseOnChinesePagesAndAsTheApiOnEnglishOnes() {
        Clinic clinic = Clinic.get();
        String doctor = ConsoleSignIn.session(clinic.otherDoctor.username(), TestUsers.PASSWORD);
        long untreated = newPatient("未就诊");
        given().cookie("mdms_session", doctor).get("/ui/patients/" + untreated).then().statusCode(403)
                .body(containsString("您无权执行此操作或查看此内容"), not(containsString("you do not treat")));
        given().cookie("mdms_session", doctor).cookie("mdms_lang", "en").get("/ui/patients/" + untreated).then()
                .statusCode(403).body(containsString("you do not treat patient " + untreated));
        given().cookie("mdms_session", doctor).get("/ui/patients/999999998").then().statusCode(404)
                .body(allOf(containsString("记录不存在或已删除"), not(containsString("does not exist"))));
        given().cookie("mdms_session", doctor).cookie("mdms_lang", "en").get("/ui/patients/999999998").then()
                .statusCode(404).body(containsString("patient 999999998 does not exist"));
        given().cookie("mdms_session", doctor).get("/ui/patients?q=a&page=x").then().statusCode(400)
                .body(containsString("以下字段有误：page"));
    }
}
