package org.mdms.common;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolation;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.UriInfo;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns what JAX-RS, Jackson and Bean Validation report about bad input into the field or parameter at fault and a
 * message in the user's words, never a Java class name. All three services use this one class (mdms-common), so
 * their errors read the same: field paths such as {@code items[0].quantity}.
 */
public final class InputProblems {

    /** The field or parameter at fault ("" when the body as a whole is unreadable) and what is wrong with it. */
    public record Fault(String field, String message) {

        /** The problem's detail: the message, led by the field it is about unless it names the body as a whole. */
        public String detail() {
            return field.isEmpty() || message.startsWith("request body") ? message : field + ": " + message;
        }
    }

    private InputProblems() {
    }

    /** A request body Jackson could not read: malformed JSON, a duplicate key, a wrong type, an unknown property. */
    public static Fault unreadableBody(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            String field = pathOf(unknown);
            return new Fault(field, "unknown property '" + unknown.getPropertyName() + "'; allowed: "
                    + unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                    .collect(Collectors.joining(", ")));
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = pathOf(mapping);
            Class<?> target = mapping instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
            String original = String.valueOf(e.getOriginalMessage());
            if (original.startsWith("Cannot map `null`")) {
                return new Fault(field, "is required and may not be null");
            }
            if (original.equals(StrictJson.PLAIN_TEXT)) {
                return new Fault(field, original);
            }
            if (mapping instanceof InvalidFormatException || mapping instanceof MismatchedInputException) {
                return new Fault(field, "must be " + expected(target));
            }
            return new Fault(field, "has the wrong type or format");
        }
        if (e instanceof StreamReadException read && read.getProcessor() != null) {
            String field = pathOf(read.getProcessor().getParsingContext());
            String original = String.valueOf(e.getOriginalMessage());
            if (original.startsWith("Duplicate field")) {
                return new Fault(field, "appears more than once in the body");
            }
            return new Fault(field, "request body is not valid JSON" + (read.getLocation() == null ? ""
                    : " (line " + read.getLocation().getLineNr() + ", column " + read.getLocation().getColumnNr() + ")"));
        }
        return new Fault("", "request body is not valid JSON");
    }

    /**
     * JAX-RS answers 404 when a query or path parameter cannot be converted and does not say which; find it by
     * converting each parameter of the matched method again.
     */
    public static Fault badParameter(ResourceInfo resource, UriInfo uri) {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method != null && uri != null) {
            for (Parameter parameter : method.getParameters()) {
                QueryParam query = parameter.getAnnotation(QueryParam.class);
                PathParam path = parameter.getAnnotation(PathParam.class);
                String name = query != null ? query.value() : path != null ? path.value() : null;
                List<String> values = name == null ? null
                        : query != null ? uri.getQueryParameters().get(name) : uri.getPathParameters().get(name);
                if (values == null) {
                    continue;
                }
                for (String value : values) {
                    if (!converts(parameter.getType(), value)) {
                        return new Fault(name, "must be " + expected(parameter.getType()) + ", got '"
                                + shorten(value) + "'");
                    }
                }
            }
        }
        return new Fault("", "a query or path parameter has the wrong type");
    }

    /** "create.request.items[0].quantity" -> "items[0].quantity"; "delete.reason" -> "reason". */
    public static String fieldOf(ConstraintViolation<?> violation) {
        String[] parts = violation.getPropertyPath().toString().split("\\.");
        int start = parts.length > 2 ? 2 : parts.length - 1;
        String[] field = Arrays.copyOfRange(parts, Math.max(0, start), parts.length);
        field[field.length - 1] = jsonName(violation.getLeafBean(), field[field.length - 1]);
        return String.join(".", field);
    }

    /** The name the client wrote: a property renamed with @JsonProperty is named as in the JSON (refresh_token). */
    private static String jsonName(Object bean, String property) {
        if (bean == null || property.contains("[")) {
            return property;
        }
        try {
            JsonProperty json = bean.getClass().getDeclaredField(property).getAnnotation(JsonProperty.class);
            return json == null || json.value().isEmpty() ? property : json.value();
        } catch (NoSuchFieldException e) {
            return property;
        }
    }

    private static boolean converts(Class<?> type, String value) {
        try {
            if (type == long.class || type == Long.class) {
                Long.parseLong(value);
            } else if (type == int.class || type == Integer.class) {
                Integer.parseInt(value);
            } else if (type == double.class || type == Double.class) {
                Double.parseDouble(value);
            } else if (type == BigDecimal.class) {
                new BigDecimal(value);
            } else if (type == LocalDate.class) {
                LocalDate.parse(value);
            } else if (type == YearMonth.class) {
                YearMonth.parse(value);
            } else if (type == Instant.class) {
                Instant.parse(value);
            } else if (type.isEnum()) {
                return Arrays.stream(type.getEnumConstants()).anyMatch(c -> ((Enum<?>) c).name().equals(value));
            }
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == int.class || type == Integer.class || type == short.class || type == Short.class) {
            return "a whole number between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE;
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class
                || type == BigDecimal.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name())
                    .collect(Collectors.joining(", "));
        }
        if (type == LocalDate.class) {
            return "a date as yyyy-MM-dd";
        }
        if (type == YearMonth.class) {
            return "a month as yyyy-MM";
        }
        if (type == Instant.class || type == OffsetDateTime.class) {
            return "a timestamp with an offset, such as 2026-01-31T08:30:00Z";
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String pathOf(JsonStreamContext context) {
        List<String> segments = new ArrayList<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                segments.add(0, "." + c.getCurrentName());
            } else if (c.inArray()) {
                segments.add(0, "[" + Math.max(0, c.getCurrentIndex()) + "]");
            }
        }
        String path = String.join("", segments);
        return path.startsWith(".") ? path.substring(1) : path;
    }

    /** A value echoed in a message, cut at 40 characters. */
    public static String shorten(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
