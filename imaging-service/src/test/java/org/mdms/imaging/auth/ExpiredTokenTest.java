package org.mdms.imaging.auth;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.mdms.imaging.support.Peers;
import org.mdms.local.testing.ResignedTokens;

import java.time.Instant;

import static io.restassured.RestAssured.given;

/**
 * An access token is refused a few seconds after its exp (mp.jwt.verify.clock.skew, 5 s), not smallrye-jwt's
 * default minute: the same token signed again with a later exp is accepted, 10 s past exp it is not. The token comes
 * from the real patient-service, signed again with its dev key.
 */
@QuarkusTest
class ExpiredTokenTest {

    @Test
    void aTokenTenSecondsPastItsExpiryIsRefused() {
        String token = Peers.login("admin", Peers.PASSWORD).path("access_token");
        given().header("Authorization", "Bearer " + ResignedTokens.expiringAt(token, Instant.now().plusSeconds(60)))
                .get("/api/v1/images/categories").then().statusCode(200);
        given().header("Authorization", "Bearer " + ResignedTokens.expiringAt(token, Instant.now().minusSeconds(10)))
                .get("/api/v1/images/categories").then().statusCode(401);
    }
}
