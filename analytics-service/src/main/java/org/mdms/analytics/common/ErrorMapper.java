package org.mdms.analytics.common;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/** The one place where failures become RFC 9457 problem+json. Nothing reaches the client as a bare 500 page. */
public class ErrorMapper {

    private static final Logger LOG = Logger.getLogger(ErrorMapper.class);

    @ServerExceptionMapper
    public Response domain(DomainException e, UriInfo uri) {
        return problem(e.status(), e.title(), e.getMessage(), uri, e.errors());
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<DomainException.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> {
                    String path = v.getPropertyPath().toString();
                    return new DomainException.FieldError(path.substring(path.lastIndexOf('.') + 1), v.getMessage());
                })
                .toList();
        return problem(400, "Bad Request", errors.isEmpty() ? "invalid request" : errors.get(0).field() + ": "
                + errors.get(0).message(), uri, errors);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return problem(401, "Unauthorized", "a valid bearer token is required", uri, List.of());
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
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
        return problem(503, "Service Unavailable", "patient-service is unreachable: " + e.getMessage(), uri, List.of());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.warnf(e, "%s failed", uri.getPath());
            return problem(status, "Upstream error", "a call to patient-service failed: " + e.getMessage(), uri,
                    List.of());
        }
        return problem(status, Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase(), e.getMessage(), uri, List.of());
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, UriInfo uri) {
        LOG.errorf(e, "unexpected failure on %s", uri.getPath());
        return problem(500, "Internal Server Error", "unexpected failure; see the service log", uri, List.of());
    }

    public static Response problem(int status, String title, String detail, UriInfo uri,
                                   List<DomainException.FieldError> errors) {
        return Response.status(status)
                .type("application/problem+json")
                .entity(new Problem("about:blank", title, status, detail, uri == null ? null : uri.getPath(),
                        errors == null || errors.isEmpty() ? null : errors))
                .build();
    }
}
