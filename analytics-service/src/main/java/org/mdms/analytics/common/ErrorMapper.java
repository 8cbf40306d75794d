package org.mdms.analytics.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.ext.web.RoutingContext;
import org.mdms.analytics.console.ConsoleConfig;
import org.mdms.analytics.console.ConsoleRedirects;
import org.mdms.common.console.ConsoleSession;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.mdms.common.DomainException;
import org.mdms.common.InputProblems;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** The one place where failures become RFC 9457 problem+json. Nothing reaches the client as a bare 500 page. */
public class ErrorMapper {

    private static final Logger LOG = Logger.getLogger(ErrorMapper.class);

    private final ConsoleConfig console;
    private final ConsoleSession session;

    public ErrorMapper(ConsoleConfig console, ConsoleSession session) {
        this.console = console;
        this.session = session;
    }

    @ServerExceptionMapper
    public Response domain(DomainException e, UriInfo uri) {
        return problem(e.status(), e.title(), e.getMessage(), uri, e.errors());
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
        return badRequest(InputProblems.unreadableBody(e), uri);
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
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return problem(401, "Unauthorized", "a valid bearer token is required", uri, List.of());
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri, RoutingContext rc) {
        if (ConsoleRedirects.isConsole(rc.normalizedPath())) {
            // the dashboard page with an expired or revoked session cookie: back to sign-in, not JSON
            return ConsoleRedirects.toSignIn(console, session, rc);
        }
        return problem(401, "Unauthorized", "the bearer token is invalid or expired", uri, List.of());
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return problem(403, "Forbidden", "your role may not use this endpoint", uri, List.of());
    }

    @ServerExceptionMapper
    public Response peerDown(CircuitBreakerOpenException e, UriInfo uri) {
        return problem(503, "Service Unavailable", "patient-service is unavailable (circuit open)", uri, List.of());
    }

    @ServerExceptionMapper
    public Response peerSlow(TimeoutException e, UriInfo uri) {
        return problem(503, "Service Unavailable", "patient-service did not answer in time", uri, List.of());
    }

    @ServerExceptionMapper
    public Response peerUnreachable(jakarta.ws.rs.ProcessingException e, UriInfo uri) {
        LOG.warnf("%s: patient-service unreachable (%s)", uri.getPath(), e.toString());
        return problem(503, "Service Unavailable", "patient-service is unreachable; try again later", uri, List.of());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri, ResourceInfo resource, HttpHeaders headers) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.warnf(e, "%s failed", uri.getPath());
            Response.Status phrase = Response.Status.fromStatusCode(status);
            return problem(status, phrase == null ? "Error" : phrase.getReasonPhrase(),
                    "a call to patient-service failed; try again later", uri, List.of());
        }
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
        Response.Status known = Response.Status.fromStatusCode(status);
        return problem(status, known == null ? "Error" : known.getReasonPhrase(),
                known == null ? "the request failed" : known.getReasonPhrase(), uri, List.of());
    }

    /** Last resort; a domain failure or a constraint violation wrapped by another exception keeps its own answer. */
    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e, UriInfo uri) {
        ConstraintViolationException violation = findCause(e, ConstraintViolationException.class);
        if (violation != null) {
            return validation(violation, uri);
        }
        DomainException domain = findCause(e, DomainException.class);
        if (domain != null) {
            return domain(domain, uri);
        }
        LOG.errorf(e, "unexpected failure on %s", uri.getPath());
        return problem(500, "Internal Server Error", "an unexpected error occurred; it has been logged", uri,
                List.of());
    }

    private static Response badRequest(InputProblems.Fault fault, UriInfo uri) {
        String detail = fault.detail();
        return problem(400, "Bad Request", detail, uri,
                fault.field().isEmpty() ? List.of() : List.of(new DomainException.FieldError(fault.field(),
                        fault.message())));
    }

    private static <T extends Throwable> T findCause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    static Response problem(int status, String title, String detail, UriInfo uri,
                            List<DomainException.FieldError> errors) {
        Problem body = new Problem("about:blank", title, status, detail, uri == null ? null : uri.getPath(),
                errors == null || errors.isEmpty() ? null : errors);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(body).build();
    }
}
