package org.mdms.common.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives every parameter, JSON request body and success response an example (bytes, CSV and text answers an
 * `examples` entry saying what they are), composed from the examples, defaults and enums
 * the records declare on their fields (in the hospital's words: 张伟, 阿莫西林胶囊, ...). A request example holds the
 * required fields and those with a declared example, so it is one the service accepts (OperationExampleTest posts
 * each); an example written on the operation itself is kept. All three services use this
 * one class (mdms-common).
 */
public final class Examples {

    private static final int DEPTH = 6;

    /** Examples of free-text parameters, by name (the same names in all three services). */
    private static final Map<String, Object> TEXT = Map.ofEntries(
            Map.entry("search", "张伟"),
            Map.entry("name", "张伟"),
            Map.entry("q", "胸片"),
            Map.entry("mrn", "MRN-2026-000001"),
            Map.entry("idNumber", "110101198005170031"),
            Map.entry("phone", "13800138000"),
            Map.entry("username", "doctor"),
            Map.entry("category", "抗生素"),
            Map.entry("reason", "registered twice by mistake"),
            Map.entry("If-Match", "\"3\""),
            Map.entry("If-None-Match", "\"3\""),
            Map.entry("Range", "bytes=0-1023"));

    private final Map<String, Schema> schemas;

    private Examples(OpenAPI openAPI) {
        this.schemas = openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null
                ? Map.of() : openAPI.getComponents().getSchemas();
    }

    public static void fill(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        Examples examples = new Examples(openAPI);
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (item.getOperations() != null) {
                item.getOperations().values().forEach(operation -> examples.fill(path, operation));
            }
        });
    }

    private void fill(String path, Operation operation) {
        if (operation.getParameters() != null) {
            operation.getParameters().forEach(this::fill);
        }
        if (operation.getRequestBody() != null) {
            fill(operation.getRequestBody().getContent(), true);
        }
        if (operation.getResponses() != null && operation.getResponses().getAPIResponses() != null) {
            operation.getResponses().getAPIResponses().forEach((status, response) -> {
                if (status.startsWith("2")) {
                    fill(response.getContent(), false);
                    describeBytes(response.getContent(), path, operation);
                }
            });
        }
    }

    /**
     * A parameter's example: the one declared, else its default, its first enum value, a day, an instant, 1 for an
     * id, or a value in the hospital's words for a free-text parameter of a known name.
     */
    private void fill(Parameter parameter) {
        if (parameter.getExample() != null || parameter.getExamples() != null && !parameter.getExamples().isEmpty()) {
            return;
        }
        Schema schema = resolve(parameter.getSchema());
        List<Schema.SchemaType> types = schema == null || schema.getType() == null ? List.of() : schema.getType();
        boolean freeText = types.contains(Schema.SchemaType.STRING) && schema.getEnumeration() == null
                && schema.getFormat() == null && schema.getDefaultValue() == null;
        boolean number = types.contains(Schema.SchemaType.INTEGER) || types.contains(Schema.SchemaType.NUMBER);
        Object example = freeText ? TEXT.get(parameter.getName())
                : number && schema.getDefaultValue() == null && schema.getMinimum() == null ? 1
                : of(parameter.getSchema(), true, 0);
        if (example != null) {
            parameter.setExample(example);
        }
    }

    /**
     * Bytes, CSV and text answers: an `examples` entry on the media type (an `example` value would have to be the
     * bytes) naming what comes back and the request that fetches it, as externalValue.
     */
    private static void describeBytes(Content content, String path, Operation operation) {
        if (content == null || content.getMediaTypes() == null) {
            return;
        }
        content.getMediaTypes().forEach((type, media) -> {
            if (type.contains("json") || media.getExample() != null
                    || media.getExamples() != null && !media.getExamples().isEmpty()) {
                return;
            }
            String what = type.startsWith("image/svg") ? "An SVG drawing"
                    : type.startsWith("image/")
                    ? "The " + type.substring(6).toUpperCase(java.util.Locale.ROOT) + " image's bytes"
                    : type.equals("text/csv") ? "CSV text with a header row, the same figures as the JSON answer"
                    : "Plain text";
            media.addExample(operation.getOperationId() == null ? "example" : operation.getOperationId(),
                    OASFactory.createExample().summary(what + " (" + type + ")")
                            .description("The " + type + " answer of `" + request(path, operation) + "`")
                            .externalValue(request(path, operation)));
        });
    }

    /** The operation's path with each path parameter's example in place. */
    private static String request(String path, Operation operation) {
        String filled = path;
        if (operation.getParameters() != null) {
            for (Parameter parameter : operation.getParameters()) {
                if (parameter.getIn() == Parameter.In.PATH && parameter.getExample() != null) {
                    filled = filled.replace("{" + parameter.getName() + "}", String.valueOf(parameter.getExample()));
                }
            }
        }
        return filled;
    }

    private void fill(Content content, boolean request) {
        if (content == null || content.getMediaTypes() == null) {
            return;
        }
        content.getMediaTypes().forEach((type, media) -> {
            if (type.contains("json") && !type.contains("problem") && media.getSchema() != null
                    && media.getExample() == null && (media.getExamples() == null || media.getExamples().isEmpty())) {
                Object example = of(media.getSchema(), request, 0);
                if (example != null) {
                    media.setExample(example);
                }
            }
        });
    }

    private Schema resolve(Schema schema) {
        int hops = 0;
        while (schema != null && schema.getRef() != null && hops++ < 10) {
            String ref = schema.getRef();
            Schema target = schemas.get(ref.substring(ref.lastIndexOf('/') + 1));
            if (target == null) {
                return schema.getProperties() == null ? null : schema;
            }
            schema = target;
        }
        return schema;
    }

    private Object of(Schema declared, boolean request, int depth) {
        if (declared == null || depth > DEPTH) {
            return null;
        }
        if (declared.getExamples() != null && !declared.getExamples().isEmpty()) {
            return declared.getExamples().get(0);
        }
        Schema schema = resolve(declared);
        if (schema == null) {
            return null;
        }
        if (schema.getExamples() != null && !schema.getExamples().isEmpty()) {
            return schema.getExamples().get(0);
        }
        if (schema.getDefaultValue() != null) {
            return schema.getDefaultValue();
        }
        if (schema.getEnumeration() != null && !schema.getEnumeration().isEmpty()) {
            return schema.getEnumeration().get(0);
        }
        for (List<Schema> options : java.util.Arrays.asList(schema.getOneOf(), schema.getAnyOf())) {
            if (options != null) {
                for (Schema option : options) {
                    Object value = of(option, request, depth + 1);
                    if (value != null) {
                        return value;
                    }
                }
            }
        }
        List<Schema.SchemaType> types = schema.getType() == null ? List.of() : schema.getType();
        if (schema.getProperties() != null || types.contains(Schema.SchemaType.OBJECT)) {
            return object(schema, request, depth);
        }
        if (types.contains(Schema.SchemaType.ARRAY)) {
            Object item = of(schema.getItems(), request, depth + 1);
            return item == null ? List.of() : List.of(item);
        }
        if (types.contains(Schema.SchemaType.INTEGER)) {
            return schema.getMinimum() != null && schema.getMinimum().signum() > 0 ? schema.getMinimum().longValue() : 1;
        }
        if (types.contains(Schema.SchemaType.NUMBER)) {
            return schema.getMinimum() != null && schema.getMinimum().signum() > 0 ? schema.getMinimum() : BigDecimal.ONE;
        }
        if (types.contains(Schema.SchemaType.BOOLEAN)) {
            return Boolean.FALSE;
        }
        if (types.contains(Schema.SchemaType.STRING)) {
            return switch (schema.getFormat() == null ? "" : schema.getFormat()) {
                case "date-time" -> "2026-03-15T08:30:00Z";
                case "date" -> "2026-03-15";
                default -> null;
            };
        }
        return null;
    }

    private Object object(Schema schema, boolean request, int depth) {
        if (schema.getProperties() == null) {
            return null;
        }
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        Map<String, Object> example = new LinkedHashMap<>();
        schema.getProperties().forEach((name, property) -> {
            if (request && !required.contains(name) && !declaresExample(property)) {
                return;
            }
            Object value = of(property, request, depth + 1);
            if (value != null) {
                example.put(name, value);
            }
        });
        return example.isEmpty() ? null : example;
    }

    private boolean declaresExample(Schema property) {
        if (property.getExamples() != null && !property.getExamples().isEmpty()) {
            return true;
        }
        Schema target = resolve(property);
        return target != null && target != property && target.getProperties() != null;
    }
}
