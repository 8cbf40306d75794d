package org.mdms.records.openapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a JSON value (as RestAssured parses it) against a schema of the published document: declared properties
 * only, required ones present, JSON types, enums, nullability, arrays, $ref, oneOf/anyOf with a discriminator.
 * Enough of JSON Schema to tell whether a generated client can read what the service sends.
 */
final class SchemaCheck {

    private final Map<String, Object> schemas;

    SchemaCheck(Map<String, Object> schemas) {
        this.schemas = schemas;
    }

    /** The problems found, each naming the JSON path; empty when the value fits. */
    List<String> check(Object value, Map<String, Object> schema, String path) {
        List<String> problems = new ArrayList<>();
        check(value, schema, path, problems);
        return problems;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> resolve(Map<String, Object> schema) {
        Object ref = schema.get("$ref");
        if (ref instanceof String r) {
            String name = r.substring(r.lastIndexOf('/') + 1);
            Map<String, Object> target = (Map<String, Object>) schemas.get(name);
            if (target == null) {
                throw new AssertionError("dangling $ref " + r);
            }
            return resolve(target);
        }
        return schema;
    }

    @SuppressWarnings("unchecked")
    private void check(Object value, Map<String, Object> raw, String path, List<String> problems) {
        Map<String, Object> schema = resolve(raw);
        List<String> types = types(schema);
        if (value == null) {
            if (!types.contains("null") && !alternativeAllowsNull(schema)) {
                problems.add(path + " is null but the schema does not allow null");
            }
            return;
        }
        for (String key : List.of("oneOf", "anyOf")) {
            if (schema.get(key) instanceof List<?> options) {
                Map<String, Object> discriminator = (Map<String, Object>) schema.get("discriminator");
                if (discriminator != null && value instanceof Map<?, ?> object) {
                    Object tag = object.get(discriminator.get("propertyName"));
                    Map<String, Object> mapping = (Map<String, Object>) discriminator.get("mapping");
                    Object target = mapping == null ? null : mapping.get(String.valueOf(tag));
                    if (target == null) {
                        problems.add(path + ": no mapping for " + discriminator.get("propertyName") + "=" + tag);
                        return;
                    }
                    check(value, Map.of("$ref", target), path, problems);
                    return;
                }
                int fits = 0;
                List<String> last = List.of();
                for (Object option : options) {
                    List<String> found = check(value, (Map<String, Object>) option, path);
                    if (found.isEmpty()) {
                        fits++;
                    } else {
                        last = found;
                    }
                }
                if (fits == 0 || ("oneOf".equals(key) && fits > 1)) {
                    problems.add(path + " matches " + fits + " of the " + key + " options " + last);
                }
                return;
            }
        }
        if (schema.get("enum") instanceof List<?> allowed && !allowed.contains(value)) {
            problems.add(path + " = " + value + " is not one of " + allowed);
        }
        String type = value instanceof Map ? "object" : value instanceof List ? "array" : value instanceof String ? "string"
                : value instanceof Boolean ? "boolean" : isIntegral(value) ? "integer" : "number";
        boolean typeFits = types.isEmpty() || types.contains(type) || ("integer".equals(type) && types.contains("number"));
        if (!typeFits) {
            problems.add(path + " is a JSON " + type + " but the schema says " + types);
            return;
        }
        if (value instanceof Map<?, ?> object) {
            Map<String, Object> properties = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
            Object required = schema.get("required");
            if (required instanceof List<?> names) {
                for (Object name : names) {
                    if (!object.containsKey(name)) {
                        problems.add(path + "." + name + " is required but missing");
                    }
                }
            }
            object.forEach((name, member) -> {
                Object declared = properties.get(name);
                if (declared == null) {
                    if (!(schema.get("additionalProperties") instanceof Map)) {
                        problems.add(path + "." + name + " is sent but not declared");
                    }
                    return;
                }
                check(member, (Map<String, Object>) declared, path + "." + name, problems);
            });
        } else if (value instanceof List<?> array && schema.get("items") instanceof Map<?, ?> items) {
            for (int i = 0; i < array.size(); i++) {
                check(array.get(i), (Map<String, Object>) items, path + "[" + i + "]", problems);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private boolean alternativeAllowsNull(Map<String, Object> schema) {
        for (String key : List.of("oneOf", "anyOf")) {
            if (schema.get(key) instanceof List<?> options) {
                for (Object option : options) {
                    if (types(resolve((Map<String, Object>) option)).contains("null")) {
                        return true;
                    }
                }
            }
        }
        return Boolean.TRUE.equals(schema.get("nullable"));
    }

    private static List<String> types(Map<String, Object> schema) {
        Object type = schema.get("type");
        if (type instanceof String t) {
            return List.of(t);
        }
        if (type instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of();
    }

    private static boolean isIntegral(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof java.math.BigInteger
                || value instanceof Short || value instanceof Byte;
    }
}
