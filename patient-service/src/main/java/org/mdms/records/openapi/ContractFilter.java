package org.mdms.records.openapi;

import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.mdms.common.openapi.Examples;
import org.mdms.common.openapi.QueryConstraint;
import org.mdms.records.common.PagingDocs;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Applies the contract table ({@link ApiContract}) to the generated document: operationIds, the one bearer scheme,
 * the shared Problem body on every error response, 201 on creates and binary bodies. The same class in all three
 * services; only the table differs.
 */
public class ContractFilter implements OASFilter {

    static final String BEARER = "bearer";
    static final String DEVICE = "device";
    static final String PROBLEM_JSON = "application/problem+json";

    private static final Map<Integer, String> ERROR_TEXT = Map.ofEntries(
            Map.entry(400, "The request is invalid; errors[] names each field or parameter at fault"),
            Map.entry(401, "No valid bearer token"),
            Map.entry(403, "The caller's role, or its relation to the record, does not allow this"),
            Map.entry(404, "No such record"),
            Map.entry(409, "Conflicts with the current state (duplicate, changed by someone else, still referenced)"),
            Map.entry(413, "The payload is larger than the service accepts"),
            Map.entry(415, "The body's media type is not accepted"),
            Map.entry(416, "The requested range cannot be served"),
            Map.entry(422, "Well-formed, but refers to something that does not exist or cannot be used"),
            Map.entry(428, "A precondition header is required"),
            Map.entry(429, "Too many requests; retry later"),
            Map.entry(500, "Unexpected failure; it has been logged"),
            Map.entry(503, "A dependency (database, object store or peer service) is unavailable; retry later"));

    /** One row of a service's contract table: an operation, its name and the facts the scanner cannot see. */
    public record Op(String method, String path, String id, boolean anonymous, String createdSchema, List<String> binary,
                     List<Integer> statuses, Map<String, QueryConstraint> query, boolean device) {

        public static Op op(String method, String path, String id) {
            return new Op(method, path, id, false, null, List.of(), List.of(), Map.of(), false);
        }

        /** Answers without a token (security: []). */
        public Op open() {
            return new Op(method, path, id, true, createdSchema, binary, statuses, query, device);
        }

        /** Authenticated by a device's credential (Authorization: Device id:secret) instead of a bearer token. */
        public Op byDevice() {
            return new Op(method, path, id, anonymous, createdSchema, binary, statuses, query, true);
        }

        /** Answers 201 with this schema and a Location header. */
        public Op creates(String schema) {
            return new Op(method, path, id, anonymous, schema, binary, statuses, query, device);
        }

        /** Answers 200 with raw bytes of these media types. */
        public Op binary(String... mediaTypes) {
            return new Op(method, path, id, anonymous, createdSchema, List.of(mediaTypes), statuses, query, device);
        }

        /** Error statuses beyond the ones every operation of its shape gets (400, 401/403, 404). */
        public Op may(Integer... more) {
            return new Op(method, path, id, anonymous, createdSchema, binary, List.of(more), query, device);
        }

        /** What the server accepts for these query parameters (name, constraint, name, constraint, ...). */
        public Op query(String name, QueryConstraint constraint, Object... more) {
            Map<String, QueryConstraint> all = new LinkedHashMap<>(query);
            all.put(name, constraint);
            for (int i = 0; i + 1 < more.length; i += 2) {
                all.put((String) more[i], (QueryConstraint) more[i + 1]);
            }
            return new Op(method, path, id, anonymous, createdSchema, binary, statuses, Map.copyOf(all), device);
        }

        /** sort=field[,asc|desc] over the fields the list sorts by (its default order as the example). */
        public Op sorts(java.util.Collection<String> fields, String defaultOrder) {
            return query("sort", QueryConstraint.sortBy(fields, defaultOrder));
        }

        String key() {
            return method + " " + path;
        }
    }

    /** The paging rule on every list's page and size (one OASFilter is registered: this one). */
    private final PagingDocs paging = new PagingDocs();

    @Override
    public Parameter filterParameter(Parameter parameter) {
        return paging.filterParameter(parameter);
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Map<String, Op> table = new LinkedHashMap<>();
        ApiContract.OPERATIONS.forEach(op -> table.put(op.key(), op));
        declareComponents(openAPI);
        onlyTheChoice(openAPI);
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (item.getOperations() == null) {
                return;
            }
            item.getOperations().forEach((method, operation) -> {
                Op op = table.get(method.name() + " " + path);
                apply(operation, op, path);
            });
        });
        Examples.fill(openAPI);
    }

    private static void apply(Operation operation, Op op, String path) {
        boolean open = op != null && op.anonymous();
        if (op != null) {
            operation.setOperationId(op.id());
        }
        if (op != null) {
            QueryConstraint.constrain(operation, op.key(), op.query());
        }
        List<SecurityRequirement> security = new ArrayList<>();
        if (op != null && op.device()) {
            security.add(OASFactory.createSecurityRequirement().addScheme(DEVICE));
        } else if (!open) {
            security.add(OASFactory.createSecurityRequirement().addScheme(BEARER));
        }
        operation.setSecurity(security);

        APIResponses responses = operation.getResponses() == null ? OASFactory.createAPIResponses()
                : operation.getResponses();
        operation.setResponses(responses);
        if (op != null && op.createdSchema() != null) {
            APIResponse created = responses.getAPIResponse("201");
            String description = created != null && created.getDescription() != null ? created.getDescription()
                    : "Created; Location names the new record";
            responses.removeAPIResponse("200");
            responses.addAPIResponse("201", OASFactory.createAPIResponse()
                    .description(description)
                    .addHeader("Location", OASFactory.createHeader().description("URL of the new record")
                            .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri-reference")))
                    .content(OASFactory.createContent().addMediaType("application/json",
                            OASFactory.createMediaType().schema(ref(op.createdSchema())))));
        }
        if (op != null && !op.binary().isEmpty()) {
            APIResponse ok = responses.getAPIResponse("200");
            Content content = OASFactory.createContent();
            op.binary().forEach(type -> content.addMediaType(type, OASFactory.createMediaType()
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("binary"))));
            responses.addAPIResponse("200", (ok == null ? OASFactory.createAPIResponse().description("The bytes") : ok)
                    .content(content));
        }

        TreeSet<Integer> errors = new TreeSet<>();
        boolean hasInput = (operation.getParameters() != null && !operation.getParameters().isEmpty())
                || operation.getRequestBody() != null;
        if (hasInput) {
            errors.add(400);
        }
        if (operation.getRequestBody() != null) {
            errors.add(415);
        }
        if (!open) {
            errors.add(401);
            errors.add(403);
        }
        if (path.contains("{")) {
            errors.add(404);
        }
        if (op != null) {
            errors.addAll(op.statuses());
        }
        if (responses.getAPIResponses() != null) {
            responses.getAPIResponses().keySet().stream()
                    .filter(code -> code.matches("[45]\\d\\d")).map(Integer::valueOf).forEach(errors::add);
        }
        for (int status : errors) {
            APIResponse existing = responses.getAPIResponse(String.valueOf(status));
            String description = existing != null && existing.getDescription() != null && !existing.getDescription().isBlank()
                    ? existing.getDescription() : ERROR_TEXT.getOrDefault(status, "Error");
            responses.addAPIResponse(String.valueOf(status), OASFactory.createAPIResponse()
                    .description(description)
                    .content(OASFactory.createContent().addMediaType(PROBLEM_JSON,
                            OASFactory.createMediaType().schema(ref("Problem")))));
        }
        // by status, success first: a generated client (okhttp-gson) sends the first JSON media type it meets as
        // its only Accept, and must meet the success's application/json before the errors' problem+json
        if (responses.getAPIResponses() != null) {
            responses.setAPIResponses(new LinkedHashMap<>(new TreeMap<>(responses.getAPIResponses())));
        }
    }

    /**
     * A schema declared as a oneOf with a discriminator (the change feed's ChangeEvent) is only that choice: the
     * scanner also copies the Java record's own fields into it, which would describe the payload as Jackson's
     * JsonNode internals.
     */
    private static void onlyTheChoice(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null) {
            return;
        }
        openAPI.getComponents().getSchemas().values().stream()
                .filter(schema -> schema.getOneOf() != null && schema.getDiscriminator() != null)
                .forEach(schema -> {
                    schema.setProperties(null);
                    schema.setType(null);
                });
        openAPI.getComponents().removeSchema("JsonNode");
        openAPI.getComponents().removeSchema("JsonNodeType");
    }

    private static void declareComponents(OpenAPI openAPI) {
        Components components = openAPI.getComponents() == null ? OASFactory.createComponents() : openAPI.getComponents();
        openAPI.setComponents(components);
        Map<String, SecurityScheme> schemes = new LinkedHashMap<>();
        schemes.put(BEARER, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                .description("An RS256 JWT from patient-service's POST /api/v1/auth/login"));
        schemes.put(DEVICE, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name("Authorization")
                .description("A device's own credential: `Device <deviceId>:<secret>`, the secret from POST "
                        + "/api/v1/devices/{id}/credentials"));
        components.setSecuritySchemes(schemes);
        openAPI.setSecurity(new ArrayList<>(List.of(OASFactory.createSecurityRequirement().addScheme(BEARER))));

        components.addSchema("FieldError", OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .description("One field or parameter at fault")
                .addProperty("field", string("Path of the field or name of the parameter", "items[0].quantity"))
                .addProperty("message", string("What is wrong with it", "must be greater than 0"))
                .addRequired("field").addRequired("message"));
        components.addSchema("Problem", OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details, the body of every error response")
                .addProperty("type", string("A URI reference identifying the problem type", "about:blank")
                        .format("uri-reference"))
                .addProperty("title", string("Short summary of the problem type", "Bad Request"))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32")
                        .description("The HTTP status").example(400))
                .addProperty("detail", string("What went wrong with this request", "birthDate must be in the past"))
                .addProperty("instance", string("The request path", "/api/v1/patients").format("uri-reference"))
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                        .description("Each field or parameter at fault (validation errors)")
                        .items(ref("FieldError")))
                .addRequired("title").addRequired("status"));
    }

    private static Schema string(String description, String example) {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING).description(description).example(example);
    }

    private static Schema ref(String schema) {
        return OASFactory.createSchema().ref("#/components/schemas/" + schema);
    }
}
