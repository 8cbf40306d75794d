package org.mdms.imaging.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
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
import io.vertx.ext.web.RoutingContext;
import org.mdms.common.DomainException;
import org.mdms.imaging.console.GalleryShell;
import org.mdms.common.InputProblems;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** The one place where exceptions become RFC 9457 application/problem+json responses (the same dialect in all three services). */
public class ErrorMapper {

    public static final String PROBLEM_JSON = "application/problem+json";
    private static final Logger LOG = Logger.getLogger(ErrorMapper.class);

    /** Under /ui the console's failures become pages instead. */
    private final GalleryShell console;

    public ErrorMapper(GalleryShell console) {
        this.console = console;
    }

    @ServerExceptionMapper
    public Response problem(DomainException e, UriInfo uri, RoutingContext rc) {
        if (GalleryShell.isConsole(rc)) {
            return console.refused(e, rc);
        }
        if (e.status() >= 500) {
            LOG.warnf("%d %s: %s%s", e.status(), uri.getPath(), e.getMessage(),
                    e.getCause() == null ? "" : " (" + e.getCause() + ")");
        }
        return build(e.status(), e.title(), e.getMessage(), uri, e.errors());
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<DomainException.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new DomainException.FieldError(InputProblems.fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(DomainException.FieldError::field)
                        .thenComparing(DomainException.FieldError::message))
                .toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
        return build(400, "Bad Request", detail, uri, errors);
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
    public Response stale(StaleObjectStateException e, UriInfo uri) {
        return build(409, "Conflict", "the image was changed by someone else; reload it and try again", uri, null);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri, RoutingContext rc) {
        if (GalleryShell.isConsole(rc)) {
            return console.backToSignIn(rc);
        }
        return build(401, "Unauthorized", "a valid bearer token is required", uri, null);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri, RoutingContext rc) {
        if (GalleryShell.isConsole(rc)) {
            return console.backToSignIn(rc);
        }
        return build(401, "Unauthorized", "the bearer token is invalid or expired", uri, null);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri, RoutingContext rc) {
        if (GalleryShell.isConsole(rc)) {
            return console.forbidden(rc);
        }
        return build(403, "Forbidden", "your role may not do this", uri, null);
    }

    /** Under /ui the same refusal (no such page, wrong method or body type, a parameter that is no number) as a page. */
    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri, ResourceInfo resource, HttpHeaders headers,
                        RoutingContext rc) {
        Response problem = webProblem(e, uri, resource, headers);
        if (GalleryShell.isConsole(rc) && problem.getEntity() instanceof Problem body) {
            return console.failed(body.status(), body.detail(), rc);
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
            return build(415, "Unsupported Media Type", detail, uri,
                    List.of(new DomainException.FieldError("Content-Type", detail)));
        }
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        return build(status, known == null ? "Error" : known.getReasonPhrase(),
                known == null ? "the request failed" : known.getReasonPhrase(), uri, null);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        JsonProcessingException json = findCause(e, JsonProcessingException.class);
        if (json != null) {
            return unreadableJson(json, uri);
        }
        java.io.IOException io = findCause(e, java.io.IOException.class);
        if (io != null && String.valueOf(io.getMessage()).contains("multipart")) {
            // the parts do not match the boundary the Content-Type header announced (or the body was cut short)
            String detail = "the multipart body could not be read: its parts must be separated by the boundary "
                    + "given in the Content-Type header";
            return build(400, "Bad Request", detail, uri, List.of(new DomainException.FieldError("Content-Type", detail)));
        }
        if (DatabaseFailures.isConnectionProblem(e)) {
            LOG.warnf("503 %s: database unavailable (%s)", uri.getPath(), e.toString());
            return build(503, "Service Unavailable", "the image database is unavailable; try again later", uri, null);
        }
        LOG.errorf(e, "500 %s", uri.getPath());
        return build(500, "Internal Server Error", "an unexpected error occurred; it has been logged", uri, null);
    }

    private static Response badRequest(InputProblems.Fault fault, UriInfo uri) {
        String detail = fault.detail();
        return build(400, "Bad Request", detail, uri,
                fault.field().isEmpty() ? null : List.of(new DomainException.FieldError(fault.field(), fault.message())));
    }

    private static Response build(int status, String title, String detail, UriInfo uri,
                                  List<DomainException.FieldError> errors) {
        Problem body = new Problem("about:blank", title, status, detail, uri == null ? null : uri.getPath(),
                errors == null || errors.isEmpty() ? null : errors);
        return Response.status(status).type(PROBLEM_JSON).entity(body).build();
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
