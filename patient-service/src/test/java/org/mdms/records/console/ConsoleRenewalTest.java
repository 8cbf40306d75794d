package org.mdms.records.console;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.mdms.records.TestUsers;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console's session outlives one access token: with 5-second access tokens (and 1 s of clock skew allowed), a page
 * asked after the token ran out goes through the renewal, which rotates the refresh token in the mdms_refresh cookie
 * as the API's refresh does and comes back to the page; a refresh token used twice, or of a disabled account, ends at
 * sign-in with the page the user wanted.
 */
@QuarkusTest
@TestProfile(ConsoleRenewalTest.ShortTokens.class)
class ConsoleRenewalTest {

    public static class ShortTokens implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // smallrye-jwt accepts a token 60 s past its expiry by default (and takes 0 for "the default")
            return Map.of("mdms.jwt.lifetime", "PT5S", "mp.jwt.verify.clock.skew", "1");
        }
    }

    private static final String PAGE = "/ui/patients?q=ab";

    /** The two cookies a browser keeps after signing in (or renewing). */
    private record Session(String access, String refresh) {
        static Session of(Response response) {
            return new Session(response.getCookie("mdms_session"), response.getCookie("mdms_refresh"));
        }
    }

    private static Session signIn(String username) {
        Response in = ConsoleSignIn.post(username, TestUsers.PASSWORD);
        in.then().statusCode(303);
        return Session.of(in);
    }

    private static String adminToken() {
        TestUsers.adminToken(); // makes sure the first admin exists
        return TestUsers.login("test-admin", TestUsers.PASSWORD); // fresh: these tokens live 5 seconds
    }

    private record User(long id, String username) {
    }

    private static User newUser(String role) {
        String username = TestUsers.unique(role.toLowerCase());
        Number id = given().auth().oauth2(adminToken()).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", TestUsers.PASSWORD, "role", role,
                        "displayName", "续期 " + role))
                .post("/api/v1/users").then().statusCode(201).extract().path("id");
        return new User(id.longValue(), username);
    }

    /** A Location on this service as a path (the server writes it absolute); another origin stays as it is. */
    private static String relative(String location) {
        String own = "http://localhost:" + RestAssured.port;
        return location != null && location.startsWith(own) ? location.substring(own.length()) : location;
    }

    /** Asks the page until the access token has run out (5 s and the second it was issued in), at most 20 s. */
    private static Response afterExpiry(Session session, String path) throws InterruptedException {
        long until = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < until) {
            Response page = given().redirects().follow(false).cookie("mdms_session", session.access()).get(path);
            if (page.statusCode() != 200) {
                return page;
            }
            Thread.sleep(500);
        }
        String payload = new String(java.util.Base64.getUrlDecoder().decode(session.access().split("\\.")[1]),
                StandardCharsets.UTF_8);
        throw new AssertionError("the access token was still accepted after 20 s: " + payload + " now "
                + java.time.Instant.now().getEpochSecond());
    }

    /** The renewal as the browser asks it: with both cookies of its session (none: null). */
    private static Response renew(String location, Session session) {
        var request = given().redirects().follow(false);
        if (session != null) {
            request.cookie("mdms_session", session.access()).cookie("mdms_refresh", session.refresh());
        }
        return get(request, location);
    }

    /** GET of a Location as the server wrote it (its query already encoded: handed over decoded, encoded once). */
    private static Response get(io.restassured.specification.RequestSpecification request, String location) {
        String target = relative(location);
        int query = target.indexOf('?');
        if (query >= 0) {
            for (String pair : target.substring(query + 1).split("&")) {
                int eq = pair.indexOf('=');
                request.queryParam(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            target = target.substring(0, query);
        }
        return request.get(target);
    }

    private static String nextOf(String location) {
        int at = location.indexOf("next=");
        assertTrue(at > 0, "names the page wanted: " + location);
        return URLDecoder.decode(location.substring(at + 5), StandardCharsets.UTF_8);
    }

    @Test
    void signInSetsTheRefreshCookieOnlyForTheRenewal() {
        Response in = ConsoleSignIn.post(newUser("NURSE").username(), TestUsers.PASSWORD);
        in.then().statusCode(303);
        assertEquals("/ui/home", relative(in.header("Location")));
        String refresh = in.getHeaders().getValues("Set-Cookie").stream()
                .filter(header -> header.startsWith("mdms_refresh=")).findFirst().orElseThrow();
        assertTrue(refresh.contains("Path=/ui/session") && refresh.contains("HttpOnly")
                && refresh.contains("SameSite=Strict"), refresh);
        // both cookies live as long as the refresh token (12 h), the access token inside still 5 s
        assertEquals(12 * 3600, in.getDetailedCookie("mdms_refresh").getMaxAge());
        assertEquals(12 * 3600, in.getDetailedCookie("mdms_session").getMaxAge());
    }

    @Test
    void aPageAfterTheAccessTokenRanOutIsRenewedAndShown() throws InterruptedException {
        Session first = signIn(newUser("DOCTOR").username());
        given().cookie("mdms_session", first.access()).get(PAGE).then().statusCode(200);

        Response expired = afterExpiry(first, PAGE);
        expired.then().statusCode(303);
        String location = relative(expired.header("Location"));
        assertTrue(location.startsWith("/ui/session/renew?next="), location);
        assertTrue(nextOf(location).endsWith(PAGE), location);

        Response renewed = renew(location, first);
        renewed.then().statusCode(303);
        assertEquals(PAGE, relative(renewed.header("Location")), "back to the page");
        Session second = Session.of(renewed);
        assertNotNull(second.access());
        assertNotEquals(first.access(), second.access(), "a new access token");
        assertNotEquals(first.refresh(), second.refresh(), "the refresh token rotated");
        given().cookie("mdms_session", second.access()).get(PAGE).then().statusCode(200)
                .body(containsString("id=\"sign-out\""));

        // and again after the new token ran out: the session goes on as long as the user works
        Response again = afterExpiry(second, "/ui/home");
        Response third = renew(again.header("Location"), second);
        third.then().statusCode(303);
        assertEquals("/ui/home", relative(third.header("Location")));
        given().cookie("mdms_session", third.getCookie("mdms_session")).get("/ui/home").then().statusCode(200);
    }

    @Test
    void aRefreshTokenUsedTwiceEndsTheSessionAndSignInComesBackToThePage() throws InterruptedException {
        Session first = signIn(newUser("DOCTOR").username());
        Response expired = afterExpiry(first, PAGE);
        Response renewed = renew(expired.header("Location"), first);
        renewed.then().statusCode(303);
        Session second = Session.of(renewed);

        // the old refresh token again (a stolen copy) after the reuse grace (2 s in tests): the whole session ends,
        // as the API's refresh does
        Thread.sleep(2_500);
        Response reused = renew(expired.header("Location"), first);
        reused.then().statusCode(303);
        String signIn = relative(reused.header("Location"));
        assertTrue(signIn.startsWith("/ui/sign-in?ended=1&next="), signIn);
        assertEquals(PAGE, nextOf(signIn), "the page wanted, as a path of this service");
        assertEquals(0, reused.getDetailedCookie("mdms_session").getMaxAge(), "cleared");
        assertEquals(0, reused.getDetailedCookie("mdms_refresh").getMaxAge(), "cleared");
        // the rotated pair is dead too
        renew("/ui/session/renew", second).then().statusCode(303)
                .header("Location", containsString("/ui/sign-in?ended=1"));
        given().auth().oauth2(second.access()).get("/api/v1/users/me").then().statusCode(401);

        // the sign-in page keeps the page, and signing in goes there
        String form = get(given(), signIn).then().statusCode(200).body(containsString("会话已结束"))
                .extract().asString();
        assertTrue(form.contains("name=\"next\" value=\"/ui/patients?q=ab\""), "the page wanted, in the form");
        ConsoleSignIn.Form fresh = ConsoleSignIn.form();
        given().redirects().follow(false).cookie("mdms_csrf", fresh.csrfCookie())
                .formParam("username", "test-admin").formParam("password", TestUsers.PASSWORD)
                .formParam("csrf", fresh.csrfField()).formParam("next", PAGE)
                .post("/ui/sign-in").then().statusCode(303).header("Location", endsWith(PAGE));
    }

    @Test
    void twoTabsRenewingAtOnceBothStaySignedIn() throws InterruptedException {
        Session first = signIn(newUser("DOCTOR").username());
        Response expired = afterExpiry(first, PAGE);
        // both tabs found the token expired and present the same cookies to the renewal
        Response tabA = renew(expired.header("Location"), first);
        Response tabB = renew(expired.header("Location"), first);
        for (Response tab : java.util.List.of(tabA, tabB)) {
            tab.then().statusCode(303);
            assertEquals(PAGE, relative(tab.header("Location")), "back to the page, not to sign-in");
            given().cookie("mdms_session", tab.getCookie("mdms_session")).get(PAGE).then().statusCode(200)
                    .body(containsString("id=\"sign-out\""));
        }
        // the cookies the browser keeps (the later answer's) renew again
        Session kept = Session.of(tabB);
        Response again = afterExpiry(kept, "/ui/home");
        renew(again.header("Location"), kept).then().statusCode(303).header("Location", endsWith("/ui/home"));
    }

    @Test
    void theLivePagesScriptRenewsWithAJsonAnswerAndReconnects() throws InterruptedException {
        // live.js, when its event stream is refused after the access token ran out, asks the renewal for JSON
        Session first = signIn(newUser("NURSE").username());
        afterExpiry(first, "/ui/home");
        given().auth().oauth2(first.access()).get("/api/v1/alerts/stream").then().statusCode(401);
        Response renewed = given().redirects().follow(false).accept("application/json")
                .cookie("mdms_session", first.access()).cookie("mdms_refresh", first.refresh())
                .get("/ui/session/renew");
        renewed.then().statusCode(204);
        Session second = Session.of(renewed);
        assertNotEquals(first.refresh(), second.refresh(), "the refresh token rotated");
        // the new cookie is accepted where the expired one was refused
        given().cookie("mdms_session", second.access()).get("/api/v1/users/me")
                .then().statusCode(200);
        // a session that cannot be renewed: 401 with both cookies cleared (the script reloads the page: sign-in)
        Thread.sleep(2_500); // past the reuse grace
        Response refused = given().redirects().follow(false).accept("application/json")
                .cookie("mdms_session", first.access()).cookie("mdms_refresh", first.refresh())
                .get("/ui/session/renew");
        refused.then().statusCode(401);
        assertEquals(0, refused.getDetailedCookie("mdms_refresh").getMaxAge(), "cleared");
        assertEquals(0, refused.getDetailedCookie("mdms_session").getMaxAge(), "cleared");
    }

    @Test
    void cookiesOfTwoSignInsRenewNeither() throws InterruptedException {
        Session mine = signIn(newUser("NURSE").username());
        Session other = signIn(newUser("NURSE").username());
        Response expired = afterExpiry(mine, "/ui/home");
        // my session cookie with another sign-in's refresh token: refused, and that token is not used up
        renew(expired.header("Location"), new Session(mine.access(), other.refresh())).then().statusCode(303)
                .header("Location", containsString("/ui/sign-in?ended=1"));
        renew("/ui/session/renew", other).then().statusCode(303).header("Location", endsWith("/ui/home"));
    }

    @Test
    void aDisabledAccountIsNotRenewed() throws InterruptedException {
        User user = newUser("NURSE");
        Session session = signIn(user.username());
        given().auth().oauth2(adminToken()).contentType(ContentType.JSON)
                .body(Map.of("displayName", "disabled", "enabled", false))
                .put("/api/v1/users/" + user.id()).then().statusCode(200).body("enabled", equalTo(false));
        Response refused = afterExpiry(session, "/ui/home");
        renew(refused.header("Location"), session).then().statusCode(303)
                .header("Location", containsString("/ui/sign-in?ended=1"));
    }

    @Test
    void withoutARefreshCookieOrWithHtmxTheRenewalStillEndsWhereItShould() {
        // no refresh cookie (a session from before, or cleared): sign-in, with the page
        Response none = renew("/ui/session/renew?next=%2Fui%2Fhome", null);
        none.then().statusCode(303);
        assertEquals("/ui/sign-in?ended=1&next=%2Fui%2Fhome", relative(none.header("Location")));
        // htmx with a refused session is told to load the renewal for the page that is showing
        given().redirects().follow(false).cookie("mdms_session", "not-a-token").header("HX-Request", "true")
                .header("HX-Current-URL", "http://localhost/ui/patients?q=li").get("/ui/patients?q=lin")
                .then().statusCode(200).header("HX-Redirect",
                        "/ui/session/renew?next=" + URLEncoder.encode("http://localhost/ui/patients?q=li",
                                StandardCharsets.UTF_8));
    }

    @Test
    void theRenewalAndTheSignInReturnOnlyToTheHospitalsConsoles() {
        adminToken();
        ConsoleSignIn.Form form = ConsoleSignIn.form();
        Map<String, String> cases = Map.of(
                "https://evil.example.org/ui/home", "/ui/home",
                "//evil.example.org/ui/home", "/ui/home",
                "/api/v1/patients", "/ui/home",
                "javascript:alert(1)", "/ui/home",
                "http://user@localhost:8082/ui/patients/1/images", "/ui/home",
                // imaging's and analytics' consoles at their configured addresses (mdms.console.*-url)
                "http://localhost:8082/ui/patients/1/images", "http://localhost:8082/ui/patients/1/images",
                "http://localhost:8083/ui/analytics", "http://localhost:8083/ui/analytics",
                "/ui/patients?q=ab", "/ui/patients?q=ab");
        cases.forEach((next, expected) -> {
            Response in = given().redirects().follow(false)
                    .cookie("mdms_csrf", form.csrfCookie()).header("X-Forwarded-For", "10.11.0.1")
                    .formParam("username", "test-admin").formParam("password", TestUsers.PASSWORD)
                    .formParam("csrf", form.csrfField()).formParam("next", next)
                    .post("/ui/sign-in");
            in.then().statusCode(303);
            assertEquals(expected, relative(in.header("Location")), next);
        });
        Response renewal = renew("/ui/session/renew?next=" + URLEncoder.encode("https://evil.example.org/ui/home",
                StandardCharsets.UTF_8), null);
        assertEquals("/ui/sign-in?ended=1", relative(renewal.header("Location")));
    }

    @Test
    void signOutClearsTheRefreshCookieToo() {
        Session session = signIn(newUser("NURSE").username());
        Response home = given().cookie("mdms_session", session.access()).get("/ui/home");
        Response out = given().redirects().follow(false).cookie("mdms_session", session.access())
                .cookie("mdms_csrf", home.getCookie("mdms_csrf"))
                .formParam("csrf", ConsoleSignIn.csrfField(home.asString())).post("/ui/sign-out");
        out.then().statusCode(303);
        assertEquals(0, out.getDetailedCookie("mdms_refresh").getMaxAge());
        // and the session's refresh token is revoked: a kept copy renews nothing
        renew("/ui/session/renew", session).then().statusCode(303)
                .header("Location", containsString("/ui/sign-in?ended=1"));
    }
}
