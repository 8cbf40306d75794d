package org.mdms.imaging.audit;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.imaging.patient.Caller;
import org.mdms.common.PageRequest;
import org.mdms.imaging.support.PageView;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/** Writes and reads the local audit trail; every image access goes through {@link #record}. */
@ApplicationScoped
public class AuditService {

    public record AuditView(Long id, Instant occurredAt, Long userId, String username, String role, String action,
                            String resourceType, Long resourceId, Long patientId, String detail) {
    }

    private final AuditEventRepository events;
    private final Pool pool;

    AuditService(AuditEventRepository events, Pool pool) {
        this.events = events;
        this.pool = pool;
    }

    @WithTransaction
    public Uni<Void> record(Caller caller, String action, Long imageId, Long patientId, String detail) {
        return record(caller, action, "IMAGE", imageId, patientId, detail);
    }

    /** An entry about another kind of resource (DICOM_STUDY, DICOM_INSTANCE). */
    @WithTransaction
    public Uni<Void> record(Caller caller, String action, String resourceType, Long resourceId, Long patientId,
                            String detail) {
        AuditEvent event = new AuditEvent(Instant.now(), caller.userId(), username(caller), caller.roleName(), action,
                resourceType, resourceId, patientId, clipped(detail));
        return events.persist(event).replaceWithVoid();
    }

    /**
     * An entry about a read (or its refusal) that is no part of a write: one INSERT through the SQL client, autocommit.
     * Every read of an image or a DICOM level is audited, and {@link #record}'s Hibernate session with BEGIN and COMMIT
     * cost two more round trips each time; a write's own entries keep going through {@link #record}, in its
     * transaction.
     */
    public Uni<Void> recordRead(Caller caller, String action, String resourceType, Long resourceId, Long patientId,
                                String detail) {
        return pool.preparedQuery("INSERT INTO audit_event (occurred_at, user_id, username, role, action, "
                        + "resource_type, resource_id, patient_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .execute(Tuple.from(Arrays.asList(LocalDateTime.now(ZoneOffset.UTC), caller.userId(),
                        username(caller), caller.roleName(), action, resourceType, resourceId, patientId,
                        clipped(detail))))
                .replaceWithVoid();
    }

    private static String username(Caller caller) {
        return caller.username() == null ? "?" : caller.username();
    }

    /** The detail column holds 1000 characters. */
    private static String clipped(String detail) {
        return detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 1000);
    }

    @WithSession
    public Uni<PageView<AuditView>> search(Long patientId, Long imageId, String action, PageRequest page) {
        var query = events.search(patientId, imageId, action, page.sort()).page(page.page(), page.size());
        return query.list().chain(list -> query.count().map(total -> PageView.of(
                list.stream().map(AuditService::view).toList(), page, total)));
    }

    private static AuditView view(AuditEvent e) {
        return new AuditView(e.getId(), e.getOccurredAt(), e.getUserId(), e.getUsername(), e.getRole(),
                e.getAction(), e.getResourceType(), e.getResourceId(), e.getPatientId(), e.getDetail());
    }

    /** Every action an entry can record (the audit search's `action` filter is one of them). */
    public static final List<String> ACTIONS = List.of("UPLOAD", "READ", "LIST", "DOWNLOAD", "THUMBNAIL", "PREVIEW",
            "PRESIGN", "UPDATE", "DELETE", "RESTORE", "PURGE", "INTEGRITY", "DENIED");
}
