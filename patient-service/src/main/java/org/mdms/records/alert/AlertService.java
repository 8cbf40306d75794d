package org.mdms.records.alert;

import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.common.DomainException;
import org.mdms.common.PageRequest;
import org.mdms.records.alert.AlertDtos.AlertView;
import org.mdms.records.auth.Caller;
import org.mdms.records.auth.Role;
import org.mdms.records.care.CareSql;
import org.mdms.records.care.LiveCare;
import org.mdms.records.common.Page;
import org.mdms.records.visit.PatientScope;
import org.mdms.records.visit.TimeWindow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The alert list and the hand-made steps of the lifecycle (acknowledge, resolve), under the care rule of vital
 * signs: admins see every alert, a patient their own, doctors, nurses and technicians the alerts of patients they
 * treat (or hold break-the-glass access to). Acknowledging and resolving is clinical work: doctors and nurses who
 * treat the patient.
 */
@ApplicationScoped
public class AlertService {

    /** API sort names to SQL (severity in clinical order, not alphabetical). */
    public static final Map<String, String> SORTABLE = Map.of("id", "a.id", "openedAt", "a.opened_at",
            "severity", "FIELD(a.severity, 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL')", "status", "a.status",
            "lastBreachAt", "a.last_breach_at");

    public record Criteria(AlertStatus status, Severity severity, Long patientId, Long departmentId,
                           TimeWindow openedIn) {
    }

    private final AlertQueries queries;
    private final AlertBroadcast broadcast;
    private final LiveCare care;
    private final Clock clock;

    AlertService(AlertQueries queries, AlertBroadcast broadcast, LiveCare care, Clock clock) {
        this.queries = queries;
        this.broadcast = broadcast;
        this.care = care;
        this.clock = clock;
    }

    public Uni<Page<AlertView>> search(Criteria criteria, PageRequest page, Caller caller) {
        Long patientId = PatientScope.restrict(caller, criteria.patientId());
        List<Object> params = new ArrayList<>();
        StringBuilder from = new StringBuilder(" FROM alert a");
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (CareSql.asksDatabase(caller)) {
            from.append(CareSql.STAFF_JOIN);
            params.add(CareSql.staffId(caller));
            CareSql.Fragment rule = CareSql.readsClinical("a.patient_id", null, caller, Instant.now());
            where.append(" AND ").append(rule.sql());
            params.addAll(rule.params());
        } else if (caller.role() != Role.ADMIN && caller.role() != Role.PATIENT) {
            throw DomainException.forbidden("alerts are for the care team, the patient and admins");
        }
        condition(where, params, "a.status = ?", criteria.status() == null ? null : criteria.status().name());
        condition(where, params, "a.severity = ?", criteria.severity() == null ? null : criteria.severity().name());
        condition(where, params, "a.patient_id = ?", patientId);
        condition(where, params, "a.department_id = ?", criteria.departmentId());
        condition(where, params, "a.opened_at >= ?", AlertQueries.utc(criteria.openedIn().from()));
        condition(where, params, "a.opened_at < ?", AlertQueries.utc(criteria.openedIn().toExclusive()));
        // like the vital-sign list: naming a patient one does not treat is a 403, not an empty page
        Uni<Void> allowed = patientId == null || !CareSql.asksDatabase(caller) ? Uni.createFrom().voidItem()
                : mayRead(patientId, caller);
        String order = orderBy(page.sort());
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(page.size());
        pageParams.add(page.page() * page.size());
        return allowed.chain(() -> queries.pool().preparedQuery("SELECT " + AlertQueries.COLUMNS + from + where
                        + order + " LIMIT ? OFFSET ?")
                .execute(Tuple.from(pageParams))
                .map(rows -> {
                    List<AlertView> items = new ArrayList<>();
                    rows.forEach(row -> items.add(AlertQueries.view(row)));
                    return items;
                }))
                .chain(items -> queries.pool().preparedQuery("SELECT COUNT(*) AS total" + from + where)
                        .execute(Tuple.from(params))
                        .map(rows -> Page.of(items, page, rows.iterator().next().getLong("total"))))
                .call(result -> audit(queries.pool(), caller, "SEARCH", null, patientId, "alerts status="
                        + criteria.status() + " severity=" + criteria.severity() + " department="
                        + criteria.departmentId() + " -> " + result.totalItems() + " found"));
    }

    public Uni<AlertView> get(long id, Caller caller) {
        return readable(id, caller)
                .call(alert -> audit(queries.pool(), caller, "READ", alert.id(), alert.patientId(), null));
    }

    public Uni<AlertView> acknowledge(long id, String note, Caller caller) {
        return readable(id, caller).chain(alert -> queries.pool().withTransaction(connection ->
                        queries.acknowledge(connection, id, caller.username(), note == null || note.isBlank() ? null
                                        : note.strip(), clock.instant())
                                .invoke(done -> {
                                    if (!done) {
                                        throw DomainException.conflict("status", "alert " + id + " is "
                                                + alert.status() + "; only an OPEN alert is acknowledged");
                                    }
                                })
                                .call(() -> audit(connection, caller, "UPDATE", id, alert.patientId(),
                                        "acknowledged alert " + alert.ruleCode()))
                                .chain(() -> queries.view(connection, id))))
                .invoke(view -> broadcast.publish("ACKNOWLEDGED", view));
    }

    public Uni<AlertView> resolve(long id, Caller caller) {
        return readable(id, caller).chain(alert -> queries.pool().withTransaction(connection ->
                        queries.resolve(connection, id, caller.username(), "MANUAL", clock.instant())
                                .invoke(done -> {
                                    if (!done) {
                                        throw DomainException.conflict("status", "alert " + id
                                                + " is resolved already");
                                    }
                                })
                                .call(() -> audit(connection, caller, "UPDATE", id, alert.patientId(),
                                        "resolved alert " + alert.ruleCode()))
                                .chain(() -> queries.view(connection, id))))
                .invoke(view -> broadcast.publish("RESOLVED", view));
    }

    /** The alert, when the caller may read the patient's vital signs: 404 unknown, 403 not treating. */
    private Uni<AlertView> readable(long id, Caller caller) {
        return queries.view(id)
                .onItem().ifNull().failWith(() -> DomainException.notFound("alert", id))
                .call(alert -> mayRead(alert.patientId(), caller));
    }

    private Uni<Void> mayRead(long patientId, Caller caller) {
        return care.viewer(caller, Duration.ZERO).readsClinical(patientId)
                .invoke(reads -> {
                    if (!reads) {
                        throw DomainException.forbidden(caller.role() != null && caller.role().isStaff()
                                ? "you do not treat patient " + patientId
                                : "patients may only access their own records");
                    }
                })
                .replaceWithVoid();
    }

    private static void condition(StringBuilder where, List<Object> params, String sql, Object value) {
        if (value != null) {
            where.append(" AND ").append(sql);
            params.add(value);
        }
    }

    private static String orderBy(Sort sort) {
        List<String> parts = new ArrayList<>();
        for (Sort.Column column : sort.getColumns()) {
            String name = column.getName().equals("id") ? "a.id" : column.getName();
            parts.add(name + (column.getDirection() == Sort.Direction.Descending ? " DESC" : " ASC"));
        }
        return " ORDER BY " + String.join(", ", parts);
    }

    private static Uni<Void> audit(SqlClient client, Caller caller, String action, Long alertId, Long patientId,
                                   String detail) {
        return client.preparedQuery("""
                        INSERT INTO audit_event (occurred_at, user_id, username, role, action, resource_type,
                                                 resource_id, patient_id, detail)
                        VALUES (?, ?, ?, ?, ?, 'ALERT', ?, ?, ?)""")
                .execute(Tuple.from(java.util.Arrays.asList(AlertQueries.utc(Instant.now()), caller.userId(),
                        caller.username(), caller.role() == null ? null : caller.role().name(), action, alertId,
                        patientId, detail)))
                .replaceWithVoid();
    }
}
