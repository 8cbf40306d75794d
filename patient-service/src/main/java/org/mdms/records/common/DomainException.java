package org.mdms.records.common;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** A request the hospital's rules refuse; the error mapper turns it into problem+json with its status. */
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

    public static DomainException notFound(String what, Object id) {
        return new DomainException(404, "Not Found", what + " " + id + " does not exist", List.of());
    }

    /** A reference inside a request body to something that does not exist: 422 naming the field. */
    public static DomainException unknownReference(String field, String what, Object id) {
        return new DomainException(422, "Unprocessable Content", what + " " + id + " does not exist",
                List.of(new FieldError(field, what + " " + id + " does not exist")));
    }

    public static DomainException conflict(String field, String detail) {
        return new DomainException(409, "Conflict", detail,
                field == null ? List.of() : List.of(new FieldError(field, detail)));
    }

    /** 400 naming the field; the detail reads "field: message", as in the other two services. */
    public static DomainException invalid(String field, String message) {
        return new DomainException(400, "Bad Request", field + ": " + message, List.of(new FieldError(field, message)));
    }

    /** 400 naming several fields; the detail reads "field: message; field: message". */
    public static DomainException invalid(List<FieldError> errors) {
        return new DomainException(400, "Bad Request",
                String.join("; ", errors.stream().map(e -> e.field() + ": " + e.message()).toList()), errors);
    }

    public static DomainException forbidden(String detail) {
        return new DomainException(403, "Forbidden", detail, List.of());
    }

    public static DomainException unauthorized(String detail) {
        return new DomainException(401, "Unauthorized", detail, List.of());
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
