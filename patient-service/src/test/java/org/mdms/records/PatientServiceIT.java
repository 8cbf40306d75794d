package org.mdms.records;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/**
 * The packaged patient-service (target/quarkus-app, profile prod) against the embedded MariaDB of
 * {@link EmbeddedDatabase}: it migrates its schema, creates the first admin from mdms.bootstrap.admin-password,
 * signs in, answers an authorised read and refuses bad input with problem+json.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = PatientServiceIT.FirstAdmin.class, restrictToAnnotatedClass = true)
class PatientServiceIT {

    static final String ADMIN_PASSWORD = "packaged-admin-secret";

    /** The production way to the first sign-in: the bootstrap password, passed to the jar like any setting. */
    public static class FirstAdmin implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.of("mdms.bootstrap.admin-password", ADMIN_PASSWORD);
        }

        @Override
        public void stop() {
        }
    }

    private static String adminToken() {
        return given().contentType(ContentType.JSON).body(Map.of("username", "admin", "password", ADMIN_PASSWORD))
                .post("/api/v1/auth/login").then().statusCode(200).extract().path("access_token");
    }

    @Test
    void isReadyWithItsDatabase() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void theBootstrappedAdminSignsInAndRegistersAndReadsAPatient() {
        String token = adminToken();
        given().auth().oauth2(token).get("/api/v1/users/me").then().statusCode(200).body("role", equalTo("ADMIN"));
        String mrn = "IT-" + UUID.randomUUID().toString().substring(0, 8);
        String location = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("mrn", mrn, "name", "集成测试", "gender", "FEMALE", "birthDate", "1980-05-17"))
                .post("/api/v1/patients").then().statusCode(201).extract().header("Location");
        given().auth().oauth2(token).get(location).then().statusCode(200)
                .body("mrn", equalTo(mrn)).body("name", equalTo("集成测试"));
        given().auth().oauth2(token).get("/api/v1/patients?name=集成&size=5").then().statusCode(200)
                .body("items.mrn", hasItems(mrn));
        given().auth().oauth2(token).get("/api/v1/patients/" + Integer.MAX_VALUE).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void badInputAndAMissingTokenAreRefusedWithProblemJson() {
        given().auth().oauth2(adminToken()).contentType(ContentType.JSON)
                .body(Map.of("mrn", "IT-BAD", "gender", "FEMALE", "birthDate", "2999-01-01"))
                .post("/api/v1/patients").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("name", "birthDate"));
        given().get("/api/v1/patients").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("username", "admin", "password", "wrong-password"))
                .post("/api/v1/auth/login").then().statusCode(401).contentType("application/problem+json");
    }

    /** StrictJson and BodyLimit live in mdms-common: a packaged jar finds them only through its META-INF/beans.xml. */
    @Test
    void theSharedInputRulesHoldInThePackagedJar() {
        given().contentType(ContentType.JSON)
                .body("{\"username\": \"admin\", \"username\": \"admin\", \"password\": \"" + ADMIN_PASSWORD + "\"}")
                .post("/api/v1/auth/login").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("username"));
        given().contentType(ContentType.JSON).body("{\"username\": \"" + "x".repeat(11 * 1024 * 1024) + "\"}")
                .post("/api/v1/auth/login").then().statusCode(413).contentType("application/problem+json");
    }
}
