package org.mdms.local.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;

/**
 * The published document (/q/openapi) is the contract generated clients are built from: every operation is named,
 * secured by the one bearer scheme or explicitly public, every error answer is a Problem, creates answer 201 with
 * the entity, and what the document says about security is what the running service does. The three services'
 * ApiContractTest share this walk; each check answers what it found wrong (empty when the document is right), and
 * each test keeps its own expectations (public operations, creates, binaries, which paths name an entity).
 */
public final class OpenApiContract {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One operation of the document: its method, path and body (operationId, responses, parameters...). */
    public record Operation(String method, String path, Map<String, Object> body) {
        public String id() {
            return (String) body.get("operationId");
        }

        @SuppressWarnings("unchecked")
        public Map<String, Map<String, Object>> responses() {
            return (Map<String, Map<String, Object>>) body.get("responses");
        }

        @Override
        public String toString() {
            return method.toUpperCase() + " " + path;
        }
    }

    private final String raw;
    private final JsonPath doc;
    private final List<Operation> operations;
    private final Set<String> publicOperations;

    private OpenApiContract(String raw, Set<String> publicOperations, int atLeast) {
        this.raw = raw;
        this.doc = JsonPath.from(raw);
        this.publicOperations = publicOperations;
        this.operations = walk(doc);
        if (operations.size() < atLeast) {
            throw new AssertionError("the document lists the service's operations: " + operations.size());
        }
    }

    /**
     * Reads the service's own document (RestAssured's default base URI and port); fails when it lists fewer than
     * {@code atLeast} operations, so no check below passes on an empty document.
     */
    public static OpenApiContract load(int atLeast, Set<String> publicOperations) {
        String raw = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        return new OpenApiContract(raw, publicOperations, atLeast);
    }

    /** A document given as text (the checks' own tests). */
    static OpenApiContract of(String raw, int atLeast, Set<String> publicOperations) {
        return new OpenApiContract(raw, publicOperations, atLeast);
    }

    @SuppressWarnings("unchecked")
    private static List<Operation> walk(JsonPath doc) {
        List<Operation> all = new ArrayList<>();
        Map<String, Map<String, Object>> paths = doc.getMap("paths");
        paths.forEach((path, item) -> item.forEach((method, body) -> {
            if (METHODS.contains(method)) {
                all.add(new Operation(method, path, (Map<String, Object>) body));
            }
        }));
        return all;
    }

    public JsonPath doc() {
        return doc;
    }

    public List<Operation> operations() {
        return operations;
    }

    private boolean isPublic(Operation op) {
        return publicOperations.contains(op.id());
    }

    /** The operationIds the document declares. */
    public Set<String> operationIds() {
        Set<String> ids = new HashSet<>();
        operations.forEach(op -> ids.add(op.id()));
        return ids;
    }

    /** Every operation has an operationId, camelCase, used once. */
    public List<String> operationIdProblems() {
        List<String> wrong = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Operation op : operations) {
            if (op.id() == null || !op.id().matches("[a-z][A-Za-z]+")) {
                wrong.add(op + " needs an operationId: add a row to ApiContract");
            } else if (!seen.add(op.id())) {
                wrong.add("operationId " + op.id() + " is used twice");
            }
        }
        return wrong;
    }

    /** Exactly one bearer scheme, stated on every operation (public ones with security: []), and servers listed. */
    public List<String> securityProblems() {
        return securityProblems(Map.of());
    }

    /** Another scheme than the user's bearer token: its declared fields (type, in, name …) and who uses it. */
    public record OtherScheme(Map<String, String> declared, Set<String> operations) {
    }

    /** As {@link #securityProblems()}, where the operations of each other scheme state that scheme instead. */
    public List<String> securityProblems(Map<String, OtherScheme> others) {
        List<String> wrong = new ArrayList<>();
        Map<String, Object> schemes = doc.getMap("components.securitySchemes");
        Set<String> declared = new java.util.HashSet<>(others.keySet());
        declared.add("bearer");
        if (schemes == null || !declared.equals(schemes.keySet())) {
            wrong.add("the schemes declared are " + declared + ": " + (schemes == null ? null : schemes.keySet()));
        }
        others.forEach((name, other) -> other.declared().forEach((field, value) -> {
            String found = doc.getString("components.securitySchemes." + name + "." + field);
            if (!value.equals(found)) {
                wrong.add("the " + name + " scheme's " + field + " is " + value + ": " + found);
            }
        }));
        Map<String, Object> bearer = Map.of("type", String.valueOf(doc.getString("components.securitySchemes.bearer.type")),
                "scheme", String.valueOf(doc.getString("components.securitySchemes.bearer.scheme")),
                "bearerFormat", String.valueOf(doc.getString("components.securitySchemes.bearer.bearerFormat")));
        if (!Map.of("type", "http", "scheme", "bearer", "bearerFormat", "JWT").equals(bearer)) {
            wrong.add("the bearer scheme is an HTTP bearer JWT: " + bearer);
        }
        for (Operation op : operations) {
            if (!op.body().containsKey("security")) {
                wrong.add(op + " states its security");
                continue;
            }
            Object security = op.body().get("security");
            String scheme = others.entrySet().stream().filter(e -> e.getValue().operations().contains(op.id()))
                    .map(Map.Entry::getKey).findFirst().orElse("bearer");
            if (isPublic(op) && !List.of().equals(security)) {
                wrong.add(op + " is public: security: [] but " + security);
            } else if (!isPublic(op) && !List.of(Map.of(scheme, List.of())).equals(security)) {
                String needed = "bearer".equals(scheme) ? "bearer token" : scheme + " scheme";
                wrong.add(op + " needs the " + needed + ": " + security);
            }
        }
        List<String> servers = doc.getList("servers.url");
        if (servers == null || servers.isEmpty()) {
            wrong.add("servers are listed");
        } else if (!servers.get(0).startsWith("http")) {
            wrong.add("servers are URLs: " + servers);
        }
        return wrong;
    }

    /**
     * The Problem and FieldError schemas have their fields; an operation with input declares 400, a secured one 401
     * and 403, one whose path {@code namesAnEntity} 404; every 4xx and 5xx answer is problem+json only.
     */
    public List<String> errorResponseProblems(Predicate<String> namesAnEntity) {
        List<String> wrong = new ArrayList<>();
        Set<String> problem = doc.<String, Object>getMap("components.schemas.Problem.properties").keySet();
        if (!Set.of("type", "title", "status", "detail", "instance", "errors").equals(problem)) {
            wrong.add("Problem's fields: " + problem);
        }
        Set<String> fieldError = doc.<String, Object>getMap("components.schemas.FieldError.properties").keySet();
        if (!Set.of("field", "message").equals(fieldError)) {
            wrong.add("FieldError's fields: " + fieldError);
        }
        for (Operation op : operations) {
            Set<String> codes = new TreeSet<>(op.responses().keySet());
            boolean hasInput = op.body().get("parameters") instanceof List<?> l && !l.isEmpty()
                    || op.body().containsKey("requestBody");
            if (hasInput && !codes.contains("400")) {
                wrong.add(op + " declares 400");
            }
            if (!isPublic(op) && !codes.containsAll(Set.of("401", "403"))) {
                wrong.add(op + " declares 401 and 403");
            }
            if (namesAnEntity.test(op.path()) && !codes.contains("404")) {
                wrong.add(op + " declares 404");
            }
            op.responses().forEach((code, response) -> {
                if (code.startsWith("4") || code.startsWith("5")) {
                    if (!"#/components/schemas/Problem".equals(JsonPath.from(toJson(response))
                            .getString("content.'application/problem+json'.schema.$ref"))) {
                        wrong.add(op + " " + code + " is a Problem");
                    }
                    if (!(response.get("content") instanceof Map<?, ?> content) || content.size() != 1) {
                        wrong.add(op + " " + code + " only problem+json");
                    }
                }
            });
        }
        return wrong;
    }

    /** Each of {@code creates} is in the document, does not answer 200 and answers 201 with a body and Location. */
    public List<String> createProblems(Set<String> creates) {
        List<String> wrong = new ArrayList<>();
        Set<String> found = new HashSet<>();
        for (Operation op : operations) {
            if (!creates.contains(op.id())) {
                continue;
            }
            found.add(op.id());
            if (op.responses().containsKey("200")) {
                wrong.add(op + " does not answer 200");
            }
            Map<String, Object> created = op.responses().get("201");
            if (created == null) {
                wrong.add(op + " answers 201");
                continue;
            }
            String ref = JsonPath.from(toJson(created)).getString("content.'application/json'.schema.$ref");
            if (ref == null || !ref.startsWith("#/components/schemas/")) {
                wrong.add(op + " 201 has a body schema");
            }
            if (!created.containsKey("headers")) {
                wrong.add(op + " 201 names its Location header");
            }
        }
        notFound(creates, found, wrong);
        return wrong;
    }

    /**
     * Each of {@code binaries} is in the document; its 200 answer's media types satisfy {@code mediaTypes}, are all
     * image types and each is typed as a binary string.
     */
    @SuppressWarnings("unchecked")
    public List<String> binaryProblems(Set<String> binaries, Predicate<Set<String>> mediaTypes) {
        List<String> wrong = new ArrayList<>();
        Set<String> found = new HashSet<>();
        for (Operation op : operations) {
            if (!binaries.contains(op.id())) {
                continue;
            }
            found.add(op.id());
            Map<String, Object> ok = op.responses().get("200");
            Map<String, Map<String, Object>> content = ok == null ? null
                    : (Map<String, Map<String, Object>>) ok.get("content");
            if (content == null || !mediaTypes.test(content.keySet())) {
                wrong.add(op + " " + (content == null ? "has no 200 body" : content.keySet()));
                continue;
            }
            content.forEach((type, media) -> {
                if (!type.startsWith("image/")) {
                    wrong.add(op + " " + type + " is an image type");
                }
                if (!Map.of("type", "string", "format", "binary").equals(media.get("schema"))) {
                    wrong.add(op + " " + type + " is typed as binary: " + media.get("schema"));
                }
            });
        }
        notFound(binaries, found, wrong);
        return wrong;
    }

    private static void notFound(Set<String> expected, Set<String> found, List<String> wrong) {
        Set<String> missing = new LinkedHashSet<>(expected);
        missing.removeAll(found);
        missing.forEach(id -> wrong.add(id + " is not in the document"));
    }

    /** The schema names the document refers to but does not declare. */
    public List<String> unresolvedReferences() {
        List<String> wrong = new ArrayList<>();
        Matcher refs = Pattern.compile("\"\\$ref\"\\s*:\\s*\"#/components/schemas/([^\"]+)\"").matcher(raw);
        Set<String> schemas = doc.<String, Object>getMap("components.schemas").keySet();
        while (refs.find()) {
            if (!schemas.contains(refs.group(1))) {
                wrong.add("schema " + refs.group(1) + " is declared");
            }
        }
        return wrong;
    }

    /** Asks every operation without a token: a public one is not refused 401/403, the others answer a 401 Problem. */
    public List<String> securityUntruths() {
        List<String> wrong = new ArrayList<>();
        for (Operation op : operations) {
            String path = op.path().replaceAll("\\{[^}]+}", "1");
            // a body of the media type the operation declares, so only the missing token can be wrong
            var request = given().redirects().follow(false);
            Object body = op.body().get("requestBody");
            if (body != null && String.valueOf(body).contains("multipart/form-data")) {
                request = request.multiPart("title", "x");
            } else if (body instanceof Map<?, ?> declared && declared.get("content") instanceof Map<?, ?> content
                    && !content.isEmpty()) {
                // the declared type: JSON, or bytes (a DICOM file)
                String type = String.valueOf(content.keySet().iterator().next());
                request = type.contains("json") ? request.contentType(type).body("{}")
                        : request.contentType(type).body(new byte[]{1, 2, 3});
            } else if (body != null) {
                request = request.contentType("application/json").body("{}");
            }
            Response answer = request.request(op.method(), path);
            if (isPublic(op)) {
                if (answer.statusCode() == 401 || answer.statusCode() == 403) {
                    wrong.add(op + " is public but answered " + answer.statusCode());
                }
            } else if (answer.statusCode() != 401) {
                wrong.add(op + " without a token answered " + answer.statusCode());
            } else if (answer.contentType() == null || !answer.contentType().startsWith("application/problem+json")) {
                wrong.add(op + " 401 is a Problem: " + answer.contentType());
            }
        }
        return wrong;
    }

    /** Where an example is missing: every parameter, request body and success body has one (openapi/Examples). */
    @SuppressWarnings("unchecked")
    public List<String> missingExamples() {
        List<String> missing = new ArrayList<>();
        for (Operation op : operations) {
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
        return missing;
    }

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
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
