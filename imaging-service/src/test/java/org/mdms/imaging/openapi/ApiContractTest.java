package org.mdms.imaging.openapi;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The published document (/q/openapi) is the contract generated clients are built from: every operation is named,
 * secured by the one bearer scheme or explicitly public, every error answer is a Problem, creates answer 201 with
 * the entity, and what the document says about security is what the running service does.
 */
@QuarkusTest
class ApiContractTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    private static final Set<String> PUBLIC = Set.of();
    private static final Set<String> CREATES = Set.of("uploadImage");
    private static final Set<String> BINARIES = Set.of("downloadImage", "getImageThumbnail", "getImagePreview");

    private String raw;
    private JsonPath doc;

    @BeforeEach
    void load() {
        raw = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        doc = JsonPath.from(raw);
    }

    record Operation(String method, String path, Map<String, Object> body) {
        String id() {
            return (String) body.get("operationId");
        }

        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> responses() {
            return (Map<String, Map<String, Object>>) body.get("responses");
        }

        @Override
        public String toString() {
            return method.toUpperCase() + " " + path;
        }
    }

    @SuppressWarnings("unchecked")
    private List<Operation> operations() {
        List<Operation> all = new ArrayList<>();
        Map<String, Map<String, Object>> paths = doc.getMap("paths");
        paths.forEach((path, item) -> item.forEach((method, body) -> {
            if (METHODS.contains(method)) {
                all.add(new Operation(method, path, (Map<String, Object>) body));
            }
        }));
        assertTrue(all.size() > 15, "the document lists the service's operations: " + all.size());
        return all;
    }

    @Test
    void everyOperationHasAUniqueOperationId() {
        Set<String> seen = new HashSet<>();
        for (Operation op : operations()) {
            assertTrue(op.id() != null && op.id().matches("[a-z][A-Za-z]+"),
                    op + " needs an operationId: add a row to ApiContract");
            assertTrue(seen.add(op.id()), "operationId " + op.id() + " is used twice");
        }
        assertTrue(seen.containsAll(Set.of("uploadImage", "searchImages", "getImage", "downloadImage", "getImageThumbnail")));
    }

    @Test
    void oneBearerSchemeAppliedToEveryOperationAndPublicOnesMarked() {
        Map<String, Object> schemes = doc.getMap("components.securitySchemes");
        assertEquals(Set.of("bearer"), schemes.keySet(), "exactly one scheme is declared");
        assertEquals(Map.of("type", "http", "scheme", "bearer", "bearerFormat", "JWT"),
                Map.of("type", doc.get("components.securitySchemes.bearer.type"),
                        "scheme", doc.get("components.securitySchemes.bearer.scheme"),
                        "bearerFormat", doc.get("components.securitySchemes.bearer.bearerFormat")));
        for (Operation op : operations()) {
            assertTrue(op.body().containsKey("security"), op + " states its security");
            Object security = op.body().get("security");
            if (PUBLIC.contains(op.id())) {
                assertEquals(List.of(), security, op + " is public: security: []");
            } else {
                assertEquals(List.of(Map.of("bearer", List.of())), security, op + " needs the bearer token");
            }
        }
        List<String> servers = doc.getList("servers.url");
        assertFalse(servers == null || servers.isEmpty(), "servers are listed");
        assertTrue(servers.get(0).startsWith("http"), servers.toString());
    }

    @Test
    void everyErrorResponseIsAProblemAndTheExpectedStatusesAreDeclared() {
        assertEquals(Set.of("type", "title", "status", "detail", "instance", "errors"),
                doc.getMap("components.schemas.Problem.properties").keySet());
        assertEquals(Set.of("field", "message"), doc.getMap("components.schemas.FieldError.properties").keySet());
        for (Operation op : operations()) {
            Set<String> codes = new TreeSet<>(op.responses().keySet());
            boolean hasInput = op.body().get("parameters") instanceof List<?> l && !l.isEmpty()
                    || op.body().containsKey("requestBody");
            if (hasInput) {
                assertTrue(codes.contains("400"), op + " declares 400");
            }
            if (!PUBLIC.contains(op.id())) {
                assertTrue(codes.containsAll(Set.of("401", "403")), op + " declares 401 and 403");
            }
            if (op.path().contains("{id}")) {
                assertTrue(codes.contains("404"), op + " declares 404");
            }
            op.responses().forEach((code, response) -> {
                if (code.startsWith("4") || code.startsWith("5")) {
                    assertEquals("#/components/schemas/Problem", JsonPath.from(toJson(response))
                            .getString("content.'application/problem+json'.schema.$ref"), op + " " + code);
                    assertEquals(1, ((Map<?, ?>) response.get("content")).size(), op + " " + code + " only problem+json");
                }
            });
        }
    }

    @Test
    void createsDeclare201WithTheEntity() {
        int creates = 0;
        for (Operation op : operations()) {
            if (!CREATES.contains(op.id())) {
                continue;
            }
            creates++;
            assertFalse(op.responses().containsKey("200"), op + " does not answer 200");
            Map<String, Object> created = op.responses().get("201");
            String ref = JsonPath.from(toJson(created)).getString("content.'application/json'.schema.$ref");
            assertTrue(ref != null && ref.startsWith("#/components/schemas/"), op + " 201 has a body schema");
            assertTrue(created.containsKey("headers"), op + " 201 names its Location header");
        }
        assertEquals(CREATES.size(), creates);
    }

    @Test
    @SuppressWarnings("unchecked")
    void binariesAreTypedAsBinaryUnderImageMediaTypes() {
        int binaries = 0;
        for (Operation op : operations()) {
            if (!BINARIES.contains(op.id())) {
                continue;
            }
            binaries++;
            Map<String, Map<String, Object>> content = (Map<String, Map<String, Object>>) op.responses().get("200")
                    .get("content");
            assertTrue(content.containsKey("image/jpeg"), op + " " + content.keySet());
            content.forEach((type, media) -> {
                assertTrue(type.startsWith("image/"), op + " " + type);
                assertEquals(Map.of("type", "string", "format", "binary"), media.get("schema"), op + " " + type);
            });
        }
        assertEquals(BINARIES.size(), binaries);
    }

    @Test
    void everyReferenceResolves() {
        Matcher refs = Pattern.compile("\"\\$ref\"\\s*:\\s*\"#/components/schemas/([^\"]+)\"").matcher(raw);
        Set<String> schemas = doc.<String, Object>getMap("components.schemas").keySet();
        while (refs.find()) {
            assertTrue(schemas.contains(refs.group(1)), "schema " + refs.group(1) + " is declared");
        }
    }

    @Test
    void theDocumentTellsTheTruthAboutSecurity() {
        for (Operation op : operations()) {
            String path = op.path().replaceAll("\\{[^}]+}", "1");
            // a body of the media type the operation declares, so only the missing token can be wrong
            var request = given().redirects().follow(false);
            Object body = op.body().get("requestBody");
            if (body != null && String.valueOf(body).contains("multipart/form-data")) {
                request = request.multiPart("title", "x");
            } else if (body instanceof Map<?, ?> b && b.get("content") instanceof Map<?, ?> content
                    && !content.isEmpty()) {
                // the declared type: JSON, or bytes (a DICOM file)
                String type = String.valueOf(content.keySet().iterator().next());
                request = type.contains("json") ? request.contentType(type).body("{}")
                        : request.contentType(type).body(new byte[]{1, 2, 3});
            }
            Response answer = request.request(op.method(), path);
            if (PUBLIC.contains(op.id())) {
                assertTrue(answer.statusCode() != 401 && answer.statusCode() != 403, op + " is public");
            } else {
                assertEquals(401, answer.statusCode(), op + " without a token");
                assertTrue(answer.contentType().startsWith("application/problem+json"), op + " 401 is a Problem");
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyOperationHasAnExample() {
        List<String> missing = new ArrayList<>();
        for (Operation op : operations()) {
            if (op.body().get("requestBody") instanceof Map<?, ?> body && body.get("content") instanceof Map<?, ?> content) {
                content.forEach((type, media) -> {
                    if (!hasExample((Map<String, Object>) media)) {
                        missing.add(op + " request " + type);
                    }
                });
            }
            if (op.body().get("parameters") instanceof List<?> parameters) {
                for (Object parameter : parameters) {
                    Map<String, Object> p = (Map<String, Object>) parameter;
                    if (p.get("example") == null) {
                        missing.add(op + " parameter " + p.get("name"));
                    }
                }
            }
            op.responses().forEach((code, response) -> {
                if (code.startsWith("2") && response.get("content") instanceof Map<?, ?> content) {
                    content.forEach((type, media) -> {
                        // JSON bodies an example value; bytes, CSV and text an examples entry naming what they are
                        if (!hasExample((Map<String, Object>) media)) {
                            missing.add(op + " " + code + " " + type);
                        }
                    });
                }
            });
        }
        assertEquals(List.of(), missing, "an example on every parameter, request body and success body (openapi/Examples)");
    }

    @SuppressWarnings("unchecked")
    private static boolean hasExample(Map<String, Object> media) {
        if (media.get("example") != null || media.get("examples") instanceof Map<?, ?> m && !m.isEmpty()) {
            return true;
        }
        // a multipart form (the image upload) is shown by its parts' examples
        Object schema = media.get("schema");
        return schema instanceof Map<?, ?> s && s.get("$ref") instanceof String ref && ref.endsWith("Form");
    }

    private static String toJson(Object value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
