package org.mdms.analytics.openapi;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.mdms.local.testing.PatientServiceResource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * analytics' examples are its parameters' (it takes no request body): every question (GET) is asked, as admin, with
 * each parameter set to its example (path ids, months, days, instants, enums) and must answer 200, JSON or the
 * chart's bytes. The warehouse is synced first from the real patient-service, whose demo hospital holds the records
 * the examples name.
 */
@QuarkusTest
@QuarkusTestResource(value = PatientServiceResource.class, restrictToAnnotatedClass = false)
class OperationExampleTest {

    /** A demo account of the real patient-service the test resource started. */
    private static String login(String user) {
        return given().baseUri(PatientServiceResource.baseUrl()).contentType(ContentType.JSON)
                .body(Map.of("username", user, "password", "mdms-demo"))
                .post("/api/v1/auth/login").then().statusCode(200).extract().path("access_token");
    }

    @SuppressWarnings("unchecked")
    @Test
    void everyQuestionAskedWithItsExamplesAnswers200() {
        JsonPath doc = JsonPath.from(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().asString());
        Map<String, Map<String, Object>> paths = doc.getMap("paths");
        String admin = login("admin");
        // what the examples name (department 1, doctor 1, drug 1, patient 1: the demo hospital's) comes from the feed
        given().auth().oauth2(login("analyst")).post("/api/v1/sync").then().statusCode(200);
        List<String> failed = new ArrayList<>();
        int asked = 0;
        for (var path : paths.entrySet()) {
            if (!(path.getValue().get("get") instanceof Map<?, ?> op)) {
                continue;
            }
            String url = path.getKey();
            Map<String, Object> query = new HashMap<>();
            for (Object p : op.get("parameters") instanceof List<?> l ? l : List.of()) {
                Map<String, Object> param = (Map<String, Object>) p;
                Object example = param.get("example");
                assertTrue(example != null, op.get("operationId") + " " + param.get("name") + " has an example");
                if ("path".equals(param.get("in"))) {
                    url = url.replace("{" + param.get("name") + "}", String.valueOf(example));
                } else if ("query".equals(param.get("in"))) {
                    query.put((String) param.get("name"), example);
                }
            }
            Response answer = given().auth().oauth2(admin).queryParams(query).get(url);
            asked++;
            if (answer.statusCode() != 200) {
                failed.add(op.get("operationId") + " " + url + " " + query + " answered " + answer.statusCode() + " "
                        + answer.asString());
            }
        }
        assertTrue(asked >= 15, "questions asked: " + asked);
        assertEquals(List.of(), failed);
    }
}
