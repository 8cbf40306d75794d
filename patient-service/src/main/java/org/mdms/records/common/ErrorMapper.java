package org.mdms.records.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.ext.web.RoutingContext;
import io.vertx.mysqlclient.MySQLException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.hibernate.StaleObjectStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.mdms.common.DomainException;
import org.mdms.common.InputProblems;
import org.mdms.records.console.ConsoleShell;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one place where failures become RFC 9457 problem+json. Nothing reaches the client as a bare 500 page. Under
 * {@code /ui} the console's failures become pages instead (an ended session back to sign-in, a refusal as an error page
 * in the page's language): {@link ConsoleShell} draws them.
 */
public class ErrorMapper {

    private static final Logger LOG = Logger.getLogger(ErrorMapper.class);
    private static final Pattern DUPLICATE_KEY = Pattern.compile("for key '(?:[^.']*\\.)?([^']+)'");
    /** Unique constraints in V1__records.sql and the request field each one protects. */
    private static final Map<String, String> UNIQUE_FIELDS = Map.of(
            "uk_patient_mrn", "mrn",
            "uk_patient_user", "userId",
            "uk_user_username", "username",
            "uk_staff_user", "userId",
            "uk_staff_no", "staffNo",
            "uk_hospital_code", "code",
            "uk_department_code", "code",
            "uk_drug_code", "code");

    private final ConsoleShell console;

    public ErrorMapper(ConsoleShell console) {
        this.console = console;
    }

    @ServerExceptionMapper
    public Response domain(DomainException e, UriInfo uri, RoutingContext rc) {
        if (ConsoleShell.isConsole(rc)) {
            return console.refused(e, rc);
        }
        return problem(e.status(), e.title(), e.getMessage(), uri, e.errors());
    }

    @ServerExceptionMapper
    public Response tooManyAttempts(TooManyAttempts e, UriInfo uri, RoutingContext rc) {
        if (ConsoleShell.isConsole(rc)) {
            return console.refused(e, rc);
        }
        return Response.fromResponse(problem(e.status(), e.title(), e.getMessage(), uri, e.errors()))
                .header("Retry-After", e.retryAfterSeconds()).build();
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<DomainException.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new DomainException.FieldError(InputProblems.fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(DomainException.FieldError::field)
                        .thenComparing(DomainException.FieldError::message))
                .toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
        return problem(400, "Bad Request", detail, uri, errors);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        InputProblems.Fault fault = InputProblems.unreadableBody(e);
        return badRequest(fault, uri);
    }

    /** More specific than Quarkus' built-in mapper for these, so our problem+json wins. */
    @ServerExceptionMapper
    public Response mismatchedInput(com.fasterxml.jackson.databind.exc.MismatchedInputException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response malformedJson(com.fasterxml.jackson.core.JsonParseException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri, RoutingContext rc) {
        if (ConsoleShell.isConsole(rc)) {
            return console.backToSignIn(rc);
        }
        return problem(401, "Unauthorized", "a valid bearer token is required", uri, List.of());
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri, RoutingContext rc) {
        if (ConsoleShell.isConsole(rc)) {
            return console.backToSignIn(rc);
        }
        return problem(401, "Unauthorized", "the bearer token is invalid or expired", uri, List.of());
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri, RoutingContext rc) {
        if (ConsoleShell.isConsole(rc)) {
            return console.forbidden(rc);
        }
        return problem(403, "Forbidden", "your role may not do this", uri, List.of());
    }

    @ServerExceptionMapper
    public Response stale(StaleObjectStateException e, UriInfo uri) {
        return problem(409, "Conflict", "the record was changed by someone else; reload and retry", uri, List.of());
    }

    /** Under /ui the same refusal (no such page, wrong method or body type, a parameter that is no number) as a page. */
    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri, ResourceInfo resource, HttpHeaders headers,
                        RoutingContext rc) {
        Response problem = webProblem(e, uri, resource, headers);
        if (ConsoleShell.isConsole(rc) && problem.getEntity() instanceof Problem body) {
            return console.refused(new DomainException(body.status(), body.title(), body.detail(), body.errors()), rc);
        }
        return problem;
    }

    private Response webProblem(WebApplicationException e, UriInfo uri, ResourceInfo resource, HttpHeaders headers) {
        JsonProcessingException json = findCause(e.getCause(), JsonProcessingException.class);
        if (json != null) {
            return unreadableJson(json, uri);
        }
        if (e instanceof NotFoundException && e.getCause() != null) {
            // JAX-RS reports an unconvertible query/path parameter as 404; to the user it is bad input
            return badRequest(InputProblems.badParameter(resource, uri), uri);
        }
        if (e instanceof NotSupportedException) {
            String type = headers == null || headers.getMediaType() == null ? "none"
                    : headers.getMediaType().getType() + "/" + headers.getMediaType().getSubtype();
            String detail = "this operation does not accept a body of type " + type;
            return problem(415, "Unsupported Media Type", detail, uri,
                    List.of(new DomainException.FieldError("Content-Type", detail)));
        }
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        return problem(status, known == null ? "Error" : known.getReasonPhrase(),
                known == null ? "the request failed" : known.getReasonPhrase(), uri, List.of());
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e, UriInfo uri) {
        MySQLException sql = findCause(e, MySQLException.class);
        if (sql != null) {
            return database(sql.getErrorCode(), sql.getMessage(), e, uri);
        }
        org.hibernate.JDBCException jdbc = findCause(e, org.hibernate.JDBCException.class);
        if (jdbc != null) {
            return database(jdbc.getErrorCode(), jdbc.getMessage(), e, uri);
        }
        ConstraintViolationException violation = findCause(e, ConstraintViolationException.class);
        if (violation != null) {
            return validation(violation, uri);
        }
        TooManyAttempts tooMany = findCause(e, TooManyAttempts.class);
        if (tooMany != null) {
            return tooManyAttempts(tooMany, uri, null);
        }
        DomainException domain = findCause(e, DomainException.class);
        if (domain != null) {
            return domain(domain, uri, null);
        }
        StaleObjectStateException staleState = findCause(e, StaleObjectStateException.class);
        if (staleState != null) {
            return stale(staleState, uri);
        }
        LOG.errorf(e, "unexpected failure on %s", uri.getPath());
        return problem(500, "Internal Server Error", "an unexpected error occurred; it has been logged", uri, List.of());
    }

    private Response database(int errorCode, String message, Throwable e, UriInfo uri) {
        switch (errorCode) {
            case 1062 -> {
                Matcher key = DUPLICATE_KEY.matcher(message);
                String constraint = key.find() ? key.group(1) : "";
                String field = UNIQUE_FIELDS.getOrDefault(constraint, null);
                String detail = field == null ? "a record with the same unique value already exists"
                        : field + " is already in use";
                return problem(409, "Conflict", detail, uri,
                        field == null ? List.of() : List.of(new DomainException.FieldError(field, detail)));
            }
            case 1452 -> {
                return problem(422, "Unprocessable Content", "a referenced record does not exist", uri, List.of());
            }
            case 1451 -> {
                return problem(409, "Conflict", "the record is still referenced by other records", uri, List.of());
            }
            case 1406 -> {
                return problem(400, "Bad Request", "a value is longer than its column allows", uri, List.of());
            }
            case 3819, 4025 -> {
                return problem(400, "Bad Request", "a value breaks a rule of the schema", uri, List.of());
            }
            default -> {
                LOG.errorf(e, "database error %d on %s", errorCode, uri.getPath());
                return problem(500, "Internal Server Error", "a database error occurred; it has been logged", uri,
                        List.of());
            }
        }
    }

    private static Response badRequest(InputProblems.Fault fault, UriInfo uri) {
        String detail = fault.detail();
        return problem(400, "Bad Request", detail, uri,
                fault.field().isEmpty() ? List.of() : List.of(new DomainException.FieldError(fault.field(),
                        fault.message())));
    }

    static Response problem(int status, String title, String detail, UriInfo uri,
                            List<DomainException.FieldError> errors) {
        Problem body = new Problem("about:blank", title, status, detail, uri == null ? null : uri.getPath(), errors);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(body).build();
    }

    private static <T extends Throwable> T findCause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
