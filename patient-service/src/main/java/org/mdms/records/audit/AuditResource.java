package org.mdms.records.audit;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mdms.records.auth.Role;
import org.mdms.common.DomainException;
import org.mdms.records.common.Filter;
import org.mdms.records.common.Page;
import org.mdms.common.PageRequest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

@Path("/api/v1/audit")
@Tag(name = "Audit", description = "Who read or changed which patient's data (admins only)")
@RolesAllowed(Role.ADMIN_)
public class AuditResource {

    @ApplicationScoped
    public static class AuditEventRepository implements PanacheRepository<AuditEvent> {
    }

    public record AuditEventView(long id, Instant occurredAt, Long userId, String username, String role, String action,
                                 String resourceType, Long resourceId, Long patientId, String detail) {
        static AuditEventView of(AuditEvent e) {
            return new AuditEventView(e.getId(), e.getOccurredAt(), e.getUserId(), e.getUsername(), e.getRole(),
                    e.getAction(), e.getResourceType(), e.getResourceId(), e.getPatientId(), e.getDetail());
        }
    }

    public static final Map<String, String> SORTABLE = Map.of("occurredAt", "occurredAt", "id", "id",
            "username", "username");

    private final AuditEventRepository events;

    AuditResource(AuditEventRepository events) {
        this.events = events;
    }

    @GET
    @WithSession
    @Operation(summary = "Query the audit trail", description = "Filter by patient, user and time window "
            + "(ISO-8601 instants). Newest first by default.")
    public Uni<Page<AuditEventView>> query(@QueryParam("patientId") Long patientId,
                                           @QueryParam("username") String username,
                                           @QueryParam("from") String from, @QueryParam("to") String to,
                                           @QueryParam("page") Integer page, @QueryParam("size") Integer size,
                                           @QueryParam("sort") String sort) {
        PageRequest request = PageRequest.of(page, size, sort, SORTABLE, "occurredAt,desc");
        Instant fromTime = instant("from", from);
        Instant toTime = instant("to", to);
        if (fromTime != null && toTime != null && fromTime.isAfter(toTime)) {
            throw DomainException.invalid("from", "from must not be after to");
        }
        PanacheQuery<AuditEvent> query = new Filter()
                .equal("patientId", patientId)
                .equal("username", username == null || username.isBlank() ? null : username)
                .atOrAfter("occurredAt", fromTime)
                .before("occurredAt", toTime)
                .find(events, request.sort()).page(request.panachePage());
        return query.list().onItem().transformToUni(list -> query.count()
                .onItem().transform(total -> Page.of(list.stream().map(AuditEventView::of).toList(), request, total)));
    }

    private static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw DomainException.invalid(field, field + " must be an ISO-8601 instant such as 2026-11-21T08:00:00Z");
        }
    }
}
