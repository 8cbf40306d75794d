package org.mdms.records.auth;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class AuthResourceTest {

    @Test
    void jwksPublishesTheRsaKey() {
        given().get("/api/v1/auth/jwks").then().statusCode(200)
                .body("keys", hasSize(1))
                .body("keys[0].kty", equalTo("RSA"))
                .body("keys[0].alg", equalTo("RS256"))
                .body("keys[0].n", notNullValue());
    }

    @Test
    void wrongPasswordIsA401Problem() {
        given().contentType("application/json").body("{\"username\":\"nobody\",\"password\":\"x\"}")
                .post("/api/v1/auth/login").then().statusCode(401)
                .contentType("application/problem+json")
                .body("status", equalTo(401));
    }

    @Test
    void missingFieldsNameTheField() {
        given().contentType("application/json").body("{\"username\":\"admin\"}")
                .post("/api/v1/auth/login").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("password"));
    }
}
