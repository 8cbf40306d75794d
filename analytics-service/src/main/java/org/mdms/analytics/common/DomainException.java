package org.mdms.analytics.common;

import java.util.List;

/** A failure the client caused or may see: becomes problem+json with its status (see {@link ErrorMapper}). */
public class DomainException extends RuntimeException {

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

    public static DomainException badParameter(String field, String message) {
        return new DomainException(400, "Bad Request", field + ": " + message, List.of(new FieldError(field, message)));
    }

    /** 400 naming several parameters; the detail reads "field: message; field: message". */
    public static DomainException badParameters(List<FieldError> errors) {
        return new DomainException(400, "Bad Request",
                String.join("; ", errors.stream().map(e -> e.field() + ": " + e.message()).toList()), errors);
    }

    public static DomainException notFound(String what, Object id) {
        return new DomainException(404, "Not Found", what + " " + id + " does not exist in the warehouse", List.of());
    }

    public static DomainException forbidden(String detail) {
        return new DomainException(403, "Forbidden", detail, List.of());
    }

    public static DomainException conflict(String detail) {
        return new DomainException(409, "Conflict", detail, List.of());
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
