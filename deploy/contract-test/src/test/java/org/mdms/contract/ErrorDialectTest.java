package org.mdms.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One error dialect (issue 11): the same kinds of bad input sent to the three real services as ./mdms run starts
 * them, each answer checked against the dialect and the three compared field by field. A failure names the service
 * and the field that differ, e.g. {@code title: patient-service='Bad Request', imaging-service='Invalid request'}.
 *
 * <p>The dialect: RFC 9457 {@code application/problem+json} with {@code type} "about:blank", {@code title} the
 * status's reason phrase, {@code status} the HTTP status, a {@code detail}, {@code instance} the request's path, and
 * {@code errors} [{field, message}] for each input at fault (all of them, sorted by field) or absent (never []) when
 * no input is at fault; the detail reads "field: message[; field: message]" (a message about the body as a whole
 * stands alone). Messages read "must be ..., got '...'" for a value of the wrong form. No Java class name, no stack
 * trace. Paging is
 * size 1..200 and page from 0 in all three. A record is answered as JSON whatever text type the client accepts.
 *
 * <p>analytics-service takes no request body and has no yes/no parameter: the body and boolean cases say so and
 * run against the other two.
 */
class ErrorDialectTest {

    private static final String PASSWORD = "mdms-demo";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    /** A Java class, a stack frame or an exception's name: none may reach a client. */
    static final Pattern LEAK = Pattern.compile(
            "(java|javax|jakarta|io\\.quarkus|io\\.vertx|io\\.smallrye|org\\.hibernate|org\\.jboss|com\\.fasterxml|org\\.mdms)"
                    + "\\.[a-z]+\\.|\\bat [a-z]+\\.[a-z.]+\\(|[A-Z][A-Za-z]+(Exception|Error)\\b|View\\[|Request\\[");

    private static LocalSystem system;
    private static final Map<String, String> TOKENS = new LinkedHashMap<>();

    enum Service {
        PATIENT("patient-service"), IMAGING("imaging-service"), ANALYTICS("analytics-service");

        final String label;

        Service(String label) {
            this.label = label;
        }

        String url() {
            return switch (this) {
                case PATIENT -> system.patientUrl();
                case IMAGING -> system.imagingUrl();
                case ANALYTICS -> system.analyticsUrl();
            };
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** Who calls: a demo account's token, no token, or a token no service issued. */
    enum Caller { ADMIN, DOCTOR, NOBODY, FORGED }

    /** One request to one service, and the input the answer must name (null when none is at fault). */
    record Call(String method, String path, Caller caller, String contentType, String body, String accept,
                List<String> fields) {

        static Call get(String path) {
            return new Call("GET", path, Caller.ADMIN, null, null, null, List.of());
        }

        Call as(Caller who) {
            return new Call(method, path, who, contentType, body, accept, fields);
        }

        Call method(String verb) {
            return new Call(verb, path, caller, contentType, body, accept, fields);
        }

        Call body(String type, String content) {
            return new Call(method, path, caller, type, content, accept, fields);
        }

        Call json(String content) {
            return body("application/json", content);
        }

        Call accept(String type) {
            return new Call(method, path, caller, contentType, body, type, fields);
        }

        Call naming(String... names) {
            return new Call(method, path, caller, contentType, body, accept, List.of(names));
        }
    }

    /**
     * A kind of bad input: the request each service gets (or why it cannot get one), the status all must answer, and
     * the message rule for the named inputs ({@code sameMessage}: the three messages must be equal too).
     */
    record Case(String name, Map<Service, Call> calls, Map<Service, String> notApplicable, int status,
                Pattern message, boolean sameMessage) {

        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void startSystem() throws Exception {
        system = new LocalSystem(Path.of(System.getProperty("mdms.contract.home", "target/system") + "-dialect")).start();
        for (String user : List.of("admin", "doctor")) {
            TOKENS.put(user, system.signIn(user, PASSWORD));
        }
    }

    @AfterAll
    static void stopSystem() throws Exception {
        if (system != null) {
            system.close();
        }
    }

    static Stream<Case> badInput() {
        String longTitle = "x".repeat(201);
        return Stream.of(
                // request bodies
                bodyCase("malformed JSON body names the field it broke in", 400,
                        "request body is not valid JSON \\(line 1, column \\d+\\)", false,
                        Call.get("/api/v1/patients").method("POST").json("{\"mrn\": }").naming("mrn"),
                        Call.get("/api/v1/images/999999999").method("PATCH").json("{\"title\": }").naming("title")),
                bodyCase("a field of the wrong JSON type", 400, "must be a string", true,
                        Call.get("/api/v1/patients").method("POST").json("{\"name\": 12}").naming("name"),
                        Call.get("/api/v1/images/999999999").method("PATCH").json("{\"title\": 12}").naming("title")),
                bodyCase("an unknown field is refused, naming it and the allowed ones", 400,
                        "unknown property 'nickname'; allowed: [a-zA-Z_]+(, [a-zA-Z_]+)*", false,
                        Call.get("/api/v1/patients").method("POST").json("{\"nickname\": \"小明\"}").naming("nickname"),
                        Call.get("/api/v1/images/999999999").method("PATCH").json("{\"nickname\": \"小明\"}")
                                .naming("nickname")),
                bodyCase("several violations are all reported, sorted by field", 400, ".+", false,
                        Call.get("/api/v1/patients").method("POST").json("{}")
                                .naming("birthDate", "gender", "mrn", "name"),
                        Call.get("/api/v1/images/999999999").method("PATCH")
                                .json("{\"title\": \"" + longTitle + "\", \"visibility\": \"PUBLIC-TO-EVERYONE\", \"version\": 0}")
                                .naming("title", "visibility")),
                new Case("a nested field is named by its path (items[0].quantity)",
                        Map.of(Service.PATIENT, Call.get("/api/v1/prescriptions").method("POST").as(Caller.DOCTOR)
                                .json("{\"visitId\": 1, \"items\": [{\"drugId\": 1, \"quantity\": 0, \"dosage\": \"每次1粒\", "
                                        + "\"frequency\": \"每日3次\", \"days\": 7}]}").naming("items[0].quantity")),
                        Map.of(Service.IMAGING, "no request body with nested fields (an image edit is flat)",
                                Service.ANALYTICS, "takes no request body"),
                        400, Pattern.compile("must be greater than 0"), false),
                new Case("a nested field of the wrong JSON type is named by its path",
                        Map.of(Service.PATIENT, Call.get("/api/v1/prescriptions").method("POST").as(Caller.DOCTOR)
                                .json("{\"visitId\": 1, \"items\": [{\"drugId\": 1, \"quantity\": \"three\"}]}")
                                .naming("items[0].quantity")),
                        Map.of(Service.IMAGING, "no request body with nested fields (an image edit is flat)",
                                Service.ANALYTICS, "takes no request body"),
                        400, Pattern.compile("must be a whole number between -2147483648 and 2147483647"), false),
                bodyCase("an unsupported Content-Type is a 415 naming Content-Type", 415,
                        "this operation does not accept a body of type text/plain", true,
                        Call.get("/api/v1/patients").method("POST").body("text/plain", "{\"name\": \"张三\"}")
                                .naming("Content-Type"),
                        Call.get("/api/v1/images/999999999").method("PATCH").body("text/plain", "{\"title\": \"x\"}")
                                .naming("Content-Type")),
                everywhere("a body over the service's limit is a 413 problem", 413,
                        Call.get("/api/v1/patients").method("POST").json(oversized(11 << 20)),
                        Call.get("/api/v1/images/999999999").method("PATCH").json(oversized(65 << 20)),
                        Call.get("/api/v1/sync").method("POST").as(Caller.DOCTOR).json(oversized(11 << 20))),
                // query parameters
                queryCase("a fraction where a whole-number id is expected", "must be a whole number, got '1.5'", true,
                        Call.get("/api/v1/prescriptions?visitId=1.5").naming("visitId"),
                        Call.get("/api/v1/images?patientId=1.5").naming("patientId"),
                        Call.get("/api/v1/drug-rankings?departmentId=1.5").naming("departmentId")),
                queryCase("a page size over the one limit (200)", "size must be between 1 and 200", true,
                        Call.get("/api/v1/patients?size=201").naming("size"),
                        Call.get("/api/v1/images?size=201").naming("size"),
                        Call.get("/api/v1/reconciliation/runs?size=201").naming("size")),
                queryCase("a page size of 0", "size must be between 1 and 200", true,
                        Call.get("/api/v1/patients?size=0").naming("size"),
                        Call.get("/api/v1/images?size=0").naming("size"),
                        Call.get("/api/v1/reconciliation/runs?size=0").naming("size")),
                queryCase("a negative page", "page must be 0 or more", true,
                        Call.get("/api/v1/patients?page=-1").naming("page"),
                        Call.get("/api/v1/images?page=-1").naming("page"),
                        Call.get("/api/v1/reconciliation/runs?page=-1").naming("page")),
                queryCase("a bad page and a bad size are both reported", "(page must be 0 or more|size must be between 1 and 200)",
                        true,
                        Call.get("/api/v1/patients?page=-1&size=201").naming("page", "size"),
                        Call.get("/api/v1/images?page=-1&size=201").naming("page", "size"),
                        Call.get("/api/v1/reconciliation/runs?page=-1&size=201").naming("page", "size")),
                queryCase("a value outside an enumeration", "must be one of [A-Za-z_]+(, [A-Za-z_]+)+, got '(NOPE|nope)'",
                        false,
                        Call.get("/api/v1/prescriptions?status=NOPE").naming("status"),
                        Call.get("/api/v1/images?category=NOPE").naming("category"),
                        Call.get("/api/v1/drug-rankings?by=nope").naming("by")),
                queryCase("a sort by a field the list does not sort by names the sortable fields and the direction",
                        "must be one of [A-Za-z_]+(, [A-Za-z_]+)*, (optionally followed by ,asc or ,desc|followed by ,desc), "
                                + "got 'nope'", false,
                        Call.get("/api/v1/patients?sort=nope").naming("sort"),
                        Call.get("/api/v1/images?sort=nope").naming("sort"),
                        Call.get("/api/v1/reconciliation/runs?sort=nope").naming("sort")),
                queryCase("a sort in a direction the list does not allow", "must be one of .+, got '(name|createdAt|id),up'",
                        false,
                        Call.get("/api/v1/patients?sort=name,up").naming("sort"),
                        Call.get("/api/v1/images?sort=createdAt,up").naming("sort"),
                        Call.get("/api/v1/reconciliation/runs?sort=id,up").naming("sort")),
                queryCase("several bad query parameters at once are all reported, sorted", ".+", false,
                        Call.get("/api/v1/prescriptions?from=2026-13-45&size=0&sort=nope").naming("from", "size", "sort"),
                        Call.get("/api/v1/images?category=NOPE&from=2026-13-45&size=0&sort=nope")
                                .naming("category", "from", "size", "sort"),
                        Call.get("/api/v1/drug-rankings?from=2026-13&by=nope&n=0&order=up")
                                .naming("by", "from", "n", "order")),
                queryCase("a period that ends before it starts names to", "must not be before from, got '2026-01-01'", true,
                        Call.get("/api/v1/prescriptions?from=2026-02-01&to=2026-01-01").naming("to"),
                        Call.get("/api/v1/images?from=2026-02-01&to=2026-01-01").naming("to"),
                        Call.get("/api/v1/departments/workload?from=2026-02-01&to=2026-01-01").naming("to")),
                new Case("a yes/no parameter that is neither true nor false",
                        Map.of(Service.PATIENT, Call.get("/api/v1/patients?includeDeleted=abc").naming("includeDeleted"),
                                Service.IMAGING, Call.get("/api/v1/admin/images/reconcile?fix=abc").method("POST")
                                        .naming("fix")),
                        Map.of(Service.ANALYTICS, "has no yes/no parameter"),
                        400, Pattern.compile("must be true or false, got 'abc'"), true),
                queryCase("a date that is not a date", "must be a date as yyyy-MM-dd.*, got '2026-13-45'", false,
                        Call.get("/api/v1/prescriptions?from=2026-13-45").naming("from"),
                        Call.get("/api/v1/images?from=2026-13-45").naming("from"),
                        Call.get("/api/v1/departments/workload?from=2026-13-45").naming("from")),
                // path
                queryCase("a non-numeric id in the path", "must be a whole number, got 'abc'", true,
                        Call.get("/api/v1/patients/abc").naming("id"),
                        Call.get("/api/v1/images/abc").naming("id"),
                        Call.get("/api/v1/drugs/abc/usage").naming("drugId")),
                everywhere("an unknown id is a 404 problem", 404,
                        Call.get("/api/v1/patients/999999999"),
                        Call.get("/api/v1/images/999999999"),
                        Call.get("/api/v1/drugs/999999999/usage")),
                everywhere("no token is a 401 problem", 401,
                        Call.get("/api/v1/patients").as(Caller.NOBODY),
                        Call.get("/api/v1/images").as(Caller.NOBODY),
                        Call.get("/api/v1/reconciliation/runs").as(Caller.NOBODY)),
                everywhere("a token no service issued is a 401 problem", 401,
                        Call.get("/api/v1/patients").as(Caller.FORGED),
                        Call.get("/api/v1/images").as(Caller.FORGED),
                        Call.get("/api/v1/reconciliation/runs").as(Caller.FORGED)),
                everywhere("a role that may not is a 403 problem", 403,
                        Call.get("/api/v1/audit").as(Caller.DOCTOR),
                        Call.get("/api/v1/images/audit").as(Caller.DOCTOR),
                        Call.get("/api/v1/reconciliation/runs").as(Caller.DOCTOR)),
                // Accept
                everywhere("an Accept no answer can meet is a 406 problem", 406,
                        Call.get("/api/v1/hospitals").accept("image/png"),
                        Call.get("/api/v1/images").accept("image/png"),
                        Call.get("/api/v1/reconciliation/runs").accept("image/png")));
    }

    /** Requests that must be answered with the record, as JSON, whatever text type they accept. */
    static Stream<Case> recordsAnsweredAsJson() {
        return Stream.of("text/plain", PROBLEM_JSON, "application/json").map(accept -> everywhere(
                "Accept " + accept + " on a record is answered as JSON", 200,
                Call.get("/api/v1/hospitals?size=200").accept(accept),
                Call.get("/api/v1/images?size=200").accept(accept),
                Call.get("/api/v1/reconciliation/runs?size=200").accept(accept)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void theThreeServicesAnswerBadInputInOneDialect(Case kind) throws Exception {
        List<String> faults = new ArrayList<>();
        Map<Service, Map<String, String>> dialects = new EnumMap<>(Service.class);
        for (var entry : kind.calls().entrySet()) {
            Service service = entry.getKey();
            Call call = entry.getValue();
            HttpResponse<String> answer = send(service, call);
            Function<String, String> at = what -> service + " " + call.method() + " " + call.path() + ": " + what;
            dialects.put(service, dialect(kind, call, answer, fault -> faults.add(at.apply(fault))));
        }
        faults.addAll(differences(dialects));
        assertTrue(faults.isEmpty(), kind.name() + " (" + notApplicable(kind) + "):\n  "
                + String.join("\n  ", faults));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordsAnsweredAsJson")
    void aRecordIsAnsweredAsJsonInAllThree(Case kind) throws Exception {
        List<String> faults = new ArrayList<>();
        for (var entry : kind.calls().entrySet()) {
            HttpResponse<String> answer = send(entry.getKey(), entry.getValue());
            String where = entry.getKey() + " GET " + entry.getValue().path() + " (Accept " + entry.getValue().accept() + "): ";
            String type = answer.headers().firstValue("Content-Type").orElse("none");
            if (answer.statusCode() != 200) {
                faults.add(where + "status " + answer.statusCode() + ", expected 200: " + shorten(answer.body()));
                continue;
            }
            if (!mediaType(type).equals("application/json")) {
                faults.add(where + "Content-Type " + type + ", expected application/json");
            }
            JsonNode body = parse(answer.body());
            if (body == null || !body.isObject() || !body.has("items")) {
                faults.add(where + "not a JSON page: " + shorten(answer.body()));
            }
            if (LEAK.matcher(answer.body()).find()) {
                faults.add(where + "a Java name in the body: " + shorten(answer.body()));
            }
        }
        assertTrue(faults.isEmpty(), kind.name() + ":\n  " + String.join("\n  ", faults));
    }

    /**
     * Checks one answer against the dialect (reporting each fault) and returns what must be the same in all three:
     * status, media type, type, title, the shape of errors, the detail's form and, where the case says so, messages.
     */
    private static Map<String, String> dialect(Case kind, Call call, HttpResponse<String> answer,
                                               java.util.function.Consumer<String> fault) {
        Map<String, String> dialect = new LinkedHashMap<>();
        String contentType = answer.headers().firstValue("Content-Type").orElse("none");
        dialect.put("status", Integer.toString(answer.statusCode()));
        dialect.put("Content-Type", mediaType(contentType));
        if (answer.statusCode() != kind.status()) {
            fault.accept("status " + answer.statusCode() + ", expected " + kind.status() + ": " + shorten(answer.body()));
        }
        if (!PROBLEM_JSON.equals(mediaType(contentType))) {
            fault.accept("Content-Type '" + contentType + "', expected " + PROBLEM_JSON + ": " + shorten(answer.body()));
        }
        if (LEAK.matcher(answer.body()).find()) {
            fault.accept("a Java name or stack trace in the body: " + shorten(answer.body()));
        }
        JsonNode body = parse(answer.body());
        if (body == null || !body.isObject()) {
            fault.accept("the body is not a JSON object: '" + shorten(answer.body()) + "'");
            dialect.put("body", "not a JSON object");
            return dialect;
        }
        String type = text(body, "type");
        String title = text(body, "title");
        String detail = text(body, "detail");
        dialect.put("type", type);
        dialect.put("title", title);
        if (!"about:blank".equals(type)) {
            fault.accept("type " + type + ", expected about:blank");
        }
        String reason = reasonPhrase(answer.statusCode());
        if (!reason.equals(title)) {
            fault.accept("title '" + title + "', expected '" + reason + "'");
        }
        if (!body.path("status").isInt() || body.get("status").asInt() != answer.statusCode()) {
            fault.accept("status field " + body.get("status") + " is not the HTTP status " + answer.statusCode());
        }
        if (detail == null || detail.isBlank()) {
            fault.accept("no detail");
        }
        String path = call.path().contains("?") ? call.path().substring(0, call.path().indexOf('?')) : call.path();
        if (!path.equals(text(body, "instance"))) {
            fault.accept("instance '" + text(body, "instance") + "', expected the request's path " + path);
        }
        List<String> allowed = List.of("type", "title", "status", "detail", "instance", "errors");
        body.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                fault.accept("a field outside the Problem: " + name);
            }
        });

        JsonNode errors = body.get("errors");
        if (call.fields().isEmpty()) {
            dialect.put("errors", errors == null ? "absent" : errors.toString());
            if (errors != null) {
                fault.accept("errors " + errors + ", expected absent (no input is at fault; never [])");
            }
            return dialect;
        }
        if (errors == null || !errors.isArray() || errors.isEmpty()) {
            fault.accept("errors " + errors + ", expected " + call.fields());
            dialect.put("errors", String.valueOf(errors));
            return dialect;
        }
        List<String> fields = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        for (JsonNode error : errors) {
            List<String> keys = new ArrayList<>();
            error.fieldNames().forEachRemaining(keys::add);
            if (!keys.equals(List.of("field", "message"))) {
                fault.accept("an error with the keys " + keys + ", expected [field, message]: " + error);
            }
            fields.add(error.path("field").asText());
            messages.add(error.path("message").asText());
        }
        if (!fields.equals(call.fields())) {
            fault.accept("errors name " + fields + ", expected " + call.fields() + " (every input at fault, sorted)");
        }
        for (String message : messages) {
            if (!kind.message().matcher(message).matches()) {
                fault.accept("message '" + message + "' does not read '" + kind.message().pattern() + "'");
            }
        }
        String expectedDetail = detailOf(fields, messages);
        if (!expectedDetail.equals(detail)) {
            fault.accept("detail '" + detail + "', expected '" + expectedDetail + "'");
        }
        dialect.put("errors", "[{field, message}, ...]");
        if (kind.sameMessage()) {
            dialect.put("messages", String.join(" | ", messages));
        }
        return dialect;
    }

    /**
     * The detail of a problem naming inputs: "field: message", several joined by "; "; a message about the body as
     * a whole (unreadable JSON, its Content-Type) stands alone.
     */
    private static String detailOf(List<String> fields, List<String> messages) {
        if (fields.size() == 1 && (messages.get(0).startsWith("request body") || fields.get(0).equals("Content-Type"))) {
            return messages.get(0);
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            parts.add(fields.get(i) + ": " + messages.get(i));
        }
        return String.join("; ", parts);
    }

    /** "title: patient-service='Bad Request', imaging-service='Invalid request'" for each key that differs. */
    private static List<String> differences(Map<Service, Map<String, String>> dialects) {
        List<String> differences = new ArrayList<>();
        List<String> keys = dialects.values().stream().flatMap(d -> d.keySet().stream()).distinct().toList();
        for (String key : keys) {
            Map<Service, String> values = new EnumMap<>(Service.class);
            dialects.forEach((service, dialect) -> values.put(service, dialect.getOrDefault(key, "(none)")));
            if (values.values().stream().distinct().count() > 1) {
                differences.add("the services differ on " + key + ": " + values.entrySet().stream()
                        .map(e -> e.getKey() + "='" + e.getValue() + "'").collect(Collectors.joining(", ")));
            }
        }
        return differences;
    }

    private static Case bodyCase(String name, int status, String message, boolean same, Call patient, Call imaging) {
        return new Case(name, Map.of(Service.PATIENT, patient, Service.IMAGING, imaging),
                Map.of(Service.ANALYTICS, "takes no request body"), status, Pattern.compile(message), same);
    }

    private static Case queryCase(String name, String message, boolean same, Call patient, Call imaging, Call analytics) {
        return new Case(name, Map.of(Service.PATIENT, patient, Service.IMAGING, imaging, Service.ANALYTICS, analytics),
                Map.of(), 400, Pattern.compile(message), same);
    }

    private static Case everywhere(String name, int status, Call patient, Call imaging, Call analytics) {
        return new Case(name, Map.of(Service.PATIENT, patient, Service.IMAGING, imaging, Service.ANALYTICS, analytics),
                Map.of(), status, Pattern.compile(".+"), true);
    }

    /** A JSON body of about this many bytes. */
    private static String oversized(int bytes) {
        return "{\"note\": \"" + "x".repeat(bytes) + "\"}";
    }

    private static String notApplicable(Case kind) {
        if (kind.notApplicable().isEmpty()) {
            return "all three services";
        }
        return kind.notApplicable().entrySet().stream().map(e -> "not " + e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining("; "));
    }

    private static HttpResponse<String> send(Service service, Call call) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.url() + call.path()))
                .timeout(Duration.ofSeconds(60))
                .method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(call.body(), StandardCharsets.UTF_8));
        if (call.contentType() != null) {
            request.header("Content-Type", call.contentType());
        }
        if (call.accept() != null) {
            request.header("Accept", call.accept());
        }
        switch (call.caller()) {
            case ADMIN -> request.header("Authorization", "Bearer " + TOKENS.get("admin"));
            case DOCTOR -> request.header("Authorization", "Bearer " + TOKENS.get("doctor"));
            case FORGED -> request.header("Authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJtYWxsb3J5In0.c2lnbmF0dXJl");
            case NOBODY -> { }
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String reasonPhrase(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 406 -> "Not Acceptable";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            default -> "(status " + status + " is not expected here)";
        };
    }

    private static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase();
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (Exception e) {
            return null;
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String shorten(String body) {
        String flat = body == null ? "" : body.replace('\n', ' ');
        return flat.length() <= 300 ? flat : flat.substring(0, 300) + "…";
    }
}
