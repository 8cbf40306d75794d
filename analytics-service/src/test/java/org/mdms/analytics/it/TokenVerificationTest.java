package org.mdms.analytics.it;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.mdms.local.testing.PatientServiceResource;
import org.mdms.local.testing.ResignedTokens;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * A token that passed verification is recognised again without verifying it (sync/VerifiedTokens): only that exact
 * string. A token altered after its genuine form was accepted (signature or claims) is still refused, and a doctor's
 * token still gets a doctor's answers. Against the real patient-service, which signs the tokens.
 */
@QuarkusTest
class TokenVerificationTest {

    private static String login(String username) {
        return RestAssured.given().baseUri(PatientServiceResource.baseUrl()).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", "mdms-demo")).post("/api/v1/auth/login")
                .then().statusCode(200).extract().path("access_token");
    }

    private static int runs(String token) {
        return RestAssured.given().header("Authorization", "Bearer " + token).get("/api/v1/reconciliation/runs")
                .statusCode();
    }

    @Test
    void aTokenAlteredAfterItsGenuineFormWasAcceptedIsRefused() {
        String token = login("admin");
        assertEquals(200, runs(token));
        assertEquals(200, runs(token));

        String[] parts = token.split("\\.");
        // the signature changed in one character
        char last = parts[2].charAt(parts[2].length() - 2);
        String otherSignature = parts[2].substring(0, parts[2].length() - 2) + (last == 'A' ? 'B' : 'A')
                + parts[2].charAt(parts[2].length() - 1);
        RestAssured.given().header("Authorization", "Bearer " + parts[0] + "." + parts[1] + "." + otherSignature)
                .get("/api/v1/reconciliation/runs").then().statusCode(401).contentType("application/problem+json");
        // the claims changed (a longer life), the genuine signature kept
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replaceFirst("\"exp\":(\\d+)", "\"exp\":4102444800");
        String otherClaims = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        assertNotEquals(parts[1], otherClaims, "the claims were not changed");
        RestAssured.given().header("Authorization", "Bearer " + parts[0] + "." + otherClaims + "." + parts[2])
                .get("/api/v1/reconciliation/runs").then().statusCode(401).contentType("application/problem+json");

        assertEquals(200, runs(token));
    }

    @Test
    void aTokenTenSecondsPastItsExpiryIsRefused() {
        // the same token signed again with patient-service's dev key: a later exp is accepted, 10 s past exp is not
        // (mp.jwt.verify.clock.skew 5 s, not smallrye-jwt's default minute)
        String token = login("admin");
        assertEquals(200, runs(ResignedTokens.expiringAt(token, Instant.now().plusSeconds(60))));
        RestAssured.given().header("Authorization", "Bearer "
                        + ResignedTokens.expiringAt(token, Instant.now().minusSeconds(10)))
                .get("/api/v1/reconciliation/runs").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void aRecognisedDoctorsTokenKeepsADoctorsRights() {
        String token = login("doctor");
        for (int i = 0; i < 2; i++) {
            RestAssured.given().header("Authorization", "Bearer " + token).get("/api/v1/reconciliation/runs")
                    .then().statusCode(403).contentType("application/problem+json");
        }
    }
}
