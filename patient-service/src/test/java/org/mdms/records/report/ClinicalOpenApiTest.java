package org.mdms.records.report;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The clinical endpoints are described in the OpenAPI document, with examples, and hide server-owned prices. */
@QuarkusTest
class ClinicalOpenApiTest {

    @Test
    void clinicalEndpointsAreDocumented() {
        JsonPath doc = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().jsonPath();
        Map<String, Object> paths = doc.getMap("paths");
        for (String path : List.of("/api/v1/drugs", "/api/v1/drugs/{id}", "/api/v1/drugs/{id}/deactivate",
                "/api/v1/visits", "/api/v1/visits/{id}", "/api/v1/visits/{id}/close", "/api/v1/examinations",
                "/api/v1/examinations/{id}", "/api/v1/prescriptions", "/api/v1/prescriptions/{id}",
                "/api/v1/prescriptions/{id}/dispense", "/api/v1/prescriptions/{id}/cancel", "/api/v1/vital-signs",
                "/api/v1/vital-signs/{id}", "/api/v1/vital-signs/batch", "/api/v1/reports/prescription-totals")) {
            assertTrue(paths.containsKey(path), path + " is documented");
        }
        Map<String, Object> item = doc.getMap("components.schemas.PrescriptionItemRequest.properties");
        assertTrue(item.containsKey("drugId") && item.containsKey("quantity"));
        assertFalse(item.containsKey("unitPrice"), "clients are not invited to send prices");
        assertFalse(doc.getMap("components.schemas.PrescriptionRequest.properties").containsKey("totalAmount"));
        assertNotNull(doc.get("components.schemas.VisitRequest.properties.diagnosisCode.examples"),
                () -> String.valueOf(doc.getMap("components.schemas.VisitRequest")));
        assertNotNull(doc.get("components.schemas.VitalSignRequest.description"));
        assertNotNull(doc.get("paths.'/api/v1/prescriptions'.post.description"));
        assertNotNull(doc.get("components.schemas.VisitStatus"));
        assertNotNull(doc.get("components.schemas.PrescriptionStatus"));
    }
}
