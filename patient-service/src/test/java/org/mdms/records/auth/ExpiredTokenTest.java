package org.mdms.records.auth;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.mdms.local.testing.ResignedTokens;
import org.mdms.records.TestUsers;

import java.time.Instant;

import static io.restassured.RestAssured.given;

/**
 * An access token is refused a few seconds after its exp (mp.jwt.verify.clock.skew, 5 s), not smallrye-jwt's
 * default minute: the same token signed again with a later exp is accepted, 10 s past exp it is not.
 */
@QuarkusTest
class ExpiredTokenTest {

    @Test
    void aTokenTenSecondsPastItsExpiryIsRefused() {
        TestUsers.adminToken(); // makes sure the first admin exists
        String token = TestUsers.login("test-admin", TestUsers.PASSWORD);
        given().auth().oauth2(ResignedTokens.expiringAt(token, Instant.now().plusSeconds(60)))
                .get("/api/v1/users/me").then().statusCode(200);
        given().auth().oauth2(ResignedTokens.expiringAt(token, Instant.now().minusSeconds(10)))
                .get("/api/v1/users/me").then().statusCode(401);
        // the console's cookie likewise: an expired session goes to the renewal, not to the page
        given().redirects().follow(false)
                .cookie("mdms_session", ResignedTokens.expiringAt(token, Instant.now().minusSeconds(10)))
                .get("/ui/home").then().statusCode(303);
    }
}
