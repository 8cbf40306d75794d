package org.mdms.contract;

import org.mdms.local.testing.OpenApiSchemas;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The bad requests of one published OpenAPI document: for every operation a valid request built from the operation's
 * own examples (path and required query parameters, the JSON body's example, the upload form from its fields'
 * examples), then one request per kind of bad value in one input, everything else left valid. Each names the input
 * the answer must name: a parameter by its name, a body field by its path as the dialect writes it
 * ({@code items[0].quantity}). The valid request itself is kept too ({@link #bases()}), to be checked on its own. An
 * operation no valid request can be built for is listed with the reason.
 */
final class BadRequests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Stands for two bytes that are not UTF-8 (0xFF 0xFE) in a body; replaced when the body is written. */
    static final String NOT_UTF8 = "\uE000not-utf-8\uE000";
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final String BOUNDARY = "mdms-bad-input-boundary";
    /** The smallest PNG (1x1, grey): the file of a valid upload. */
    private static final byte[] PNG = java.util.Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==");

    /** One request with one bad input, and the input its answer must name. */
    record Request(String service, String operation, String what, String method, String path, String query,
                   Map<String, String> headers, String contentType, byte[] body, String field) {

        String target() {
            return path + (query.isEmpty() ? "" : "?" + query);
        }

        @Override
        public String toString() {
            return service + " " + operation + " [" + what + "]";
        }
    }

    /**
     * What a valid request of one operation has, where the document's examples are not enough: path values, query
     * parameters (sent even where the document calls them optional, as a search that needs one of them), headers
     * and the JSON body.
     */
    record Base(Map<String, String> pathValues, Map<String, String> query, Map<String, String> headers,
                JsonNode body) {

        Base(Map<String, String> pathValues, Map<String, String> headers, JsonNode body) {
            this(pathValues, Map.of(), headers, body);
        }

        Base(Map<String, String> pathValues, Map<String, String> headers) {
            this(pathValues, Map.of(), headers, null);
        }

        /** This base with these path values and query parameters added where it has none of its own. */
        Base with(Map<String, String> morePathValues, Map<String, String> moreQuery) {
            Map<String, String> path = new LinkedHashMap<>(morePathValues);
            path.putAll(pathValues);
            Map<String, String> q = new LinkedHashMap<>(moreQuery);
            q.putAll(query);
            return new Base(path, q, headers, body);
        }
    }

    private final String service;
    private final JsonNode doc;
    private final OpenApiSchemas schemas;
    private final List<Request> requests = new ArrayList<>();
    private final List<Request> bases = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private final List<String> withoutInput = new ArrayList<>();

    /** @param bases valid path values and headers by operationId (the rest comes from the document's examples) */
    BadRequests(String service, JsonNode doc, Map<String, Base> bases) {
        this.service = service;
        this.doc = doc;
        this.schemas = new OpenApiSchemas(doc);
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                String method = op.getKey().toUpperCase();
                if (METHODS.contains(method)) {
                    operation(method, path.getKey(), op.getValue(),
                            bases.getOrDefault(op.getValue().path("operationId").asText(), new Base(Map.of(), Map.of())));
                }
            }
        }
    }

    List<Request> requests() {
        return requests;
    }

    /** The valid request of each operation the bad ones are made from (field null: nothing is bad in it). */
    List<Request> bases() {
        return bases;
    }

    /** "operationId: why" of each operation no valid request could be built for. */
    List<String> skipped() {
        return skipped;
    }

    /** The operations that take no input at all (nothing to send wrong). */
    List<String> withoutInput() {
        return withoutInput;
    }

    // ---- one operation

    private void operation(String method, String template, JsonNode op, Base base) {
        String id = op.path("operationId").asText(method + " " + template);
        Map<String, String> path = new LinkedHashMap<>();
        Map<String, String> query = new LinkedHashMap<>();
        List<JsonNode> pathParameters = new ArrayList<>();
        List<JsonNode> queryParameters = new ArrayList<>();
        for (JsonNode p : op.path("parameters")) {
            JsonNode parameter = resolve(p);
            String name = parameter.path("name").asText();
            switch (parameter.path("in").asText()) {
                case "path" -> {
                    pathParameters.add(parameter);
                    path.put(name, base.pathValues().getOrDefault(name, exampleText(parameter)));
                }
                case "query" -> {
                    queryParameters.add(parameter);
                    if (base.query().containsKey(name)) {
                        query.put(name, base.query().get(name));
                    } else if (parameter.path("required").asBoolean()) {
                        query.put(name, exampleText(parameter));
                    }
                }
                default -> { } // headers: a valid one comes with the base
            }
        }
        JsonNode content = op.path("requestBody").path("content");
        Body body;
        if (content.isMissingNode() || content.isEmpty()) {
            body = null;
        } else if (content.has("application/json")) {
            JsonNode media = content.path("application/json");
            JsonNode example = base.body() != null ? base.body().deepCopy()
                    : media.has("example") ? media.get("example") : example(media.path("schema"), 0);
            body = new Body("application/json", media.path("schema"), example);
        } else if (content.has("multipart/form-data")) {
            body = new Body("multipart/form-data", content.path("multipart/form-data").path("schema"), null);
        } else {
            skipped.add(id + ": its body (" + String.join(", ", iterable(content.fieldNames()))
                    + ") is binary, with no field to send wrong (its own service's tests send broken files)");
            return;
        }
        if (pathParameters.isEmpty() && queryParameters.isEmpty() && body == null) {
            withoutInput.add(id);
            return;
        }
        Target target = new Target(id, method, template, path, query, base.headers(), body);
        Encoded validBody = body == null ? null : body.mediaType().equals("application/json") ? target.validBody()
                : form(validForm(body), true);
        int before = requests.size();
        for (JsonNode parameter : pathParameters) {
            String name = parameter.path("name").asText();
            for (Bad bad : badParameterValues(parameter, true)) {
                Map<String, String> values = new LinkedHashMap<>(path);
                values.put(name, bad.value());
                add(target, "path " + name + " " + bad.what(), fill(template, values, bad.raw() ? name : null),
                        query, null, target.validBody(), name);
            }
        }
        for (JsonNode parameter : queryParameters) {
            String name = parameter.path("name").asText();
            for (Bad bad : badParameterValues(parameter, false)) {
                if (bad.value().isEmpty() && !parameter.path("required").asBoolean()) {
                    continue; // an empty optional parameter is the parameter left out (?from=&to= from a form)
                }
                Map<String, String> values = new LinkedHashMap<>(query);
                values.put(name, bad.value());
                add(target, "query " + name + " " + bad.what(), fill(template, path, null), values,
                        bad.raw() ? name : null, target.validBody(), name);
            }
        }
        if (body != null && body.mediaType().equals("application/json")) {
            jsonBodyCases(target, body);
        } else if (body != null) {
            formCases(target, body);
        }
        if (requests.size() > before) {
            bases.add(request(target, "base", fill(template, path, null), query, null, validBody, null));
        }
    }

    private record Body(String mediaType, JsonNode schema, JsonNode example) {
    }

    /** The valid request of one operation. */
    private record Target(String id, String method, String template, Map<String, String> path,
                          Map<String, String> query, Map<String, String> headers, Body body) {

        Encoded validBody() {
            if (body == null) {
                return null;
            }
            return body.mediaType().equals("application/json") ? Encoded.json(body.example()) : null;
        }
    }

    /** A body as sent: its Content-Type and bytes. */
    record Encoded(String contentType, byte[] bytes) {

        static Encoded json(JsonNode value) {
            try {
                String text = JSON.writeValueAsString(value);
                return new Encoded("application/json", withoutUtf8(text));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private void add(Target target, String what, String path, Map<String, String> query, String rawParameter,
                     Encoded body, String field) {
        requests.add(request(target, what, path, query, rawParameter, body, field));
    }

    private Request request(Target target, String what, String path, Map<String, String> query, String rawParameter,
                            Encoded body, String field) {
        StringBuilder encoded = new StringBuilder();
        query.forEach((name, value) -> {
            if (!encoded.isEmpty()) {
                encoded.append('&');
            }
            encoded.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                    .append(name.equals(rawParameter) ? value : URLEncoder.encode(value, StandardCharsets.UTF_8));
        });
        return new Request(service, target.id(), what, target.method(), path, encoded.toString(),
                target.headers(), body == null ? null : body.contentType(), body == null ? null : body.bytes(), field);
    }

    // ---- bad parameter values

    /** A bad value: what it is, the value, and whether it is already percent-encoded. */
    private record Bad(String what, String value, boolean raw) {

        Bad(String what, String value) {
            this(what, value, false);
        }
    }

    private List<Bad> badParameterValues(JsonNode parameter, boolean inPath) {
        JsonNode schema = resolve(parameter.path("schema"));
        String type = type(schema);
        List<Bad> bad = new ArrayList<>();
        switch (type) {
            case "integer" -> {
                bad.add(new Bad("fraction", "1.5"));
                bad.add(new Bad("text", "abc"));
                bad.add(new Bad("past its range", "int32".equals(schema.path("format").asText())
                        ? "2147483648" : "9223372036854775808"));
                if (!inPath) {
                    bad.add(new Bad("empty", ""));
                }
                below(schema).ifPresent(v -> bad.add(new Bad("below its minimum", v.toPlainString())));
                above(schema).ifPresent(v -> bad.add(new Bad("above its maximum", v.toPlainString())));
            }
            case "number" -> {
                bad.add(new Bad("text", "abc"));
                if (!inPath) {
                    bad.add(new Bad("empty", ""));
                }
                below(schema).ifPresent(v -> bad.add(new Bad("below its minimum", v.toPlainString())));
                above(schema).ifPresent(v -> bad.add(new Bad("above its maximum", v.toPlainString())));
            }
            case "boolean" -> {
                bad.add(new Bad("neither true nor false", "abc"));
                bad.add(new Bad("empty", ""));
            }
            default -> {
                String valid = exampleText(parameter);
                if (schema.has("enum")) {
                    bad.add(new Bad("unknown enum value", "NO_SUCH_VALUE"));
                }
                if (!inPath && !accepts(schema, "")) {
                    bad.add(new Bad("empty", ""));
                }
                if (schema.has("pattern") && looksLikeDate(valid)) {
                    bad.add(new Bad("malformed date", valid.length() > 10
                            ? "2026-02-30" + valid.substring(10) : "2026-02-30"));
                    bad.add(new Bad("malformed month", "2026-13-01"));
                } else if (schema.has("pattern") && !accepts(schema, "abc")) {
                    bad.add(new Bad("not of its pattern", "abc"));
                }
                if (schema.has("maxLength")) {
                    bad.add(new Bad("maxLength+1", longer(valid, schema.path("maxLength").asInt() + 1)));
                }
                bad.add(new Bad("with a NUL character", valid + "\u0000"));
                bad.add(new Bad("not UTF-8", URLEncoder.encode(valid, StandardCharsets.UTF_8) + "%FF%FE", true));
            }
        }
        return bad;
    }

    // ---- bad JSON bodies

    private void jsonBodyCases(Target target, Body body) {
        JsonNode valid = body.example();
        String url = fill(target.template(), target.path(), null);
        if (valid instanceof ObjectNode object) {
            ObjectNode unknown = object.deepCopy();
            unknown.put("unexpectedField", "x");
            add(target, "unknown property", url, target.query(), null, Encoded.json(unknown), "unexpectedField");
            fieldCases(target, url, resolve(body.schema()), valid, object, "");
        } else if (valid instanceof ArrayNode array && array.size() > 0 && array.get(0) instanceof ObjectNode) {
            JsonNode items = resolve(resolve(body.schema()).path("items"));
            fieldCases(target, url, items, valid, (ObjectNode) array.get(0), "[0].");
        } else {
            skipped.add(target.id() + ": its JSON body example is not an object or a list of objects: " + valid);
        }
    }

    /** Each bad value of each property of {@code object} (inside the whole body {@code root}) at {@code prefix}. */
    private void fieldCases(Target target, String url, JsonNode schema, JsonNode root, ObjectNode object,
                            String prefix) {
        Set<String> required = new java.util.HashSet<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            String name = property.getKey();
            JsonNode propertySchema = resolve(property.getValue());
            String field = prefix + name;
            JsonNode original = object.get(name);
            List<Map.Entry<String, JsonNode>> bad = badFieldValues(propertySchema, original);
            if (required.contains(name) && !nullable(propertySchema)) {
                bad.add(Map.entry("null, required", NODES.nullNode()));
            }
            for (Map.Entry<String, JsonNode> value : bad) {
                object.set(name, value.getValue());
                add(target, field + " " + value.getKey(), url, target.query(), null, Encoded.json(root), field);
            }
            if (original == null) {
                object.remove(name);
            } else {
                object.set(name, original);
            }
            String type = type(propertySchema);
            if ("array".equals(type) && original instanceof ArrayNode array && array.size() > 0
                    && array.get(0) instanceof ObjectNode element) {
                JsonNode items = resolve(propertySchema.path("items"));
                unknownNested(target, url, root, element, field + "[0].");
                fieldCases(target, url, items, root, element, field + "[0].");
            } else if ("object".equals(type) && original instanceof ObjectNode nested
                    && propertySchema.has("properties")) {
                unknownNested(target, url, root, nested, field + ".");
                fieldCases(target, url, propertySchema, root, nested, field + ".");
            }
        }
    }

    private void unknownNested(Target target, String url, JsonNode root, ObjectNode nested, String prefix) {
        nested.put("unexpectedField", "x");
        add(target, prefix + "unexpectedField unknown property", url, target.query(), null, Encoded.json(root),
                prefix + "unexpectedField");
        nested.remove("unexpectedField");
    }

    private List<Map.Entry<String, JsonNode>> badFieldValues(JsonNode schema, JsonNode valid) {
        List<Map.Entry<String, JsonNode>> bad = new ArrayList<>();
        String type = type(schema);
        switch (type) {
            case "integer" -> {
                bad.add(Map.entry("fraction", NODES.numberNode(new BigDecimal("1.5"))));
                bad.add(Map.entry("past its range", NODES.numberNode("int32".equals(schema.path("format").asText())
                        ? new java.math.BigInteger("2147483648") : new java.math.BigInteger("9223372036854775808"))));
                bad.add(Map.entry("a string", NODES.textNode("12")));
                below(schema).ifPresent(v -> bad.add(Map.entry("below its minimum", NODES.numberNode(v))));
                above(schema).ifPresent(v -> bad.add(Map.entry("above its maximum", NODES.numberNode(v))));
            }
            case "number" -> {
                bad.add(Map.entry("a string", NODES.textNode("12.5")));
                below(schema).ifPresent(v -> bad.add(Map.entry("below its minimum", NODES.numberNode(v))));
                above(schema).ifPresent(v -> bad.add(Map.entry("above its maximum", NODES.numberNode(v))));
            }
            case "boolean" -> {
                bad.add(Map.entry("a string", NODES.textNode("true")));
                bad.add(Map.entry("a number", NODES.numberNode(1)));
            }
            case "array" -> bad.add(Map.entry("an object", NODES.objectNode()));
            case "object" -> bad.add(Map.entry("a string", NODES.textNode("x")));
            default -> {
                String text = valid != null && valid.isTextual() ? valid.asText() : "x";
                bad.add(Map.entry("a number", NODES.numberNode(12)));
                if (schema.has("enum")) {
                    bad.add(Map.entry("unknown enum value", NODES.textNode("NO_SUCH_VALUE")));
                }
                if (!accepts(schema, "")) {
                    bad.add(Map.entry("empty", NODES.textNode("")));
                }
                switch (schema.path("format").asText()) {
                    case "date" -> bad.add(Map.entry("malformed date", NODES.textNode("2026-02-30")));
                    case "date-time" -> bad.add(Map.entry("malformed date-time",
                            NODES.textNode("2026-01-15T25:00:00Z")));
                    default -> { }
                }
                if (schema.has("maxLength")) {
                    bad.add(Map.entry("maxLength+1", NODES.textNode(longer(text, schema.path("maxLength").asInt() + 1))));
                }
                if (!schema.has("enum") && !schema.has("format")) {
                    bad.add(Map.entry("with a NUL character", NODES.textNode(text + "\u0000")));
                    bad.add(Map.entry("not UTF-8", NODES.textNode(text + NOT_UTF8)));
                }
            }
        }
        return bad;
    }

    // ---- the upload form (multipart/form-data)

    /** The valid upload form's text fields: the required ones, from their examples. */
    private Map<String, String> validForm(Body body) {
        JsonNode schema = resolve(body.schema());
        Map<String, String> valid = new LinkedHashMap<>();
        Set<String> required = new java.util.HashSet<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            JsonNode propertySchema = resolve(property.getValue());
            // the required fields only: the optional ones' examples name records of other patients
            if (required.contains(property.getKey()) && !"binary".equals(propertySchema.path("format").asText())) {
                valid.put(property.getKey(), example(propertySchema, 0).asText());
            }
        }
        return valid;
    }

    private void formCases(Target target, Body body) {
        JsonNode schema = resolve(body.schema());
        Map<String, String> valid = validForm(body);
        Set<String> required = new java.util.HashSet<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        String url = fill(target.template(), target.path(), null);
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            String name = property.getKey();
            JsonNode propertySchema = resolve(property.getValue());
            boolean file = "binary".equals(propertySchema.path("format").asText());
            if (required.contains(name)) {
                Map<String, String> without = new LinkedHashMap<>(valid);
                without.remove(name);
                add(target, name + " missing, required", url, target.query(), null, form(without, !file), name);
            }
            if (file) {
                continue;
            }
            for (Bad bad : badParameterValues(NODES.objectNode().set("schema", propertySchema), false)) {
                if (bad.raw() || bad.value().isEmpty() && !required.contains(name)) {
                    // percent-encoding means nothing in a form part (not UTF-8 is sent as bytes below); an empty
                    // optional field is the field left out
                    continue;
                }
                Map<String, String> values = new LinkedHashMap<>(valid);
                values.put(name, bad.value());
                add(target, name + " " + bad.what(), url, target.query(), null, form(values, true), name);
            }
            if ("string".equals(type(propertySchema)) && !propertySchema.has("enum")) {
                Map<String, String> values = new LinkedHashMap<>(valid);
                values.put(name, example(propertySchema, 0).asText() + NOT_UTF8);
                add(target, name + " not UTF-8", url, target.query(), null, form(values, true), name);
            }
        }
    }

    /** A multipart/form-data body of these text fields and, when asked, a PNG as {@code file}. */
    private static Encoded form(Map<String, String> fields, boolean withFile) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        fields.forEach((name, value) -> out.writeBytes(withoutUtf8("--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"" + name + "\"\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\n" + value + "\r\n")));
        if (withFile) {
            out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"dot.png\"\r\n"
                    + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(PNG);
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return new Encoded("multipart/form-data; boundary=" + BOUNDARY, out.toByteArray());
    }

    /** UTF-8 bytes of the text, each {@link #NOT_UTF8} written as 0xFF 0xFE. */
    static byte[] withoutUtf8(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] parts = text.split(Pattern.quote(NOT_UTF8), -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                out.write(0xFF);
                out.write(0xFE);
            }
            out.writeBytes(parts[i].getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    // ---- schema helpers

    private JsonNode resolve(JsonNode node) {
        return schemas.resolve(node);
    }

    /** As {@link OpenApiSchemas#type}, and "string" for an enum that names no type. */
    private static String type(JsonNode schema) {
        return schema.path("type").isMissingNode() && !schema.has("properties") && schema.has("enum") ? "string"
                : OpenApiSchemas.type(schema);
    }

    private static boolean nullable(JsonNode schema) {
        for (JsonNode t : schema.path("type")) {
            if ("null".equals(t.asText())) {
                return true;
            }
        }
        return schema.path("nullable").asBoolean();
    }

    /** Whether the schema's own string constraints let this value through. */
    private static boolean accepts(JsonNode schema, String value) {
        if (schema.has("enum") || "date".equals(schema.path("format").asText())
                || "date-time".equals(schema.path("format").asText())) {
            return false;
        }
        if (value.length() < schema.path("minLength").asInt(0)) {
            return false;
        }
        return !schema.has("pattern") || Pattern.compile(schema.path("pattern").asText()).matcher(value).find();
    }

    private static java.util.Optional<BigDecimal> below(JsonNode schema) {
        if (schema.has("exclusiveMinimum") && schema.path("exclusiveMinimum").isNumber()) {
            return java.util.Optional.of(schema.path("exclusiveMinimum").decimalValue());
        }
        if (schema.has("minimum")) {
            return java.util.Optional.of(schema.path("minimum").decimalValue().subtract(BigDecimal.ONE));
        }
        return java.util.Optional.empty();
    }

    private static java.util.Optional<BigDecimal> above(JsonNode schema) {
        if (schema.has("exclusiveMaximum") && schema.path("exclusiveMaximum").isNumber()) {
            return java.util.Optional.of(schema.path("exclusiveMaximum").decimalValue());
        }
        if (schema.has("maximum")) {
            return java.util.Optional.of(schema.path("maximum").decimalValue().add(BigDecimal.ONE));
        }
        return java.util.Optional.empty();
    }

    private static boolean looksLikeDate(String value) {
        return value.matches("\\d{4}-\\d{2}-\\d{2}.*");
    }

    /** The valid text repeated to exactly this length (so it still reads as the field's kind of value). */
    private static String longer(String valid, int length) {
        String unit = valid == null || valid.isEmpty() ? "x" : valid;
        return unit.repeat(length / unit.length() + 1).substring(0, length);
    }

    private String exampleText(JsonNode parameter) {
        if (parameter.has("example")) {
            return parameter.path("example").asText();
        }
        JsonNode schema = resolve(parameter.path("schema"));
        return example(schema, 0).asText();
    }

    /** A value of the schema from its own examples (OpenAPI 3.1 {@code examples}, or {@code example}). */
    private JsonNode example(JsonNode schema, int depth) {
        JsonNode s = resolve(schema);
        if (s.has("example")) {
            return s.get("example");
        }
        if (s.path("examples").isArray() && !s.path("examples").isEmpty()) {
            return s.path("examples").get(0);
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
            case "integer", "number" -> {
                return NODES.numberNode(s.has("minimum") ? s.path("minimum").decimalValue().max(BigDecimal.ONE)
                        : BigDecimal.ONE);
            }
            case "boolean" -> {
                return NODES.booleanNode(false);
            }
            default -> {
                return NODES.textNode(switch (s.path("format").asText()) {
                    case "date" -> "2026-01-15";
                    case "date-time" -> "2026-01-15T08:00:00Z";
                    default -> "x";
                });
            }
        }
    }

    /** The template with its path parameters filled in, percent-encoded (but the one given raw). */
    private static String fill(String template, Map<String, String> values, String raw) {
        String url = template;
        for (Map.Entry<String, String> v : values.entrySet()) {
            String value = v.getKey().equals(raw) ? v.getValue()
                    : URLEncoder.encode(v.getValue(), StandardCharsets.UTF_8).replace("+", "%20");
            url = url.replace("{" + v.getKey() + "}", value);
        }
        return url;
    }

    private static <T> Iterable<T> iterable(Iterator<T> iterator) {
        return () -> iterator;
    }
}
