package org.mdms.analytics.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.mdms.local.testing.PatientServiceResource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** The real patient-service started by PatientServiceResource: log in as a demo user and call its API. */
final class Peer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String username;
    private final String password;
    private String token;
    private long signedInAt;
    final JsonNode claims;

    private Peer(String username, String password) {
        this.username = username;
        this.password = password;
        try {
            this.claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(token().split("\\.")[1]),
                    StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Peer login(String username) {
        return new Peer(username, "mdms-demo");
    }

    static Peer login(String username, String password) {
        return new Peer(username, password);
    }

    /** The access token, signed in again after 10 minutes (access tokens live 15). */
    synchronized String token() {
        if (token == null || System.nanoTime() - signedInAt > java.util.concurrent.TimeUnit.MINUTES.toNanos(10)) {
            token = RestAssured.given().baseUri(PatientServiceResource.baseUrl()).contentType(ContentType.JSON)
                    .body(Map.of("username", username, "password", password))
                    .post("/api/v1/auth/login").then().statusCode(200).extract().path("access_token");
            signedInAt = System.nanoTime();
        }
        return token;
    }

    long staffId() {
        return claims.path("staff_id").asLong();
    }

    /** A request to patient-service as this user. */
    RequestSpecification records() {
        return RestAssured.given().baseUri(PatientServiceResource.baseUrl()).contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + token());
    }

    /** A request to analytics-service (the service under test) as this user. */
    RequestSpecification analytics() {
        return RestAssured.given().header("Authorization", "Bearer " + token());
    }
}
