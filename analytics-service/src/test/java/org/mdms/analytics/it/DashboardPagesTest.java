package org.mdms.analytics.it;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mdms.local.testing.PatientServiceResource;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mdms.analytics.it.Records.ADMIN;
import static org.mdms.analytics.it.Records.ANALYST;
import static org.mdms.analytics.it.Records.DOCTOR;

/**
 * The dashboard page (/ui/analytics) through HTTP with the console's session cookie, as patient-service's sign-in sets
 * it (a token of the real patient-service): who gets the page, who is refused, who is sent to sign in, what the page
 * carries (pickers from the warehouse, escaped), and the API answering the page's script with the same cookie.
 */
@QuarkusTest
@QuarkusTestResource(value = PatientServiceResource.class, restrictToAnnotatedClass = false)
class DashboardPagesTest {

    static final String HOSTILE = "<img src=x onerror=alert(1)>";
    private static Records records;

    @BeforeEach
    void signInAndMakeRecordsOnce() {
        Records.signIn();
        if (records == null) {
            records = Records.make();
        }
    }

    static io.restassured.specification.RequestSpecification as(Peer peer) {
        return RestAssured.given().redirects().follow(false).cookie("mdms_session", peer.token());
    }

    @Test
    void anAnalystGetsTheDashboardWithPickersFromTheWarehouse() {
        String drug = records.drugNames.get(records.drugs.get(0));
        Response page = as(ANALYST).get("/ui/analytics");
        page.then().statusCode(200).contentType(startsWith("text/html"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                .body(containsString("<html lang=\"zh\""))
                .body(containsString("/webjars/chart.js/4.5.1/dist/chart.umd.min.js"))
                .body(containsString("/ui/assets/analytics.js"))
                .body(containsString("<option value=\"" + records.drugs.get(0) + "\">" + drug + "</option>"))
                .body(containsString("<option value=\"" + records.department + "\">"))
                .body(containsString("<option value=\"" + DOCTOR.staffId() + "\">"));
        String html = page.asString();
        assertFalse(html.contains("<script>"), "no inline script");
        assertFalse(html.contains("id=\"q6\""), "an analyst is never answered question 6: no section for it");
        as(ADMIN).get("/ui/analytics").then().statusCode(200).body(containsString("id=\"q6\""));
        as(ANALYST).get("/ui/analytics?lang=en").then().statusCode(200).body(containsString("<html lang=\"en\""))
                .body(containsString("Analytics dashboard"));
    }

    @Test
    void aDrugNamedLikeMarkupIsShownAsText() {
        long drug = ADMIN.records().body(Map.of("code", "XSS-" + System.nanoTime(), "name", HOSTILE, "category", "测试",
                        "dosageForm", "片剂", "strength", "1mg", "unit", "片", "price", new BigDecimal("1.00")))
                .post("/api/v1/drugs").then().statusCode(201).extract().jsonPath().getLong("id");
        Records.sync();
        String html = as(ANALYST).get("/ui/analytics").then().statusCode(200).extract().asString();
        assertTrue(html.contains("<option value=\"" + drug + "\">&lt;img src=x onerror=alert(1)&gt;</option>"), html);
        assertFalse(html.contains(HOSTILE));
    }

    @Test
    void aDoctorIsRefusedWithAPageNotJson() {
        as(DOCTOR).get("/ui/analytics").then().statusCode(403).contentType(startsWith("text/html"))
                .body(containsString("id=\"error-title\""));
    }

    @Test
    void withoutASessionTheBrowserGoesToPatientServicesSignIn() {
        Response none = RestAssured.given().redirects().follow(false).get("/ui/analytics");
        assertEquals(303, none.statusCode());
        assertEquals("http://localhost:8081/ui/sign-in", none.header("Location"));
        Response tampered = RestAssured.given().redirects().follow(false)
                .cookie("mdms_session", ANALYST.token() + "x").get("/ui/analytics");
        // an expired or revoked (here: tampered) session goes through patient-service's renewal, which comes back
        // to the dashboard with a new token or ends at its sign-in, clearing the cookies (its ConsoleRenewalTest)
        assertEquals(303, tampered.statusCode());
        assertEquals("http://localhost:8081/ui/session/renew?next=" + URLEncoder.encode(
                "http://localhost:" + RestAssured.port + "/ui/analytics", StandardCharsets.UTF_8),
                tampered.header("Location"));
        RestAssured.given().redirects().follow(false).get("/ui").then().statusCode(303)
                .header("Location", containsString("/ui/analytics"));
    }

    @Test
    void theApiAnswersThePagesScriptWithTheCookieButNeverChangesOnIt() {
        as(ANALYST).accept("application/json").get("/api/v1/dashboard").then().statusCode(200)
                .contentType(startsWith("application/json"));
        as(ANALYST).accept("text/csv").get("/api/v1/drugs/" + records.drugs.get(0) + "/usage").then().statusCode(200)
                .contentType(startsWith("text/csv")).body(startsWith("month,drug_id"));
        as(ANALYST).get("/api/v1/drug-rankings?from=2026-05&to=2026-01").then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("errors[0].field", org.hamcrest.Matchers.equalTo("to"));
        as(ANALYST).get("/api/v1/sync/status").then().statusCode(200);
        as(ANALYST).post("/api/v1/sync").then().statusCode(403);
        as(DOCTOR).accept("application/json").get("/api/v1/dashboard").then().statusCode(403);
        // a bearer token still comes first for API clients
        ANALYST.analytics().get("/api/v1/sync/status").then().statusCode(200);
    }

    @Test
    void signingOutOnTheDashboardEndsTheSessionForEveryApi() throws InterruptedException {
        Peer own = Peer.login("analyst"); // a session of its own: ANALYST's stays signed in
        String token = own.token();
        Response page = RestAssured.given().redirects().follow(false).cookie("mdms_session", token)
                .get("/ui/analytics");
        page.then().statusCode(200).body(containsString("id=\"sign-out\""));
        java.util.regex.Matcher field = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"")
                .matcher(page.asString());
        assertTrue(field.find(), "the sign-out form carries the CSRF token");
        String csrf = page.getCookie("mdms_csrf");
        RestAssured.given().redirects().follow(false).cookie("mdms_session", token).cookie("mdms_csrf", csrf)
                .formParam("csrf", "forged").post("/ui/sign-out").then().statusCode(403)
                .contentType(startsWith("text/html"));
        own.analytics().get("/api/v1/sync/status").then().statusCode(200);

        Response out = RestAssured.given().redirects().follow(false).cookie("mdms_session", token)
                .cookie("mdms_csrf", csrf).formParam("csrf", field.group(1)).post("/ui/sign-out");
        assertEquals(303, out.statusCode());
        assertEquals("http://localhost:8081/ui/sign-in", out.header("Location"));
        assertEquals(0, out.getDetailedCookie("mdms_session").getMaxAge(), "the cookie is cleared");
        RestAssured.given().baseUri(PatientServiceResource.baseUrl()).header("Authorization", "Bearer " + token)
                .get("/api/v1/drugs").then().statusCode(401);
        int status = 0; // here within mdms.analytics.revocation-refresh
        for (int i = 0; i < 40 && status != 401; i++) {
            status = RestAssured.given().header("Authorization", "Bearer " + token).get("/api/v1/sync/status")
                    .statusCode();
            if (status != 401) {
                Thread.sleep(250);
            }
        }
        assertEquals(401, status, "the ended session's token is refused by this service's API too");
        RestAssured.given().redirects().follow(false).post("/ui/sign-out").then().statusCode(303)
                .header("Location", startsWith("http://localhost:8081/ui/sign-in"));
    }

    @Test
    void aFormPostedAfterTheTokenExpiredMayFollowItsRedirectToPatientServicesRenewal() {
        String expired = org.mdms.local.testing.ResignedTokens.expiringAt(Peer.login("analyst").token(),
                java.time.Instant.now().minusSeconds(60));
        Response out = RestAssured.given().redirects().follow(false).cookie("mdms_session", expired)
                .formParam("csrf", "x").post("/ui/sign-out");
        assertEquals(307, out.statusCode(), out.asString());
        assertTrue(out.header("Location").startsWith("http://localhost:8081/ui/session/renew?next="),
                out.header("Location"));
        // the page's form-action governs the redirects of its forms' answers too: exactly patient-service's
        // console (the configured mdms.console.patient-url), no other origin
        String csp = as(ANALYST).get("/ui/analytics").then().statusCode(200).extract()
                .header("Content-Security-Policy");
        assertTrue(csp.contains("; form-action 'self' http://localhost:8081; "), csp);
        assertFalse(csp.contains("*"), csp);
    }

    @Test
    void theScriptsAndStylesComeFromTheJars() {
        RestAssured.get("/ui/assets/analytics.js").then().statusCode(200).body(containsString("Chart.getChart"));
        RestAssured.get("/ui/assets/console.css").then().statusCode(200);
        RestAssured.get("/webjars/chart.js/4.5.1/dist/chart.umd.min.js").then().statusCode(200);
        RestAssured.get("/webjars/picocss__pico/2.1.1/css/pico.min.css").then().statusCode(200);
    }
}
