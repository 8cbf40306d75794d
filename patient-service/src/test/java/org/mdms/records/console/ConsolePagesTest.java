package org.mdms.records.console;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.DecoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.http.Cookie;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.mdms.records.TestUsers;
import org.mdms.records.visit.Clinic;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The console's pages through HTTP, as a browser sees them: cookies, CSRF, headers, escaping, who sees what. */
@QuarkusTest
class ConsolePagesTest {

    static final String XSS_NAME = "<img src=x onerror=alert(1)>";
    static final String ESCAPED_XSS = "&lt;img src=x onerror=alert(1)&gt;";

    /** A patient with a hostile name, treated by the clinic's doctor (an OPEN visit in the clinic's department). */
    static synchronized long xssPatient() {
        if (xssPatientId == null) {
            Map<String, Object> body = new HashMap<>();
            body.put("mrn", TestUsers.unique("MRN"));
            body.put("name", XSS_NAME);
            body.put("gender", "FEMALE");
            body.put("birthDate", "1990-03-15");
            body.put("idNumber", "110101199003150028");
            body.put("phone", "13800138000");
            body.put("address", "上海市浦东新区世纪大道100号");
            Number id = given().auth().oauth2(TestUsers.adminToken()).contentType(ContentType.JSON).body(body)
                    .post("/api/v1/patients").then().statusCode(201).extract().path("id");
            xssPatientId = id.longValue();
            Clinic.get().openVisit(xssPatientId);
        }
        return xssPatientId;
    }

    private static Long xssPatientId;

    private static String signIn(TestUsers.Account account) {
        return ConsoleSignIn.session(account.username(), TestUsers.PASSWORD);
    }

    @Test
    void signInSetsAnHttpOnlyStrictSessionCookieAndOpensHome() {
        Clinic clinic = Clinic.get();
        Response response = ConsoleSignIn.post(clinic.doctor.username(), TestUsers.PASSWORD);
        response.then().statusCode(303).header("Location", startsWith("http"))
                .header("Location", containsString("/ui/home"));
        Cookie cookie = response.getDetailedCookie("mdms_session");
        assertNotNull(cookie, "the session cookie");
        assertTrue(cookie.isHttpOnly(), "HttpOnly");
        assertEquals("Strict", cookie.getSameSite());
        assertEquals("/", cookie.getPath());
        assertFalse(cookie.isSecured(), "plain http: no Secure flag");
        // kept as long as the sign-in can be renewed (mdms_refresh, ConsoleRenewalTest); the token inside expires
        assertEquals(12 * 3600, cookie.getMaxAge(), "lives as long as the refresh token");

        given().cookie("mdms_session", cookie.getValue()).get("/ui/home").then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("id=\"nav-patients\"")).body(containsString("id=\"sign-out\""));
    }

    @Test
    void overHttpsTheSessionCookieIsSecure() {
        ConsoleSignIn.Form form = ConsoleSignIn.form();
        Response response = given().redirects().follow(false).header("X-Forwarded-Proto", "https")
                .cookie("mdms_csrf", form.csrfCookie()).formParam("csrf", form.csrfField())
                .formParam("username", Clinic.get().nurse.username()).formParam("password", TestUsers.PASSWORD)
                .post("/ui/sign-in");
        response.then().statusCode(303);
        assertTrue(response.getDetailedCookie("mdms_session").isSecured(), "Secure over https");
    }

    @Test
    void formsWithoutTheBrowsersCsrfTokenAreRefused() {
        ConsoleSignIn.Form form = ConsoleSignIn.form();
        String user = Clinic.get().doctor.username();
        // no field
        given().redirects().follow(false).cookie("mdms_csrf", form.csrfCookie())
                .formParam("username", user).formParam("password", TestUsers.PASSWORD).post("/ui/sign-in")
                .then().statusCode(403).contentType(containsString("text/html"))
                .body(containsString("表单已失效")).header("Set-Cookie", not(containsString("mdms_session")));
        // a field from another browser (another site's form cannot read this browser's cookie)
        given().redirects().follow(false).cookie("mdms_csrf", form.csrfCookie())
                .formParam("csrf", ConsoleSignIn.form().csrfField())
                .formParam("username", user).formParam("password", TestUsers.PASSWORD).post("/ui/sign-in")
                .then().statusCode(403).header("Set-Cookie", not(containsString("mdms_session")));
        // no cookie at all
        given().redirects().follow(false).formParam("csrf", form.csrfField())
                .formParam("username", user).formParam("password", TestUsers.PASSWORD).post("/ui/sign-in")
                .then().statusCode(403);

        String session = signIn(Clinic.get().doctor);
        given().redirects().follow(false).cookie("mdms_session", session).cookie("mdms_csrf", form.csrfCookie())
                .post("/ui/sign-out").then().statusCode(403);
        given().cookie("mdms_session", session).get("/ui/home").then().statusCode(200);
    }

    @Test
    void aWrongPasswordShowsTheFormAgainAndBlankFieldsAreNamed() {
        Response wrong = ConsoleSignIn.post(Clinic.get().doctor.username(), "wrong-password");
        wrong.then().statusCode(401).contentType(containsString("text/html"))
                .body(containsString("id=\"sign-in-error\"")).body(containsString("用户名或密码错误"));
        assertNull(wrong.getCookie("mdms_session"), "no session after a wrong password");
        ConsoleSignIn.post(" ", "x").then().statusCode(400).body(containsString("请填写用户名"));
        ConsoleSignIn.post("someone", "").then().statusCode(400).body(containsString("请填写密码"));
    }

    @Test
    void lockoutAndClientThrottlingShowOnTheFormWithRetryAfter() {
        String username = TestUsers.unique("locked");
        TestUsers.createUser("NURSE", username);
        String client = "10.77." + (int) (Math.random() * 250) + "." + (int) (Math.random() * 250);
        for (int i = 0; i < 5; i++) {
            ConsoleSignIn.post(username, "wrong-password", client).then().statusCode(401);
        }
        ConsoleSignIn.post(username, TestUsers.PASSWORD, client).then().statusCode(429)
                .contentType(containsString("text/html")).header("Retry-After", not(emptyOrNullString()))
                .body(containsString("id=\"sign-in-error\"")).body(containsString("尝试次数过多"));

        // a client address with too many failed sign-ins (unknown names) is refused before any password check
        String noisy = "10.78." + (int) (Math.random() * 250) + "." + (int) (Math.random() * 250);
        for (int i = 0; i < 30; i++) {
            ConsoleSignIn.post(TestUsers.unique("nobody"), "x", noisy).then().statusCode(401);
        }
        ConsoleSignIn.post(Clinic.get().doctor.username(), TestUsers.PASSWORD, noisy).then().statusCode(429)
                .contentType(containsString("text/html")).header("Retry-After", not(emptyOrNullString()))
                .body(containsString("id=\"sign-in-error\""));
    }

    @Test
    void everyConsolePageCarriesTheSecurityHeaders() {
        String session = signIn(Clinic.get().doctor);
        for (String path : new String[]{"/ui/sign-in", "/ui/home", "/ui/patients?q=x", "/ui/no-such-page"}) {
            Response response = given().redirects().follow(false).cookie("mdms_session", session).get(path);
            String csp = response.header("Content-Security-Policy");
            assertNotNull(csp, path + ": CSP");
            assertTrue(csp.contains("script-src 'self'"), path + ": " + csp);
            assertFalse(csp.contains("unsafe-inline") || csp.contains("unsafe-eval"), path + ": " + csp);
            assertTrue(csp.contains("frame-ancestors 'none'"), path + ": " + csp);
            assertEquals("nosniff", response.header("X-Content-Type-Options"), path);
        }
        // the assets the pages name are served from the jars
        given().get("/webjars/htmx.org/2.0.10/dist/htmx.min.js").then().statusCode(200);
        given().get("/webjars/picocss__pico/2.1.1/css/pico.min.css").then().statusCode(200);
        given().get("/ui/assets/console.css").then().statusCode(200);
        given().get("/ui/assets/favicon.svg").then().statusCode(200);
        // and the page names no other origin and has no inline script
        String html = given().get("/ui/sign-in").asString();
        assertFalse(html.contains("http://") || html.contains("https://"), "no asset from another origin");
        assertFalse(html.matches("(?s).*<script(?![^>]*\\bsrc=)[^>]*>.*"), "no inline script");
        assertTrue(html.contains("includeIndicatorStyles\":false"), "htmx adds no inline style");
    }

    /** Under /ui a request the routing refuses is the console's error page; under /api it stays problem+json. */
    @Test
    void refusalsOfTheRoutingAreErrorPagesUnderUi() {
        String session = signIn(Clinic.get().doctor);
        given().cookie("mdms_session", session).get("/ui/patients/abc").then().statusCode(400)
                .contentType(containsString("text/html")).body(containsString("id=\"error-title\""));
        given().cookie("mdms_session", session).delete("/ui/home").then().statusCode(405)
                .contentType(containsString("text/html")).body(containsString("id=\"error-title\""));
        given().auth().oauth2(Clinic.get().doctor.token()).get("/api/v1/patients/abc").then().statusCode(400)
                .contentType(containsString("application/problem+json"));
    }

    /** The console's files are cached under their version for a year; the pages themselves never. */
    @Test
    void assetsAreCacheableUnderTheirVersionAndPagesAreNot() {
        String session = signIn(Clinic.get().doctor);
        Response home = given().cookie("mdms_session", session).get("/ui/home");
        home.then().statusCode(200).header("Cache-Control", "no-store");
        Matcher css = Pattern.compile("href=\"(/ui/assets/console\\.css\\?v=([0-9a-f]{12}))\"").matcher(home.asString());
        assertTrue(css.find(), "the page links the stylesheet's version");
        Response cached = given().get(css.group(1));
        cached.then().statusCode(200).header("Cache-Control", "public, max-age=31536000, immutable")
                .header("X-Content-Type-Options", "nosniff");
        assertNull(cached.header("Set-Cookie"), "a cacheable file sets no cookie");
        // the version is the file's content: the SHA-256 of the bytes served
        assertTrue(sha256(given().get("/ui/assets/console.css").asByteArray()).startsWith(css.group(2)));
        // unversioned, or an old version: cached but asked again each time
        given().get("/ui/assets/console.css").then().statusCode(200).header("Cache-Control", "public, no-cache");
        given().get("/ui/assets/console.css?v=000000000000").then().statusCode(200)
                .header("Cache-Control", "public, no-cache");
        for (String page : new String[]{"/ui/sign-in", "/ui/patients/" + xssPatient()}) {
            given().cookie("mdms_session", session).get(page).then().statusCode(200)
                    .header("Cache-Control", "no-store");
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client that asks for no compression (RestAssured then sends no Accept-Encoding). */
    private static final RestAssuredConfig NO_COMPRESSION = RestAssuredConfig.config()
            .decoderConfig(DecoderConfig.decoderConfig().noContentDecoders());

    /** Issue 14: a page without images < 300 KB on the wire; uncompressed, the chart's scripts alone were 351 KB. */
    @Test
    void pagesAndTheirAssetsGoCompressedToABrowserThatAcceptsItTheApiDoesNot() {
        String session = signIn(Clinic.get().doctor);
        for (String path : new String[]{"/ui/home", "/ui/patients/" + xssPatient(),
                "/webjars/chart.js/4.5.1/dist/chart.umd.min.js", "/webjars/picocss__pico/2.1.1/css/pico.min.css",
                "/webjars/htmx.org/2.0.10/dist/htmx.min.js", "/ui/assets/vital-charts.js", "/ui/assets/console.css"}) {
            // RestAssured asks for gzip and deflate, and decompresses the answer
            Response gzipped = given().cookie("mdms_session", session).get(path);
            gzipped.then().statusCode(200);
            assertEquals("gzip", gzipped.header("Content-Encoding"), path);
            Response plain = given().config(NO_COMPRESSION).cookie("mdms_session", session).get(path);
            plain.then().statusCode(200);
            assertNotEquals("gzip", plain.header("Content-Encoding"), path + " for a client that does not accept gzip");
            if (path.startsWith("/ui/assets/") || path.startsWith("/webjars/")) {
                assertEquals(plain.asString(), gzipped.asString(), path + ": the same bytes once decompressed");
            } else {
                assertTrue(gzipped.asString().contains("id=\"sign-out\"") && gzipped.asString().strip().endsWith("</html>"),
                        path + ": the whole page once decompressed");
            }
        }
        Response api = given().auth().oauth2(Clinic.get().doctor.token()).get("/api/v1/patients/" + xssPatient());
        api.then().statusCode(200).contentType(ContentType.JSON);
        assertNotEquals("gzip", api.header("Content-Encoding"), "the JSON API is not compressed");
    }

    @Test
    void anEndedOrMissingSessionGoesBackToSignInNotToJson() {
        given().redirects().follow(false).get("/ui/home").then().statusCode(303)
                .header("Location", allOf(containsString("/ui/sign-in"), not(containsString("ended"))));
        // a refused session goes through the renewal, which (without a refresh token) ends at sign-in, clearing it
        Response refused = given().redirects().follow(false).cookie("mdms_session", "not-a-token")
                .get("/ui/patients/1");
        refused.then().statusCode(303).header("Location", containsString("/ui/session/renew?next="));
        given().urlEncodingEnabled(false).redirects().follow(false).get(refused.header("Location")).then()
                .statusCode(303)
                .header("Location", containsString("/ui/sign-in?ended=1&next=%2Fui%2Fpatients%2F1"))
                .cookie("mdms_session", emptyOrNullString()).cookie("mdms_refresh", emptyOrNullString());
        // htmx asks for a fragment: it is told to load the sign-in page instead of swapping it in
        given().redirects().follow(false).header("HX-Request", "true").get("/ui/patients?q=a")
                .then().statusCode(200).header("HX-Redirect", "/ui/sign-in");
        given().redirects().follow(false).get("/ui/sign-in?ended=1").then().statusCode(200)
                .body(containsString("会话已结束"));
        // the API keeps answering problem+json
        given().cookie("mdms_session", "not-a-token").get("/api/v1/patients/1").then().statusCode(401)
                .contentType(containsString("application/problem+json"));
    }

    @Test
    void signOutEndsTheSessionEverywhere() {
        String session = signIn(Clinic.get().nurse);
        given().cookie("mdms_session", session).get("/api/v1/auth/jwks").then().statusCode(200);
        Response home = given().cookie("mdms_session", session).get("/ui/home");
        String csrfCookie = home.getCookie("mdms_csrf");
        Response out = given().redirects().follow(false).cookie("mdms_session", session)
                .cookie("mdms_csrf", csrfCookie).formParam("csrf", ConsoleSignIn.csrfField(home.asString()))
                .post("/ui/sign-out");
        out.then().statusCode(303).header("Location", containsString("/ui/sign-in"));
        assertEquals("", out.getCookie("mdms_session"), "the cookie is cleared");
        assertEquals(0, out.getDetailedCookie("mdms_session").getMaxAge());

        given().redirects().follow(false).cookie("mdms_session", session).get("/ui/home").then().statusCode(303)
                .header("Location", containsString("/ui/session/renew"));
        given().redirects().follow(false).get("/ui/session/renew").then().statusCode(303)
                .header("Location", containsString("/ui/sign-in?ended=1"));
        given().auth().oauth2(session).get("/api/v1/patients?search=a").then().statusCode(401);
    }

    @Test
    void theSessionCookieWorksForTheApiAndBearerStillDoes() {
        long patient = xssPatient();
        String session = signIn(Clinic.get().doctor);
        given().cookie("mdms_session", session).get("/api/v1/patients/" + patient).then().statusCode(200)
                .body("name", equalTo(XSS_NAME));
        given().auth().oauth2(Clinic.get().doctor.token()).get("/api/v1/patients/" + patient).then().statusCode(200);
    }

    @Test
    void theSessionCookieAloneNeverChangesARecordThroughTheApi() {
        TestUsers.adminToken();
        String session = ConsoleSignIn.session("test-admin", TestUsers.PASSWORD);
        String mrn = TestUsers.unique("MRN");
        Map<String, Object> body = Map.of("mrn", mrn, "name", "跨站 伪造", "gender", "MALE", "birthDate", "1980-01-02");
        given().cookie("mdms_session", session).contentType(ContentType.JSON).body(body).post("/api/v1/patients")
                .then().statusCode(403).contentType(containsString("application/problem+json"))
                .body("status", equalTo(403)).body("instance", equalTo("/api/v1/patients"))
                .body("detail", containsString("send the token in the Authorization header"));
        given().auth().oauth2(TestUsers.adminToken()).get("/api/v1/patients?mrn=" + mrn).then().statusCode(200)
                .body("totalItems", equalTo(0));
        // the same request with the token in the header is a change the admin may make
        given().auth().oauth2(TestUsers.adminToken()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/patients").then().statusCode(201).body("mrn", equalTo(mrn));
    }

    @Test
    void aHostileNameIsShownAsTextInSearchAndChart() {
        long patient = xssPatient();
        String session = signIn(Clinic.get().doctor);
        String search = given().cookie("mdms_session", session).queryParam("q", "<img src=x")
                .get("/ui/patients").then().statusCode(200).extract().asString();
        assertTrue(search.contains(ESCAPED_XSS), "escaped in the list");
        assertFalse(search.contains(XSS_NAME), "never raw");
        assertTrue(search.contains("/ui/patients/" + patient));

        String fragment = given().cookie("mdms_session", session).header("HX-Request", "true")
                .queryParam("q", "<img src=x").get("/ui/patients").then().statusCode(200).extract().asString();
        assertFalse(fragment.contains("<html"), "htmx gets only the result list");
        assertTrue(fragment.contains(ESCAPED_XSS) && !fragment.contains(XSS_NAME));
        // htmx restoring history on a cache miss needs the whole page
        given().cookie("mdms_session", session).header("HX-Request", "true")
                .header("HX-History-Restore-Request", "true").queryParam("q", "<img src=x").get("/ui/patients")
                .then().statusCode(200).body(containsString("<html"));

        String chart = given().cookie("mdms_session", session).get("/ui/patients/" + patient)
                .then().statusCode(200).extract().asString();
        assertTrue(chart.contains(ESCAPED_XSS) && !chart.contains(XSS_NAME));
        assertTrue(chart.contains("id=\"visit-list\""), "the doctor sees the visit");
    }

    @Test
    void analystsAndAdminsAreLinkedToTheAnalyticsDashboardOthersAreNot() {
        Clinic clinic = Clinic.get();
        String dashboard = "href=\"http://localhost:8083/ui/analytics\""; // mdms.console.analytics-url's default
        // the session cookie is the access token: the admin's is used as it is
        for (String session : new String[]{signIn(clinic.analyst), Clinic.admin()}) {
            given().cookie("mdms_session", session).get("/ui/home").then().statusCode(200)
                    .body(containsString(dashboard + " id=\"nav-analytics\""))
                    .body(containsString(dashboard + " id=\"home-analytics\""));
        }
        given().cookie("mdms_session", signIn(clinic.doctor)).get("/ui/home").then().statusCode(200)
                .body(not(containsString("/ui/analytics")));
    }

    @Test
    void aPatientSeesOnlyTheirOwnChart() {
        Clinic clinic = Clinic.get();
        String session = signIn(clinic.patient);
        String home = given().cookie("mdms_session", session).get("/ui/home").then().statusCode(200)
                .extract().asString();
        assertTrue(home.contains("/ui/patients/" + clinic.patient.recordId()), "a link to their own chart");
        assertFalse(home.contains("id=\"nav-patients\""), "no patient search");

        given().cookie("mdms_session", session).get("/ui/patients/" + clinic.patient.recordId())
                .then().statusCode(200).body(containsString("id=\"patient-name\""));
        given().cookie("mdms_session", session).get("/ui/patients/" + clinic.otherPatient.recordId())
                .then().statusCode(403).contentType(containsString("text/html"))
                .body(containsString("id=\"error-title\"")).body(not(containsString("id=\"patient-name\"")));
        given().cookie("mdms_session", session).get("/ui/patients?q=a").then().statusCode(403)
                .contentType(containsString("text/html"));
    }

    @Test
    void theChartMasksExactlyAsTheApiDoesForTheCaller() {
        long patient = xssPatient();
        Clinic clinic = Clinic.get();
        // doctor treating: FULL; technician of the department of an OPEN visit: CLINICAL (ID masked, no contacts)
        assertChartMatchesApi(signIn(clinic.doctor), clinic.doctor.token(), patient, "110101199003150028");
        assertChartMatchesApi(signIn(clinic.technician), clinic.technician.token(), patient, "1101**********0028");
        String technician = given().cookie("mdms_session", signIn(clinic.technician)).get("/ui/patients/" + patient)
                .then().statusCode(200).extract().asString();
        assertFalse(technician.contains("13800138000"), "no phone for a technician");
        assertFalse(technician.contains("世纪大道"), "no address for a technician");
        assertTrue(technician.contains("您的角色在此不显示这部分内容"), "no prescriptions for a technician");
        // the search listing masks the ID number for staff, as the API's LISTING view does
        String listing = given().cookie("mdms_session", signIn(clinic.doctor)).queryParam("q", "<img src=x")
                .get("/ui/patients").asString();
        assertTrue(listing.contains("1101**********0028") && !listing.contains("110101199003150028"));
        // staff without a care relationship (a pharmacist with nothing to dispense) are refused, as by the API
        given().cookie("mdms_session", signIn(clinic.pharmacist)).get("/ui/patients/" + patient)
                .then().statusCode(403).body(not(containsString(ESCAPED_XSS)));
        given().auth().oauth2(clinic.pharmacist.token()).get("/api/v1/patients/" + patient).then().statusCode(403);
    }

    private static void assertChartMatchesApi(String session, String token, long patient, String expectedId) {
        String apiId = given().auth().oauth2(token).get("/api/v1/patients/" + patient).then().statusCode(200)
                .extract().path("idNumber");
        assertEquals(expectedId, apiId);
        given().cookie("mdms_session", session).get("/ui/patients/" + patient).then().statusCode(200)
                .body(containsString("<dd id=\"f-id-number\">" + expectedId + "</dd>"));
    }

    @Test
    void chineseByDefaultEnglishOnRequestAndRemembered() {
        given().get("/ui/sign-in").then().body(containsString("<html lang=\"zh\"")).body(containsString("登录"));
        given().header("Accept-Language", "en-GB,en;q=0.9").get("/ui/sign-in").then()
                .body(containsString("<html lang=\"en\"")).body(containsString("Sign in"));
        Response english = given().get("/ui/sign-in?lang=en");
        english.then().body(containsString("Sign in"));
        String remembered = english.getCookie("mdms_lang");
        assertEquals("en", remembered);
        given().cookie("mdms_lang", remembered).header("Accept-Language", "zh-CN").get("/ui/sign-in").then()
                .body(containsString("Sign in"));
        given().cookie("mdms_lang", "en").get("/ui/sign-in?lang=zh").then().body(containsString("登录"));
    }

    @Test
    void badPageNumbersAndLongQueriesAreRefusedAsPages() {
        String session = signIn(Clinic.get().doctor);
        given().cookie("mdms_session", session).get("/ui/patients?q=a&page=abc").then().statusCode(400)
                .contentType(containsString("text/html")).body(containsString("page"));
        given().cookie("mdms_session", session).get("/ui/patients?q=a&page=-1").then().statusCode(400)
                .contentType(containsString("text/html"));
        given().cookie("mdms_session", session).queryParam("q", "x".repeat(101)).get("/ui/patients")
                .then().statusCode(400).contentType(containsString("text/html"));
        given().cookie("mdms_session", session).get("/ui/patients/999999999").then().statusCode(404)
                .contentType(containsString("text/html"));
    }
}
