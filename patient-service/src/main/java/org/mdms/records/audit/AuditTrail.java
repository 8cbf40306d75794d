package org.mdms.records.audit;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.common.DomainException;
import org.mdms.common.PageRequest;
import org.mdms.records.common.Filter;
import org.mdms.records.common.Page;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Reads the audit trail (who read or changed what, when, for which patient) for the API and the admin console. */
@ApplicationScoped
public class AuditTrail {

    public static final Map<String, String> SORTABLE = Map.of("occurredAt", "occurredAt", "id", "id",
            "username", "username");

    /** What an audit row can say was done (the action filter's values). */
    public static final List<String> ACTIONS = Arrays.stream(AuditLog.Action.values()).map(Enum::name).toList();

    @ApplicationScoped
    public static class AuditEventRepository implements PanacheRepository<AuditEvent> {
    }

    /** Every field optional; instants as ISO-8601 text, checked here so both callers name the same field. */
    public record Criteria(Long patientId, String username, String action, String from, String to) {
    }

    public record AuditEventView(long id, Instant occurredAt, Long userId, String username, String role, String action,
                                 String resourceType, Long resourceId, Long patientId, String detail) {
        static AuditEventView of(AuditEvent e) {
            return new AuditEventView(e.getId(), e.getOccurredAt(), e.getUserId(), e.getUsername(), e.getRole(),
                    e.getAction(), e.getResourceType(), e.getResourceId(), e.getPatientId(), e.getDetail());
        }
    }

    private final AuditEventRepository events;

    AuditTrail(AuditEventRepository events) {
        this.events = events;
    }

    @WithSession
    public Uni<Page<AuditEventView>> search(Criteria criteria, PageRequest page) {
        Instant fromTime = instant("from", criteria.from());
        Instant toTime = instant("to", criteria.to());
        if (fromTime != null && toTime != null && fromTime.isAfter(toTime)) {
            throw DomainException.invalid("from", "from must not be after to");
        }
        return Page.of(new Filter()
                .equal("patientId", criteria.patientId())
                .equal("username", blankToNull(criteria.username()))
                .equal("action", action(criteria.action()))
                .atOrAfter("occurredAt", fromTime)
                .before("occurredAt", toTime)
                .find(events, page.sort()), page, AuditEventView::of);
    }

    /** Who opened the patient's record (the READ rows GET /api/v1/patients/{id} and the console's chart write). */
    public Uni<Page<AuditEventView>> openedBy(long patientId, PageRequest page) {
        return search(new Criteria(patientId, null, AuditLog.Action.READ.name(), null, null), page);
    }

    private static String action(String value) {
        String action = blankToNull(value);
        if (action == null) {
            return null;
        }
        if (!ACTIONS.contains(action)) {
            throw DomainException.invalid("action", "must be one of " + ACTIONS);
        }
        return action;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw DomainException.invalid(field, field + " must be an ISO-8601 instant such as 2026-11-21T08:00:00Z");
        }
    }
}
