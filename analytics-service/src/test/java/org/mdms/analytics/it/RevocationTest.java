package org.mdms.analytics.it;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.mdms.local.testing.PatientServiceResource;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tokens patient-service revokes are refused here too, within mdms.analytics.revocation-refresh (5 s) plus the time
 * a request takes on a busy machine; the change-feed reader gets past the revocation of its own account's token.
 * Against the real patient-service (PatientServiceResource, declared for all classes by the *AgainstRecordsTest
 * classes).
 */
@QuarkusTest
class RevocationTest {

    private static final String PASSWORD = "revocation-test-1";
    private static final Duration WITHIN = Duration.ofSeconds(5 + 3);

    private static long createAnalyst(Peer admin, String username) {
        Number id = admin.records().body(Map.of("username", username, "password", PASSWORD, "role", "ANALYST",
                        "displayName", "吊销测试"))
                .post("/api/v1/users").then().statusCode(201).extract().path("id");
        return id.longValue();
    }

    private static int runs(String token) {
        return RestAssured.given().header("Authorization", "Bearer " + token).get("/api/v1/reconciliation/runs")
                .statusCode();
    }

    private static String login(String username, String password) {
        return RestAssured.given().baseUri(PatientServiceResource.baseUrl()).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password)).post("/api/v1/auth/login")
                .then().statusCode(200).extract().path("access_token");
    }

    private static void setEnabled(Peer admin, long userId, boolean enabled) {
        admin.records().body(Map.of("displayName", "吊销测试", "enabled", enabled))
                .put("/api/v1/users/" + userId).then().statusCode(200);
    }

    @Test
    void aDisabledAccountsTokenIsRefusedWithinTheBound() throws Exception {
        Peer admin = Peer.login("admin");
        String username = "revoke-" + UUID.randomUUID().toString().substring(0, 8);
        long id = createAnalyst(admin, username);
        String token = login(username, PASSWORD);
        assertEquals(200, runs(token));

        setEnabled(admin, id, false);
        long start = System.nanoTime();
        while (runs(token) != 401) {
            assertTrue(System.nanoTime() - start < WITHIN.toNanos() * 2, "still accepted");
            Thread.sleep(200);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(WITHIN) <= 0, "refused after " + took);
        RestAssured.given().header("Authorization", "Bearer " + token).get("/api/v1/reconciliation/runs").then()
                .statusCode(401).contentType("application/problem+json");
    }

    @Test
    void theFeedReaderSignsInAgainWhenItsTokenIsRevoked() {
        Peer admin = Peer.login("admin");
        Number feedAccount = admin.records().queryParam("search", "analyst").queryParam("role", "ANALYST")
                .get("/api/v1/users").then().statusCode(200)
                .extract().path("items.find { it.username == 'analyst' }.id");
        // a sync signs the feed reader in; then its account is disabled and enabled again, which revokes that token
        Peer.login("analyst").analytics().post("/api/v1/sync").then().statusCode(200);
        setEnabled(admin, feedAccount.longValue(), false);
        setEnabled(admin, feedAccount.longValue(), true);

        Peer.login("analyst").analytics().post("/api/v1/sync").then().statusCode(200);
        Peer.login("analyst").analytics().get("/api/v1/sync/status").then().statusCode(200)
                .body("feedError", equalTo(null));
    }
}
