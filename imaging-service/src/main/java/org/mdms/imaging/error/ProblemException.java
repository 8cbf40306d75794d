package org.mdms.imaging.error;

import java.util.List;

/**
 * A failure the client should see as RFC 9457 problem+json with this status; {@code field} names the input at fault.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<FieldError> errors;

    public record FieldError(String field, String message) {
    }

    public ProblemException(int status, String title, String detail) {
        this(status, title, detail, List.of(), null);
    }

    public ProblemException(int status, String title, String detail, List<FieldError> errors, Throwable cause) {
        super(detail, cause);
        this.status = status;
        this.title = title;
        this.errors = errors;
    }

    public static ProblemException badInput(String field, String message) {
        return new ProblemException(400, "Bad Request", field + ": " + message,
                List.of(new FieldError(field, message)), null);
    }

    public static ProblemException unprocessable(String field, String message) {
        return new ProblemException(422, "Unprocessable Content", field + ": " + message,
                List.of(new FieldError(field, message)), null);
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(404, "Not Found", what);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "Forbidden", detail);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail);
    }

    public static ProblemException unavailable(String detail, Throwable cause) {
        return new ProblemException(503, "Service Unavailable", detail, List.of(), cause);
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
