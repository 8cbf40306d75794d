package org.mdms.local.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Hostile requests generated from a service's own OpenAPI document: every operation gets malformed JSON, wrong JSON
 * types, fractions for integers, numbers for enums, duplicate keys, unknown properties, wrong content types,
 * oversize strings, huge and negative paging, malformed path and query parameters. Each answer must be a 4xx
 * problem+json without a Java class name that names the field or parameter at fault. The three services' hostile
 * suites share this class (it reaches them at test scope through mdms-local).
 */
public final class HostileRequests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> LEAKS = List.of("org.", "java.", "javax.", "jakarta.", "com.fasterxml",
            "io.quarkus", "io.vertx", "$", "Exception");
    private static final Set<String> DATE_PARAMETERS = Set.of("from", "to", "date", "month", "since", "until");

    /** One request and what it must get: a 4xx naming {@code field} (when not null) with a status in {@code statuses}. */
    public record Case(String label, String method, String path, Map<String, String> query, String contentType,
                       String body, String field, Set<Integer> statuses) {
    }

    private final JsonNode doc;
    private final OpenApiSchemas schemas;
    private final Map<String, String> pathValues;
    private final List<Supplier<RequestSpecification>> callers;
    private final Set<String> skip;
    private final List<String> failures = new ArrayList<>();
    private final List<String> accepted = new ArrayList<>();
    private int sent;

    /**
     * @param pathValues real values for path parameters ("1" where absent)
     * @param callers    signed-in request specs to try in order; the first one the operation does not refuse with
     *                   401/403 is used (so role checks do not hide input checks)
     * @param skip       "METHOD /path" of operations not to attack
     */
    public HostileRequests(JsonNode doc, Map<String, String> pathValues, List<Supplier<RequestSpecification>> callers,
                           Set<String> skip) {
        this.doc = doc;
        this.schemas = new OpenApiSchemas(doc);
        this.pathValues = pathValues;
        this.callers = callers;
        this.skip = skip;
    }

    public static JsonNode openApi(RequestSpecification spec) {
        try {
            return JSON.readTree(spec.queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                    .extract().asString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends every case of every operation; returns what went wrong (empty when the service held). */
    public List<String> run() {
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                String method = op.getKey().toUpperCase();
                if (!Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)
                        || skip.contains(method + " " + path.getKey())) {
                    continue;
                }
                List<Case> cases = cases(method, path.getKey(), op.getValue());
                if (!cases.isEmpty()) {
                    attack(method + " " + path.getKey(), cases);
                }
            }
        }
        return failures;
    }

    public int sent() {
        return sent;
    }

    /** The requests answered 2xx: only reads with a long text, which a service may accept (and audit). */
    public List<String> accepted() {
        return accepted;
    }

    private void attack(String operation, List<Case> cases) {
        Supplier<RequestSpecification> caller = callers.get(0);
        for (Supplier<RequestSpecification> candidate : callers) {
            int status = send(candidate, cases.get(0)).statusCode();
            if (status != 401 && status != 403) {
                caller = candidate;
                break;
            }
        }
        for (Case c : cases) {
            Response response = send(caller, c);
            check(operation, c, response);
        }
    }

    private Response send(Supplier<RequestSpecification> caller, Case c) {
        sent++;
        RequestSpecification request = caller.get().urlEncodingEnabled(true);
        c.query().forEach(request::queryParam);
        if (c.body() != null && c.contentType().startsWith("application/x-www-form-urlencoded")) {
            // RestAssured encodes a form from text only (the bodies are ASCII)
            request = request.contentType(c.contentType()).body(c.body());
        } else if (c.body() != null) {
            request = request.contentType(c.contentType()).body(c.body().getBytes(StandardCharsets.UTF_8));
        }
        return request.request(c.method(), c.path());
    }

    private void check(String operation, Case c, Response response) {
        int status = response.statusCode();
        String body = response.asString();
        String where = operation + " [" + c.label() + "] -> " + status + " ";
        if (status >= 500) {
            failures.add(where + "server error: " + abbreviate(body));
            return;
        }
        if (status < 400) {
            if (c.statuses() != null) {
                failures.add(where + "accepted a hostile request");
            } else {
                accepted.add(where);
            }
            return;
        }
        String contentType = String.valueOf(response.contentType());
        if (!contentType.startsWith("application/problem+json")) {
            failures.add(where + "not problem+json but " + contentType + ": " + abbreviate(body));
            return;
        }
        for (String leak : LEAKS) {
            if (body.contains(leak)) {
                failures.add(where + "leaks '" + leak + "': " + abbreviate(body));
                return;
            }
        }
        if (c.statuses() != null && !c.statuses().contains(status)) {
            failures.add(where + "expected " + c.statuses() + ": " + abbreviate(body));
            return;
        }
        if (c.field() != null && !names(body, c.field())) {
            failures.add(where + "does not name '" + c.field() + "': " + abbreviate(body));
        }
    }

    private static boolean names(String body, String field) {
        try {
            JsonNode problem = JSON.readTree(body);
            for (JsonNode error : problem.path("errors")) {
                if (field.equals(error.path("field").asText())) {
                    return true;
                }
            }
            return problem.path("detail").asText().contains(field);
        } catch (Exception e) {
            return false;
        }
    }

    // ---- the cases of one operation

    private List<Case> cases(String method, String template, JsonNode op) {
        List<Case> cases = new ArrayList<>();
        Map<String, String> path = new LinkedHashMap<>();
        // what each path parameter can be wrong with: ids every malformed number; a text parameter only what breaks
        // its declared pattern (a DICOM UID: "abc"), since "1.5" may be a well-formed key that is merely absent (404)
        Map<String, List<String>> pathBad = new LinkedHashMap<>();
        Map<String, String> requiredQuery = new LinkedHashMap<>();
        List<JsonNode> queryParameters = new ArrayList<>();
        for (JsonNode p : op.path("parameters")) {
            JsonNode parameter = resolve(p);
            String name = parameter.path("name").asText();
            if ("path".equals(parameter.path("in").asText())) {
                path.put(name, pathValues.getOrDefault(name, "1"));
                JsonNode schema = resolve(parameter.path("schema"));
                pathBad.put(name, !"string".equals(type(schema)) ? List.of("abc", "1.5", "99999999999999999999")
                        : schema.has("pattern") ? List.of("abc", "1..2") : List.of());
            } else if ("query".equals(parameter.path("in").asText())) {
                queryParameters.add(parameter);
                // the required ones, and the dates of a window (the other end must be valid when one is attacked)
                if (parameter.path("required").asBoolean()
                        || DATE_PARAMETERS.contains(name) && parameter.has("example")) {
                    requiredQuery.put(name, queryExample(parameter));
                }
            }
        }
        JsonNode content = op.path("requestBody").path("content");
        JsonNode jsonSchema = content.has("application/json")
                ? resolve(content.path("application/json").path("schema")) : null;
        // a body the operation takes, so that only the path parameter is wrong
        String pathBody = jsonSchema == null ? null : example(jsonSchema, 0).toString();
        for (String name : path.keySet()) {
            for (String bad : pathBad.get(name)) {
                Map<String, String> values = new LinkedHashMap<>(path);
                values.put(name, bad);
                cases.add(new Case("path " + name + "=" + bad, method, fill(template, values), requiredQuery,
                        pathBody == null ? null : "application/json", pathBody, name, Set.of(400)));
            }
        }
        String url = fill(template, path);
        for (JsonNode parameter : queryParameters) {
            String name = parameter.path("name").asText();
            JsonNode schema = resolve(parameter.path("schema"));
            String type = type(schema);
            List<String> bad = new ArrayList<>();
            if ("integer".equals(type)) {
                bad.addAll(List.of("abc", "1.5", "99999999999999999999"));
            } else if ("number".equals(type)) {
                bad.add("abc");
            } else if ("boolean".equals(type)) {
                bad.addAll(List.of("abc", "yes", "1"));
            } else if (schema.has("enum")) {
                bad.add("NO_SUCH_VALUE");
            } else if ("string".equals(type) && (schema.has("format") || DATE_PARAMETERS.contains(name))) {
                bad.add("not-a-date");
            }
            for (String value : bad) {
                Map<String, String> query = new LinkedHashMap<>(requiredQuery);
                query.put(name, value);
                cases.add(new Case("query " + name + "=" + value, method, url, query, null, null, name, Set.of(400)));
            }
            if ("string".equals(type) && !schema.has("enum")) {
                Map<String, String> query = new LinkedHashMap<>(requiredQuery);
                // long, yet within the HTTP line limit (past it, the HTTP layer answers 414 before any code runs)
                query.put(name, "x".repeat(1000));
                // reading may accept a long search text; a write must refuse it (a reason is at most 500 characters)
                boolean write = !"GET".equals(method);
                cases.add(new Case("query " + name + " oversize", method, url, query, null, null,
                        write ? name : null, write ? Set.of(400) : null));
            }
        }
        boolean paged = queryParameters.stream().anyMatch(p -> "page".equals(p.path("name").asText()))
                && queryParameters.stream().anyMatch(p -> "size".equals(p.path("name").asText()));
        if (paged) {
            for (String[] paging : new String[][]{{"2147483647", "100", "page"}, {"-1", "20", "page"},
                    {"0", "0", "size"}, {"0", "-5", "size"}, {"0", "100000", "size"}, {"1000000", "200", "page"}}) {
                Map<String, String> query = new LinkedHashMap<>(requiredQuery);
                query.put("page", paging[0]);
                query.put("size", paging[1]);
                cases.add(new Case("page=" + paging[0] + "&size=" + paging[1], method, url, query, null, null,
                        paging[2], Set.of(400)));
            }
        }
        if (jsonSchema != null) {
            cases.addAll(bodyCases(method, url, requiredQuery, jsonSchema));
        } else if (content.has("multipart/form-data")) {
            String body = "--BBB\r\nContent-Disposition: form-data; name=\"patientId\"\r\n\r\n1\r\n--BBB--\r\n";
            cases.add(new Case("multipart boundary mismatch", method, url, requiredQuery,
                    "multipart/form-data; boundary=AAA", body, null, Set.of(400)));
            cases.add(new Case("JSON where multipart is expected", method, url, requiredQuery, "application/json",
                    "{\"patientId\":1}", "Content-Type", Set.of(415)));
            cases.add(new Case("text where multipart is expected", method, url, requiredQuery, "text/plain",
                    "patientId=1", "Content-Type", Set.of(415)));
        }
        return cases;
    }

    private List<Case> bodyCases(String method, String url, Map<String, String> query, JsonNode schema) {
        List<Case> cases = new ArrayList<>();
        String json = "application/json";
        JsonNode valid = example(schema, 0);
        cases.add(new Case("malformed JSON", method, url, query, json, "{\"a\": ", null, Set.of(400)));
        cases.add(new Case("trailing garbage", method, url, query, json, valid + " x", null, Set.of(400)));
        cases.add(new Case("array for object", method, url, query, json, "[]", null, Set.of(400)));
        cases.add(new Case("text/plain body", method, url, query, "text/plain", valid.toString(), "Content-Type",
                Set.of(415)));
        cases.add(new Case("form body", method, url, query, "application/x-www-form-urlencoded", "a=1",
                "Content-Type", Set.of(415)));
        if (!(valid instanceof ObjectNode object)) {
            return cases;
        }
        cases.add(new Case("unknown property", method, url, query, json,
                with(object, "unexpectedField", NODES.textNode("x")).toString(), "unexpectedField", Set.of(400)));
        if (object.size() > 0) {
            String first = object.fieldNames().next();
            String duplicated = object.toString().replaceFirst("\\{", "{\"" + first + "\":"
                    + object.get(first) + ",");
            cases.add(new Case("duplicate key " + first, method, url, query, json, duplicated, first, Set.of(400)));
        }
        addPropertyCases(cases, method, url, query, schema, object, "", object);
        return cases;
    }

    /** Wrong values for each property of {@code schema}, at {@code prefix} inside the whole body {@code root}. */
    private void addPropertyCases(List<Case> cases, String method, String url, Map<String, String> query,
                                  JsonNode schema, ObjectNode object, String prefix, ObjectNode root) {
        String json = "application/json";
        for (Iterator<Map.Entry<String, JsonNode>> it = properties(schema).fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            String name = property.getKey();
            JsonNode propertySchema = resolve(property.getValue());
            String type = type(propertySchema);
            String field = prefix + name;
            List<JsonNode> wrong = new ArrayList<>();
            if (propertySchema.has("enum")) {
                wrong.addAll(List.of(NODES.numberNode(0), NODES.textNode("NO_SUCH_VALUE")));
            } else if ("integer".equals(type)) {
                wrong.addAll(List.of(NODES.numberNode(1.5), NODES.textNode("12"), NODES.booleanNode(true)));
            } else if ("number".equals(type)) {
                wrong.addAll(List.of(NODES.textNode("12.5"), NODES.booleanNode(true)));
            } else if ("boolean".equals(type)) {
                wrong.addAll(List.of(NODES.numberNode(1), NODES.textNode("true")));
            } else if ("string".equals(type)) {
                wrong.addAll(List.of(NODES.numberNode(12), NODES.booleanNode(true), NODES.objectNode()));
                if (propertySchema.has("format")) {
                    wrong.add(NODES.textNode("not-a-" + propertySchema.path("format").asText()));
                } else {
                    wrong.add(NODES.textNode("长".repeat(22_000)));  // 66,000 bytes: more than any column, TEXT included
                }
            } else if ("array".equals(type)) {
                wrong.add(NODES.objectNode());
                JsonNode items = resolve(propertySchema.path("items"));
                if (prefix.isEmpty() && "object".equals(type(items)) && object.get(name) instanceof ArrayNode array
                        && array.size() > 0 && array.get(0) instanceof ObjectNode element) {
                    addPropertyCases(cases, method, url, query, items, element, field + "[0].", root);
                }
            } else if ("object".equals(type)) {
                wrong.add(NODES.textNode("x"));
            }
            for (JsonNode value : wrong) {
                JsonNode original = object.get(name);
                object.set(name, value);
                String label = field + "=" + (value.isTextual() && value.asText().length() > 20 ? "oversize string"
                        : value.toString());
                cases.add(new Case(label, method, url, query, json, root.toString(), field, Set.of(400, 413)));
                if (original == null) {
                    object.remove(name);
                } else {
                    object.set(name, original);
                }
            }
        }
    }

    // ---- schema helpers

    private JsonNode resolve(JsonNode node) {
        return schemas.resolve(node);
    }

    private static String type(JsonNode schema) {
        return OpenApiSchemas.type(schema);
    }

    private JsonNode properties(JsonNode schema) {
        return resolve(schema).path("properties");
    }

    private JsonNode example(JsonNode schema, int depth) {
        JsonNode s = resolve(schema);
        if (s.has("example")) {
            return s.get("example");
        }
        if (s.has("enum")) {
            return s.path("enum").get(0);
        }
        switch (type(s)) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                if (depth < 4) {
                    for (Iterator<Map.Entry<String, JsonNode>> it = s.path("properties").fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> property = it.next();
                        object.set(property.getKey(), example(property.getValue(), depth + 1));
                    }
                }
                return object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                array.add(example(s.path("items"), depth + 1));
                return array;
            }
            case "integer" -> {
                return NODES.numberNode(s.has("minimum") ? Math.max(1, s.path("minimum").asLong()) : 1);
            }
            case "number" -> {
                return NODES.numberNode(s.has("minimum") ? s.path("minimum").decimalValue()
                        : java.math.BigDecimal.ONE);
            }
            case "boolean" -> {
                return NODES.booleanNode(true);
            }
            default -> {
                return NODES.textNode(switch (s.path("format").asText()) {
                    case "date" -> "2026-01-15";
                    case "date-time" -> "2026-01-15T08:00:00Z";
                    default -> "hostile-1";
                });
            }
        }
    }

    private String queryExample(JsonNode parameter) {
        if (parameter.has("example")) {
            return parameter.path("example").asText();
        }
        JsonNode schema = resolve(parameter.path("schema"));
        String name = parameter.path("name").asText();
        if (schema.has("enum")) {
            return schema.path("enum").get(0).asText();
        }
        return switch (type(schema)) {
            case "integer", "number" -> "1";
            case "boolean" -> "false";
            default -> name.equals("month") ? "2026-01" : DATE_PARAMETERS.contains(name) ? "2026-01-15" : "x";
        };
    }

    private static ObjectNode with(ObjectNode object, String name, JsonNode value) {
        ObjectNode copy = object.deepCopy();
        copy.set(name, value);
        return copy;
    }

    private static String fill(String template, Map<String, String> values) {
        String url = template;
        for (Map.Entry<String, String> v : values.entrySet()) {
            url = url.replaceAll("\\{" + v.getKey() + "(:[^}]*)?}", java.util.regex.Matcher.quoteReplacement(v.getValue()));
        }
        return url;
    }

    private static String abbreviate(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}
