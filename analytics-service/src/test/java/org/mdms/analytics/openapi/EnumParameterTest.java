package org.mdms.analytics.openapi;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.mdms.local.testing.PatientServiceResource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The document's enums are the server's closed sets, walked from /q/openapi and tried on the running service (GET
 * operations, as admin): every declared value of a query parameter is accepted, a value outside the set is refused
 * with 400 naming the parameter, and a string parameter declared without enum, pattern or format is not one the
 * server refuses free text for (else it is a closed set the document does not declare). FREE_TEXT_PARSED names the
 * few parsed parameters whose rule lives in the description instead (dates, months or instants that differ per
 * operation; sort's field list).
 */
@QuarkusTest
@QuarkusTestResource(value = PatientServiceResource.class, restrictToAnnotatedClass = false)
class EnumParameterTest {

    private static final Set<String> FREE_TEXT_PARSED = Set.of("from", "to", "date");
    private static final String JUNK = "zzz-not-a-value";

    record Param(String path, String name, List<Object> values, boolean constrained) {
    }

    @SuppressWarnings("unchecked")
    private static List<Param> queryParameters(JsonPath doc) {
        List<Param> all = new ArrayList<>();
        Map<String, Map<String, Object>> paths = doc.getMap("paths");
        paths.forEach((path, item) -> {
            if (!(item.get("get") instanceof Map<?, ?> get) || !(get.get("parameters") instanceof List<?> params)) {
                return;
            }
            for (Object p : params) {
                Map<String, Object> param = (Map<String, Object>) p;
                Map<String, Object> schema = (Map<String, Object>) param.getOrDefault("schema", Map.of());
                if (schema.get("$ref") instanceof String ref) {
                    schema = doc.getMap("components.schemas." + ref.substring(ref.lastIndexOf('/') + 1));
                }
                Object type = schema.get("type");
                boolean string = "string".equals(type) || type instanceof List<?> l && l.contains("string");
                List<Object> values = (List<Object>) schema.get("enum");
                if (!"query".equals(param.get("in")) || !string && values == null) {
                    continue;
                }
                all.add(new Param(path, (String) param.get("name"), values,
                        schema.containsKey("pattern") || schema.containsKey("format")));
            }
        });
        return all;
    }

    private static boolean refusedNaming(Response answer, String name) {
        if (answer.statusCode() != 400) {
            return false;
        }
        List<String> fields = answer.jsonPath().getList("errors.field");
        return fields != null && fields.contains(name);
    }

    private static String token;

    /** An admin of the real patient-service the test resource started. */
    private static synchronized String adminToken() {
        if (token == null) {
            token = given().baseUri(PatientServiceResource.baseUrl()).contentType(ContentType.JSON)
                    .body(Map.of("username", "admin", "password", "mdms-demo"))
                    .post("/api/v1/auth/login").then().statusCode(200).extract().path("access_token");
        }
        return token;
    }

    private Response ask(String path, String name, Object value) {
        return given().auth().oauth2(adminToken()).queryParam(name, value).get(path.replaceAll("\\{[^}]+}", "1"));
    }

    @Test
    void everyEnumIsTheServersClosedSetAndNoClosedSetIsUndeclared() {
        JsonPath doc = JsonPath.from(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().asString());
        List<Param> params = queryParameters(doc);
        List<String> wrong = new ArrayList<>();
        int enums = 0;
        for (Param p : params) {
            if (p.values() != null) {
                enums++;
                for (Object value : p.values()) {
                    if (refusedNaming(ask(p.path(), p.name(), value), p.name())) {
                        wrong.add(p.path() + "?" + p.name() + "=" + value + " is declared but refused");
                    }
                }
                if (!refusedNaming(ask(p.path(), p.name(), JUNK), p.name())) {
                    wrong.add(p.path() + "?" + p.name() + " accepts a value outside its enum " + p.values());
                }
            } else if (!p.constrained() && !FREE_TEXT_PARSED.contains(p.name())
                    && refusedNaming(ask(p.path(), p.name(), JUNK), p.name())) {
                wrong.add(p.path() + "?" + p.name() + " is a closed set on the server but a plain string in the document");
            }
        }
        assertEquals(List.of(), wrong);
        assertTrue(enums >= 7, "the document declares the service's enum parameters: " + enums);
    }
}
