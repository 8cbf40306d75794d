package org.mdms.records.openapi;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.mdms.records.TestUsers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The request examples of the document are requests the service takes: each JSON body example is sent, as admin, to
 * its operation and must not be refused as bad input (400 or 415). Path ids name a record that does not exist, so an
 * update answers 404 after its body has been validated and no existing record is changed; 404, 409 and 422 (a
 * referenced record missing in this database) are not about the example's shape.
 */
@QuarkusTest
class OperationExampleTest {

    /** Seeding with the example plan writes a thousand patients into the shared test database. */
    private static final Set<String> NOT_SENT = Set.of("seedDemoData");
    private static final String NO_SUCH_RECORD = "987654321";

    @SuppressWarnings("unchecked")
    @Test
    void everyRequestExampleIsAcceptedAsInput() {
        JsonPath doc = JsonPath.from(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().asString());
        Map<String, Map<String, Object>> paths = doc.getMap("paths");
        String admin = TestUsers.adminToken();
        List<String> refused = new ArrayList<>();
        int sent = 0;
        for (var path : paths.entrySet()) {
            for (var method : path.getValue().entrySet()) {
                if (!(method.getValue() instanceof Map<?, ?> op) || !(op.get("requestBody") instanceof Map<?, ?> body)
                        || NOT_SENT.contains(op.get("operationId"))) {
                    continue;
                }
                Map<String, Object> media = (Map<String, Object>) ((Map<String, Object>) body.get("content"))
                        .get("application/json");
                if (media == null) {
                    continue;
                }
                Object example = media.get("example");
                assertTrue(example != null, op.get("operationId") + " has a request example");
                Response answer = given().auth().oauth2(admin).contentType("application/json").body(example)
                        .request(method.getKey().toUpperCase(), path.getKey().replaceAll("\\{[^}]+}", NO_SUCH_RECORD));
                sent++;
                if (Set.of(400, 415, 500).contains(answer.statusCode())) {
                    refused.add(op.get("operationId") + " " + answer.statusCode() + " " + answer.asString());
                }
            }
        }
        assertTrue(sent >= 20, "request examples sent: " + sent);
        assertEquals(List.of(), refused);
    }
}
