package org.mdms.common;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * A request the hospital's rules refuse (or that cannot be served now); each service's error mapper turns it into
 * problem+json with its status. One type for the three services; {@code errors} names the input at fault.
 */
public class DomainException extends RuntimeException {

    @RegisterForReflection // inside problem bodies built as a Response, which the native build cannot see through
    public record FieldError(String field, String message) {
    }

    private final int status;
    private final String title;
    private final List<FieldError> errors;

    public DomainException(int status, String title, String detail, List<FieldError> errors) {
        this(status, title, detail, errors, null);
    }

    public DomainException(int status, String title, String detail) {
        this(status, title, detail, List.of(), null);
    }

    /** With the failure behind it (a peer, storage or the database down), which the mapper logs. */
    public DomainException(int status, String title, String detail, List<FieldError> errors, Throwable cause) {
        super(detail, cause);
        this.status = status;
        this.title = title;
        this.errors = errors;
    }

    public static DomainException notFound(String what, Object id) {
        return notFound(what + " " + id + " does not exist");
    }

    /** 404 with its own wording (analytics: "... does not exist in the warehouse"). */
    public static DomainException notFound(String detail) {
        return new DomainException(404, "Not Found", detail, List.of());
    }

    /** A reference inside a request body to something that does not exist: 422 naming the field. */
    public static DomainException unknownReference(String field, String what, Object id) {
        return new DomainException(422, "Unprocessable Content", what + " " + id + " does not exist",
                List.of(new FieldError(field, what + " " + id + " does not exist")));
    }

    /** 422: a well-formed reference to something that does not fit (unknown visit, deleted patient). */
    public static DomainException unprocessable(String field, String message) {
        return new DomainException(422, "Unprocessable Content", field + ": " + message,
                List.of(new FieldError(field, message)));
    }

    public static DomainException conflict(String field, String detail) {
        return new DomainException(409, "Conflict", detail,
                field == null ? List.of() : List.of(new FieldError(field, detail)));
    }

    /** 400 naming the field; the detail reads "field: message", as for a constraint violation. */
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

    public static DomainException unavailable(String detail) {
        return unavailable(detail, null);
    }

    public static DomainException unavailable(String detail, Throwable cause) {
        return new DomainException(503, "Service Unavailable", detail, List.of(), cause);
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
