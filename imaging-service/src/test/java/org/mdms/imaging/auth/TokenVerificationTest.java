package org.mdms.imaging.auth;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.mdms.imaging.support.Peers;
import org.mdms.local.testing.ResignedTokens;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * A token that passed verification is recognised again without verifying it (patient/VerifiedTokens): only that exact
 * string, and only until its exp. A token altered after its genuine form was accepted (signature or claims) is still
 * refused, an accepted token is refused once it has expired, and a doctor's recognised token keeps a doctor's rights.
 * Revocation of a recognised token: RevocationTest. Against the real patient-service, which signs the tokens.
 */
@QuarkusTest
class TokenVerificationTest {

    private static int categories(String token) {
        return given().header("Authorization", "Bearer " + token).get("/api/v1/images/categories").statusCode();
    }

    @Test
    void aTokenAlteredAfterItsGenuineFormWasAcceptedIsRefused() {
        String token = Peers.login("admin", Peers.PASSWORD).path("access_token");
        assertEquals(200, categories(token));
        assertEquals(200, categories(token));

        String[] parts = token.split("\\.");
        // the signature changed in one character (not the last, whose low bits base64url may ignore)
        char changed = parts[2].charAt(parts[2].length() - 2);
        String otherSignature = parts[2].substring(0, parts[2].length() - 2) + (changed == 'A' ? 'B' : 'A')
                + parts[2].charAt(parts[2].length() - 1);
        given().header("Authorization", "Bearer " + parts[0] + "." + parts[1] + "." + otherSignature)
                .get("/api/v1/images/categories").then().statusCode(401);
        // the claims changed (a longer life), the genuine signature kept
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replaceFirst("\"exp\":(\\d+)", "\"exp\":4102444800");
        String otherClaims = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        assertNotEquals(parts[1], otherClaims, "the claims were not changed");
        given().header("Authorization", "Bearer " + parts[0] + "." + otherClaims + "." + parts[2])
                .get("/api/v1/images/categories").then().statusCode(401);

        assertEquals(200, categories(token));
    }

    @Test
    void anAcceptedTokenIsRefusedOnceItHasExpired() throws InterruptedException {
        // accepted twice (the second time recognised), then refused past exp + mp.jwt.verify.clock.skew (5 s)
        Instant exp = Instant.now().plusSeconds(2);
        String token = ResignedTokens.expiringAt(Peers.login("admin", Peers.PASSWORD).path("access_token"), exp);
        assertEquals(200, categories(token));
        assertEquals(200, categories(token));
        Thread.sleep(Math.max(0, exp.plusSeconds(5 + 1).toEpochMilli() - System.currentTimeMillis()));
        given().header("Authorization", "Bearer " + token).get("/api/v1/images/categories").then().statusCode(401);
    }

    @Test
    void aRecognisedDoctorsTokenKeepsADoctorsRights() {
        String doctor = Peers.login("doctor", Peers.PASSWORD).path("access_token");
        for (int i = 0; i < 2; i++) {
            // the audit log is an administrator's
            given().header("Authorization", "Bearer " + doctor).get("/api/v1/images/audit").then().statusCode(403);
        }
    }
}
