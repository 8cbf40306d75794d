package org.mdms.analytics.openapi;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.mdms.local.testing.ParameterConstraints;
import org.mdms.local.testing.PatientServiceResource;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The document's query-parameter constraints are this service's (see {@link ParameterConstraints}). */
@QuarkusTest
@QuarkusTestResource(value = PatientServiceResource.class, restrictToAnnotatedClass = false)
class ParameterConstraintTest {

    private static String token;

    /** An admin of the real patient-service the test resource started. */
    private static synchronized String token() {
        if (token == null) {
            token = given().baseUri(PatientServiceResource.baseUrl()).contentType(ContentType.JSON)
                    .body(Map.of("username", "admin", "password", "mdms-demo"))
                    .post("/api/v1/auth/login").then().statusCode(200).extract().path("access_token");
        }
        return token;
    }

    @Test
    void everyDeclaredConstraintIsTheServersAndNoServerRuleIsUndeclared() {
        ParameterConstraints.Result found = ParameterConstraints.check(ParameterConstraintTest::token);
        assertEquals(List.of(), found.wrong());
        int enums = found.enums();
        int patterns = found.patterns();
        assertTrue(enums >= 7, "the document declares the service's enum parameters: " + enums);
        assertTrue(patterns >= 15, "the document declares the service's patterns and formats: " + patterns);
    }
}
