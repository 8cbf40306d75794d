package org.mdms.imaging.audit;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.imaging.patient.Caller;
import org.mdms.imaging.support.PageRequest;
import org.mdms.imaging.support.PageView;

import java.time.Instant;
import java.util.List;

/** Writes and reads the local audit trail; every image access goes through {@link #record}. */
@ApplicationScoped
public class AuditService {

    public record AuditView(Long id, Instant occurredAt, Long userId, String username, String role, String action,
                            String resourceType, Long resourceId, Long patientId, String detail) {
    }

    @WithTransaction
    public Uni<Void> record(Caller caller, String action, Long imageId, Long patientId, String detail) {
        AuditEvent event = new AuditEvent();
        event.occurredAt = Instant.now();
        event.userId = caller.userId();
        event.username = caller.username() == null ? "?" : caller.username();
        event.role = caller.roleName();
        event.action = action;
        event.resourceType = "IMAGE";
        event.resourceId = imageId;
        event.patientId = patientId;
        event.detail = detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 1000);
        return event.persist().replaceWithVoid();
    }

    @WithSession
    public Uni<PageView<AuditView>> search(Long patientId, Long imageId, String action, PageRequest page) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (patientId != null) {
            where.append(" and patientId = :patientId");
            params.and("patientId", patientId);
        }
        if (imageId != null) {
            where.append(" and resourceId = :imageId");
            params.and("imageId", imageId);
        }
        if (action != null && !action.isBlank()) {
            where.append(" and action = :action");
            params.and("action", action.toUpperCase());
        }
        var query = AuditEvent.<AuditEvent>find(where.toString(), page.sort(), params.map())
                .page(page.page(), page.size());
        return query.list().chain(list -> query.count().map(total -> PageView.of(
                list.stream().map(AuditService::view).toList(), page, total)));
    }

    private static AuditView view(AuditEvent e) {
        return new AuditView(e.id, e.occurredAt, e.userId, e.username, e.role, e.action, e.resourceType,
                e.resourceId, e.patientId, e.detail);
    }

    static List<String> actions() {
        return List.of("UPLOAD", "READ", "LIST", "DOWNLOAD", "THUMBNAIL", "PREVIEW", "PRESIGN", "UPDATE", "DELETE",
                "RESTORE", "PURGE", "INTEGRITY", "DENIED");
    }
}
