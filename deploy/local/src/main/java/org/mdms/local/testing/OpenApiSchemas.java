package org.mdms.local.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * The schema walk shared by the suites that generate requests from a service's OpenAPI document
 * ({@link HostileRequests} and the contract tests' bad-input run): references and single-element {@code allOf}
 * followed to the schema they stand for, and a schema's JSON type.
 */
public final class OpenApiSchemas {

    private final JsonNode doc;

    public OpenApiSchemas(JsonNode doc) {
        this.doc = doc;
    }

    /** The schema a {@code $ref} (or a one-element {@code allOf}) stands for; at most ten steps, an empty object past them. */
    public JsonNode resolve(JsonNode node) {
        for (int i = 0; i < 10 && node != null; i++) {
            if (node.has("$ref")) {
                JsonNode target = doc;
                for (String part : node.path("$ref").asText().replaceFirst("^#/", "").split("/")) {
                    target = target.path(part);
                }
                node = target;
            } else if (node.has("allOf") && node.path("allOf").size() == 1) {
                node = node.path("allOf").get(0);
            } else {
                return node;
            }
        }
        return node == null ? JsonNodeFactory.instance.objectNode() : node;
    }

    /** The schema's type: the one that is not "null" of a type list, "object" for a schema with properties, else as written. */
    public static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!"null".equals(t.asText())) {
                    return t.asText();
                }
            }
        }
        if (type.isMissingNode() && schema.has("properties")) {
            return "object";
        }
        return type.asText();
    }
}
