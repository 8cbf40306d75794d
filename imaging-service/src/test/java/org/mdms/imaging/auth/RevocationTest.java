package org.mdms.imaging.auth;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.mdms.imaging.support.Peers;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tokens patient-service revokes are refused here too, within mdms.patient.revocation-refresh (5 s) plus the time a
 * request takes on a busy machine. Against the real patient-service.
 */
@QuarkusTest
class RevocationTest {

    private static final String PASSWORD = "revocation-test-1";
    /** The stated bound, plus a margin for a busy 2-core machine. */
    private static final Duration WITHIN = Duration.ofSeconds(5 + 3);

    private static long createUser(String username) {
        Number id = given().baseUri(Peers.url()).header("Authorization", Peers.bearer("admin"))
                .contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", PASSWORD, "role", "TECHNICIAN",
                        "displayName", "吊销测试"))
                .post("/api/v1/users").then().statusCode(201).extract().path("id");
        return id.longValue();
    }

    private static int categories(String token) {
        return given().header("Authorization", "Bearer " + token).get("/api/v1/images/categories").statusCode();
    }

    private static int patientServiceMe(String token) {
        return given().baseUri(Peers.url()).header("Authorization", "Bearer " + token).get("/api/v1/users/me")
                .statusCode();
    }

    /** Polls until imaging answers 401, and returns how long that took. */
    private static Duration refusedAfter(String token) throws InterruptedException {
        long start = System.nanoTime();
        while (categories(token) != 401) {
            assertTrue(System.nanoTime() - start < WITHIN.toNanos() * 2, "still accepted after " + WITHIN.multipliedBy(2));
            Thread.sleep(200);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Test
    void aDisabledAccountsTokenIsRefusedWithinTheBound() throws Exception {
        String username = "revoke-" + UUID.randomUUID().toString().substring(0, 8);
        long id = createUser(username);
        String token = Peers.login(username, PASSWORD).path("access_token");
        assertEquals(200, categories(token));

        given().baseUri(Peers.url()).header("Authorization", Peers.bearer("admin")).contentType(ContentType.JSON)
                .body(Map.of("displayName", "吊销测试", "enabled", false))
                .put("/api/v1/users/" + id).then().statusCode(200);
        assertEquals(401, patientServiceMe(token));
        Duration took = refusedAfter(token);
        assertTrue(took.compareTo(WITHIN) <= 0, "refused after " + took);
        given().header("Authorization", "Bearer " + token).get("/api/v1/images/categories").then()
                .statusCode(401).contentType("application/problem+json");
    }

    @Test
    void aSignedOutSessionIsRefusedWithinTheBoundOtherSessionsWork() throws Exception {
        String username = "logout-" + UUID.randomUUID().toString().substring(0, 8);
        createUser(username);
        var session = Peers.login(username, PASSWORD);
        String other = Peers.login(username, PASSWORD).path("access_token");
        String token = session.path("access_token");
        assertEquals(200, categories(token));

        given().baseUri(Peers.url()).contentType(ContentType.JSON)
                .body(Map.of("refresh_token", session.path("refresh_token")))
                .post("/api/v1/auth/logout").then().statusCode(204);
        Duration took = refusedAfter(token);
        assertTrue(took.compareTo(WITHIN) <= 0, "refused after " + took);
        assertEquals(200, categories(other));
    }
}
