package org.mdms.records.auth;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.mdms.records.TestUsers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Accounts that can be locked and revoked (test profile: lockout after 5 wrong passwords for 3 s; X-Forwarded-For
 * trusted, so each test signs in from its own client address and the per-client limit of one test does not touch
 * the others).
 */
@QuarkusTest
class AccountsTest {

    private static final AtomicInteger CLIENTS = new AtomicInteger();

    /** A client address of its own for each caller of this method. */
    private static String newClient() {
        int n = CLIENTS.incrementAndGet();
        return "10.77." + (n / 250) + "." + (n % 250 + 1);
    }

    private static Response login(String client, String username, String password) {
        return given().header("X-Forwarded-For", client).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password))
                .post("/api/v1/auth/login");
    }

    private static RequestSpecification admin() {
        return given().auth().oauth2(TestUsers.adminToken());
    }

    private static String newUser(String role) {
        String name = TestUsers.unique("acct");
        TestUsers.createUser(role, name);
        return name;
    }

    private static long idOf(String username) {
        Number id = admin().queryParam("search", username).get("/api/v1/users").then().statusCode(200)
                .extract().path("items[0].id");
        return id.longValue();
    }

    private static int me(String accessToken) {
        return given().auth().oauth2(accessToken).get("/api/v1/users/me").statusCode();
    }

    @Test
    void loginAnswerKeepsItsFieldsAndAddsAShortLifeAndARefreshToken() {
        String user = newUser("DOCTOR");
        login(newClient(), user, TestUsers.PASSWORD).then().statusCode(200)
                .body("access_token", notNullValue())
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", lessThanOrEqualTo(900))
                .body("refresh_token", notNullValue());
    }

    @Test
    void wrongPasswordsLockTheAccountUntilTheDelayIsOverAndTheLockIsAudited() throws Exception {
        String client = newClient();
        String user = newUser("NURSE");
        for (int i = 0; i < 5; i++) {
            login(client, user, "wrong-password-" + i).then().statusCode(401)
                    .contentType("application/problem+json");
        }
        // locked: even the right password is refused, with a problem+json 429 and Retry-After (from another address too)
        for (String from : List.of(client, newClient())) {
            Response locked = login(from, user, TestUsers.PASSWORD);
            locked.then().statusCode(429).contentType("application/problem+json").body("status", equalTo(429));
            int retryAfter = Integer.parseInt(locked.header("Retry-After"));
            assertTrue(retryAfter >= 1 && retryAfter <= 3, "Retry-After " + retryAfter);
        }
        admin().get("/api/v1/users/" + idOf(user)).then().statusCode(200).body("lockedUntil", notNullValue());
        admin().queryParam("username", user).get("/api/v1/audit").then().statusCode(200)
                .body("items.action", org.hamcrest.Matchers.hasItem("LOCK"));

        Thread.sleep(3_200);
        login(client, user, TestUsers.PASSWORD).then().statusCode(200);
        // a successful sign-in starts the count again: four more wrong passwords do not lock
        for (int i = 0; i < 4; i++) {
            login(client, user, "wrong-again-" + i).then().statusCode(401);
        }
        login(client, user, TestUsers.PASSWORD).then().statusCode(200);
    }

    @Test
    void anAdminUnlocksALockedAccount() {
        String client = newClient();
        String user = newUser("PHARMACIST");
        long id = idOf(user);
        for (int i = 0; i < 5; i++) {
            login(client, user, "wrong-" + i).then().statusCode(401);
        }
        login(client, user, TestUsers.PASSWORD).then().statusCode(429);

        admin().post("/api/v1/users/" + id + "/unlock").then().statusCode(200).body("lockedUntil", nullValue());
        login(client, user, TestUsers.PASSWORD).then().statusCode(200);
        admin().queryParam("username", "test-admin").get("/api/v1/audit").then().statusCode(200)
                .body("items.detail", org.hamcrest.Matchers.hasItem("account " + user + " unlocked"));
        // only admins unlock
        String nurse = TestUsers.staff("NURSE").token();
        given().auth().oauth2(nurse).post("/api/v1/users/" + id + "/unlock").then().statusCode(403);
    }

    @Test
    void unknownUserNamesLockTooSoA429DoesNotRevealWhoExists() {
        String client = newClient();
        String nobody = TestUsers.unique("ghost");
        for (int i = 0; i < 5; i++) {
            login(client, nobody, "guess-" + i).then().statusCode(401);
        }
        Response locked = login(client, nobody, "guess-6");
        locked.then().statusCode(429).contentType("application/problem+json");
        assertNotEquals(null, locked.header("Retry-After"));
    }

    @Test
    void oneClientAddressIsThrottledAfterManyFailedSignInsWithoutTouchingOthers() {
        String client = newClient();
        String user = newUser("DOCTOR");
        // 30 failures (the default limit) spread over names, so no single name is locked
        for (int i = 0; i < 30; i++) {
            login(client, TestUsers.unique("spray" + i), "guess").then().statusCode(401);
        }
        Response throttled = login(client, user, TestUsers.PASSWORD);
        throttled.then().statusCode(429).contentType("application/problem+json")
                .body("detail", containsString("address"));
        assertTrue(Integer.parseInt(throttled.header("Retry-After")) > 0);
        // the same account from another address is not affected
        login(newClient(), user, TestUsers.PASSWORD).then().statusCode(200);
    }

    /**
     * An unknown name must cost what a wrong password costs (a bcrypt check). Lenient on a busy machine: medians of
     * interleaved samples, and an unknown name only has to take at least a third of the wrong-password time (before,
     * it took 3-18 ms against 120-480 ms).
     */
    @Test
    void anUnknownUserNameTakesAboutAsLongAsAWrongPassword() {
        String user = newUser("DOCTOR");
        List<Long> known = new ArrayList<>();
        List<Long> unknown = new ArrayList<>();
        login(newClient(), user, "warm-up").then().statusCode(401);
        login(newClient(), TestUsers.unique("warm"), "warm-up").then().statusCode(401);
        for (int i = 0; i < 12; i++) {
            String client = newClient();
            if (i % 3 == 2) {
                login(client, user, TestUsers.PASSWORD).then().statusCode(200); // keeps the account below the lockout
            }
            known.add(timed(() -> login(client, user, "wrong-password").then().statusCode(401)));
            unknown.add(timed(() -> login(client, TestUsers.unique("nobody"), "wrong-password").then().statusCode(401)));
        }
        long knownMedian = median(known);
        long unknownMedian = median(unknown);
        assertTrue(unknownMedian * 3 >= knownMedian,
                "unknown user " + unknownMedian + " ms vs wrong password " + knownMedian + " ms: " + unknown + " / " + known);
    }

    @Test
    void userNamesAreExact() {
        String client = newClient();
        String user = newUser("DOCTOR");
        login(client, user, TestUsers.PASSWORD).then().statusCode(200);
        // another case is another name: no such account
        login(client, user.toUpperCase(), TestUsers.PASSWORD).then().statusCode(401);
        // whitespace, NUL and control characters are refused outright, naming the field
        for (String bent : List.of(user + " ", " " + user, user + "\u0000", user + "\t", "adm\u0131n")) {
            login(client, bent, TestUsers.PASSWORD).then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("username"));
        }
        // and at creation
        for (String bent : List.of("new-user ", "new user", "new-user\u0000", "new\u0007user", "nеw-user")) {
            admin().contentType(ContentType.JSON)
                    .body(Map.of("username", bent, "password", TestUsers.PASSWORD, "role", "NURSE", "displayName", "x"))
                    .post("/api/v1/users").then().statusCode(400).body("errors[0].field", equalTo("username"));
        }
        // a name differing from an existing one only in case is refused (look-alike accounts)
        admin().contentType(ContentType.JSON)
                .body(Map.of("username", user.toUpperCase(), "password", TestUsers.PASSWORD, "role", "NURSE",
                        "displayName", "x"))
                .post("/api/v1/users").then().statusCode(409).body("errors[0].field", equalTo("username"));
    }

    @Test
    void refreshRotatesAndAReusedRefreshTokenEndsTheWholeSession() throws InterruptedException {
        String user = newUser("DOCTOR");
        Response first = login(newClient(), user, TestUsers.PASSWORD);
        String refresh1 = first.path("refresh_token");

        Response second = refresh(refresh1);
        second.then().statusCode(200).body("access_token", notNullValue())
                .body("refresh_token", not(equalTo(refresh1))).body("token_type", equalTo("Bearer"));
        String access2 = second.path("access_token");
        String refresh2 = second.path("refresh_token");
        assertEquals(200, me(access2));

        // the used token again once the reuse grace (2 s in tests) is over: refused, and the session is over
        Thread.sleep(2_500);
        refresh(refresh1).then().statusCode(401).contentType("application/problem+json");
        refresh(refresh2).then().statusCode(401);
        assertEquals(401, me(access2));
        assertEquals(401, me(first.path("access_token")));
        // and audited as reuse, naming the session
        admin().queryParam("action", "REVOKE").queryParam("size", 100).get("/api/v1/audit").then().statusCode(200)
                .body("items.detail", org.hamcrest.Matchers.hasItem(
                        "refresh token reused: session " + sessionOf(access2) + " ended"));
        // a new sign-in is a new session and works
        assertEquals(200, me(login(newClient(), user, TestUsers.PASSWORD).path("access_token")));
        refresh("not-a-token").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void aRefreshTokenPresentedTwiceAtOnceKeepsTheSessionWithinTheGrace() {
        String user = newUser("NURSE");
        Response first = login(newClient(), user, TestUsers.PASSWORD);
        String refresh1 = first.path("refresh_token");

        // two tabs renewing at the same instant: both present refresh1, both get a working pair of the same session
        Response tabA = refresh(refresh1);
        Response tabB = refresh(refresh1);
        tabA.then().statusCode(200);
        tabB.then().statusCode(200);
        String refreshA = tabA.path("refresh_token");
        String refreshB = tabB.path("refresh_token");
        assertNotEquals(refreshA, refreshB, "sibling pairs");
        assertEquals(sessionOf(tabA.path("access_token")), sessionOf(tabB.path("access_token")), "one session");
        assertEquals(200, me(tabA.path("access_token")));
        assertEquals(200, me(tabB.path("access_token")));
        // each tab goes on renewing with its own token
        refresh(refreshA).then().statusCode(200);
        refresh(refreshB).then().statusCode(200);
    }

    @Test
    void logoutEndsTheSessionsTokensButNotOtherSessions() {
        String user = newUser("NURSE");
        Response session = login(newClient(), user, TestUsers.PASSWORD);
        Response other = login(newClient(), user, TestUsers.PASSWORD);
        assertEquals(200, me(session.path("access_token")));

        given().contentType(ContentType.JSON).body(Map.of("refresh_token", session.path("refresh_token")))
                .post("/api/v1/auth/logout").then().statusCode(204);
        assertEquals(401, me(session.path("access_token")));
        refresh(session.path("refresh_token")).then().statusCode(401);
        assertEquals(200, me(other.path("access_token")));
        refresh(other.path("refresh_token")).then().statusCode(200);
    }

    @Test
    void disablingAnAccountEndsItsTokensIncludingTheChangeFeed() {
        String user = newUser("ANALYST");
        long id = idOf(user);
        Response session = login(newClient(), user, TestUsers.PASSWORD);
        String access = session.path("access_token");
        given().auth().oauth2(access).queryParam("after", 0).queryParam("limit", 1).get("/api/v1/changes")
                .then().statusCode(200);

        admin().contentType(ContentType.JSON).body(Map.of("displayName", "disabled analyst", "enabled", false))
                .put("/api/v1/users/" + id).then().statusCode(200).body("enabled", equalTo(false));
        given().auth().oauth2(access).queryParam("after", 0).queryParam("limit", 1).get("/api/v1/changes")
                .then().statusCode(401).contentType("application/problem+json");
        refresh(session.path("refresh_token")).then().statusCode(401);
        login(newClient(), user, TestUsers.PASSWORD).then().statusCode(401);
        admin().queryParam("username", "test-admin").get("/api/v1/audit").then().statusCode(200)
                .body("items.detail", org.hamcrest.Matchers.hasItem("tokens of " + user + " revoked: disabled"));

        // enabled again: a new sign-in works, the old token stays dead
        admin().contentType(ContentType.JSON).body(Map.of("displayName", "analyst", "enabled", true))
                .put("/api/v1/users/" + id).then().statusCode(200);
        assertEquals(200, me(login(newClient(), user, TestUsers.PASSWORD).path("access_token")));
        assertEquals(401, me(access));
    }

    @Test
    void aNewPasswordOrRoleEndsTheTokens() {
        String user = newUser("NURSE");
        long id = idOf(user);
        String beforePassword = login(newClient(), user, TestUsers.PASSWORD).path("access_token");
        admin().contentType(ContentType.JSON).body(Map.of("password", "another-password-2"))
                .put("/api/v1/users/" + id + "/password").then().statusCode(204);
        assertEquals(401, me(beforePassword));
        String afterPassword = login(newClient(), user, "another-password-2").path("access_token");
        assertEquals(200, me(afterPassword));

        admin().contentType(ContentType.JSON).body(Map.of("displayName", "now a pharmacist", "enabled", true,
                        "role", "PHARMACIST"))
                .put("/api/v1/users/" + id).then().statusCode(200).body("role", equalTo("PHARMACIST"));
        assertEquals(401, me(afterPassword));
        given().auth().oauth2(login(newClient(), user, "another-password-2").path("access_token").toString())
                .get("/api/v1/users/me").then().statusCode(200).body("role", equalTo("PHARMACIST"));

        // a display-name edit alone revokes nothing
        String current = login(newClient(), user, "another-password-2").path("access_token");
        admin().contentType(ContentType.JSON).body(Map.of("displayName", "renamed", "enabled", true))
                .put("/api/v1/users/" + id).then().statusCode(200);
        assertEquals(200, me(current));
    }

    @Test
    void theRevocationListIsPublishedForTheOtherServices() {
        String user = newUser("NURSE");
        long id = idOf(user);
        admin().contentType(ContentType.JSON).body(Map.of("password", "another-password-3"))
                .put("/api/v1/users/" + id + "/password").then().statusCode(204);
        given().get("/api/v1/auth/revocations").then().statusCode(200)
                .body("users.find { it.id == " + id + " }.tokenVersion", equalTo(1))
                .body("asOf", notNullValue());
    }

    /** The sign-in session (sid claim) of an access token. */
    private static String sessionOf(String accessToken) {
        return new io.vertx.core.json.JsonObject(new String(java.util.Base64.getUrlDecoder()
                .decode(accessToken.split("\\.")[1]), java.nio.charset.StandardCharsets.UTF_8)).getString("sid");
    }

    private static Response refresh(String refreshToken) {
        return given().contentType(ContentType.JSON).body(Map.of("refresh_token", refreshToken))
                .post("/api/v1/auth/refresh");
    }

    private static long timed(Runnable call) {
        long start = System.nanoTime();
        call.run();
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
