package org.mdms.local.testing;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;

/**
 * The document's constraints on query parameters are the server's, walked from /q/openapi and tried on the running
 * service (GET operations, as admin; a 400 naming another parameter, such as a list's required patientId, is not
 * about the value tried). An enum: every value is accepted, one outside the set is refused with 400
 * naming the parameter. A pattern or a format (date, date-time): each candidate below (days, instants, months,
 * sorts over the pattern's own fields, junk) that the schema allows is not refused, each it forbids is refused with
 * 400 naming the parameter. A string declared free (no enum, pattern or format) must take free text, else the server
 * has a rule the document does not declare. The three services' ParameterConstraintTest share this walk.
 */
public final class ParameterConstraints {

    /** What the walk found wrong (empty when the document and the server agree) and how much it tried. */
    public record Result(List<String> wrong, int enums, int patterns) {
    }

    private ParameterConstraints() {
    }

    private static final String JUNK = "zzz-not-a-value";
    private static final String DAY = "\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])";
    /** RFC 3339 (format: date-time), as a consumer's validator reads it. */
    private static final Pattern DATE_TIME = Pattern.compile("^" + DAY
            + "T([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(\\.\\d+)?(Z|[+-]([01]\\d|2[0-3]):[0-5]\\d)$");
    /** Values a consumer may send for a date, time, month or free-text parameter, right and wrong. */
    private static final List<String> CANDIDATES = List.of("2026-03-15", "2026-11-30", "2026-03-15T08:30:00Z",
            "2026-03-15T08:30:00.123456+08:00", "2026-03-15T23:59:59-05:00", "2026-03", "2026-11", "2026-13",
            "2026-3", "2026-03-32", "15/03/2026", "2026-03-15 08:30", "20260315", "yesterday", JUNK);

    /** One query parameter; others: the operation's other required parameters, with their examples. */
    private record Param(String path, String name, Map<String, Object> schema, Map<String, Object> others) {

        @SuppressWarnings("unchecked")
        List<Object> values() {
            return (List<Object>) schema.get("enum");
        }

        String pattern() {
            return (String) schema.get("pattern");
        }

        String format() {
            return (String) schema.get("format");
        }

        boolean string() {
            Object type = schema.get("type");
            return "string".equals(type) || type instanceof List<?> l && l.contains("string");
        }

        /** Whether the schema allows this value (what a consumer's validator would say). */
        boolean allows(String value) {
            if (pattern() != null && !Pattern.compile(pattern()).matcher(value).find()) {
                return false;
            }
            if ("date".equals(format())) {
                return value.matches(DAY) && validDay(value);
            }
            if ("date-time".equals(format())) {
                return DATE_TIME.matcher(value).matches() && validDay(value.substring(0, 10));
            }
            return true;
        }

        /** The candidates, and for a sort its pattern's fields with and without each direction (and wrong ones). */
        Set<String> candidates() {
            Set<String> all = new LinkedHashSet<>(CANDIDATES);
            Matcher fields = Pattern.compile("^\\^\\(([A-Za-z|]+)\\)").matcher(pattern() == null ? "" : pattern());
            if (fields.find()) {
                for (String field : fields.group(1).split("\\|")) {
                    all.addAll(List.of(field, field + ",asc", field + ",desc", field + ",sideways", field + "x"));
                }
                all.addAll(List.of("nosuchfield", "nosuchfield,desc", ",desc"));
            }
            return all;
        }

        private static boolean validDay(String day) {
            try {
                java.time.LocalDate.parse(day);
                return true;
            } catch (java.time.DateTimeException e) {
                return false;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Param> queryParameters(JsonPath doc, List<String> wrong) {
        List<Param> all = new ArrayList<>();
        Map<String, Map<String, Object>> paths = doc.getMap("paths");
        paths.forEach((path, item) -> {
            if (!(item.get("get") instanceof Map<?, ?> get) || !(get.get("parameters") instanceof List<?> params)) {
                return;
            }
            Map<String, Object> required = new HashMap<>();
            for (Object p : params) {
                Map<String, Object> param = (Map<String, Object>) p;
                if (Boolean.TRUE.equals(param.get("required")) && "query".equals(param.get("in"))) {
                    if (param.get("example") == null) {
                        wrong.add(path + "?" + param.get("name") + " is required but has no example");
                    }
                    required.put((String) param.get("name"), param.get("example"));
                }
            }
            for (Object p : params) {
                Map<String, Object> param = (Map<String, Object>) p;
                Map<String, Object> schema = (Map<String, Object>) param.getOrDefault("schema", Map.of());
                if (schema.get("$ref") instanceof String ref) {
                    schema = doc.getMap("components.schemas." + ref.substring(ref.lastIndexOf('/') + 1));
                }
                if (!"query".equals(param.get("in"))) {
                    continue;
                }
                Map<String, Object> others = new HashMap<>(required);
                others.remove((String) param.get("name"));
                Param found = new Param(path, (String) param.get("name"), schema, others);
                if (found.string() || found.values() != null) {
                    all.add(found);
                }
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

    private static Response ask(Supplier<String> token, Param p, Object value) {
        return given().auth().oauth2(token.get()).queryParams(p.others()).queryParam(p.name(), value)
                .get(p.path().replaceAll("\\{[^}]+}", "1"));
    }

    /** Walks the service's own document (RestAssured's default base URI and port) and asks as {@code token}. */
    public static Result check(Supplier<String> token) {
        List<String> wrong = new ArrayList<>();
        JsonPath doc = JsonPath.from(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().asString());
        int enums = 0;
        int patterns = 0;
        for (Param p : queryParameters(doc, wrong)) {
            String at = p.path() + "?" + p.name() + "=";
            if (p.values() != null) {
                enums++;
                for (Object value : p.values()) {
                    if (refusedNaming(ask(token, p, value), p.name())) {
                        wrong.add(at + value + " is declared but refused");
                    }
                }
                if (!refusedNaming(ask(token, p, JUNK), p.name())) {
                    wrong.add(at + JUNK + " is outside the enum " + p.values() + " but not refused");
                }
            } else if (p.pattern() != null || p.format() != null) {
                patterns++;
                for (String value : p.candidates()) {
                    Response answer = ask(token, p, value);
                    if (p.allows(value) && refusedNaming(answer, p.name())) {
                        wrong.add(at + value + " is allowed by the schema but refused: " + answer.asString());
                    } else if (!p.allows(value) && !refusedNaming(answer, p.name())) {
                        wrong.add(at + value + " is forbidden by the schema but answered " + answer.statusCode());
                    }
                }
            } else if (refusedNaming(ask(token, p, JUNK), p.name())) {
                wrong.add(at + " is a rule on the server but a free string in the document (add an enum, pattern "
                        + "or format in ApiContract)");
            }
        }
        return new Result(wrong, enums, patterns);
    }
}
