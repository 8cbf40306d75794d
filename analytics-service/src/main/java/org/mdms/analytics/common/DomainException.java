package org.mdms.analytics.common;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * A request the hospital's rules refuse (or that cannot be served now); the error mapper turns it into problem+json
 * with its status. Same shape as patient-service's; {@code errors} names the input at fault.
 */
public class DomainException extends RuntimeException {

    @RegisterForReflection // inside problem bodies built as a Response, which the native build cannot see through
    public record FieldError(String field, String message) {
    }

    private final int status;
    private final String title;
    private final List<FieldError> errors;

    public DomainException(int status, String title, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = errors;
    }

    /** 400 naming the parameter; the detail reads "field: message", as for a constraint violation. */
    public static DomainException badParameter(String field, String message) {
        return new DomainException(400, "Bad Request", field + ": " + message, List.of(new FieldError(field, message)));
    }

    /** 400 naming several parameters; the detail reads "field: message; field: message". */
    public static DomainException badParameters(List<FieldError> errors) {
        return new DomainException(400, "Bad Request",
                String.join("; ", errors.stream().map(e -> e.field() + ": " + e.message()).toList()), errors);
    }

    /** 404 for a department, doctor, drug or patient the warehouse does not know. */
    public static DomainException notFound(String what, Object id) {
        return new DomainException(404, "Not Found", what + " " + id + " does not exist in the warehouse", List.of());
    }

    public static DomainException forbidden(String detail) {
        return new DomainException(403, "Forbidden", detail, List.of());
    }

    public static DomainException conflict(String field, String detail) {
        return new DomainException(409, "Conflict", detail,
                field == null ? List.of() : List.of(new FieldError(field, detail)));
    }

    public static DomainException unauthorized(String detail) {
        return new DomainException(401, "Unauthorized", detail, List.of());
    }

    public static DomainException unavailable(String detail) {
        return new DomainException(503, "Service Unavailable", detail, List.of());
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
