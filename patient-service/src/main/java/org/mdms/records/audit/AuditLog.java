package org.mdms.records.audit;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;
import org.mdms.records.auth.Caller;

import java.time.Instant;

/** Records who read or changed which patient's data, in the caller's transaction. */
@ApplicationScoped
public class AuditLog {

    public enum Action { READ, CREATE, UPDATE, DELETE, RESTORE, SEARCH, DISPENSE, CANCEL, LOCK, UNLOCK, REVOKE,
        BREAK_GLASS }

    public Uni<Void> record(Mutiny.Session session, Caller actor, Action action,
                            String resourceType, Long resourceId, Long patientId, String detail) {
        return session.createNativeQuery("""
                        INSERT INTO audit_event (occurred_at, user_id, username, role, action, resource_type,
                                                 resource_id, patient_id, detail)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)""")
                .setParameter(1, Instant.now())
                .setParameter(2, actor.userId())
                .setParameter(3, actor.username())
                .setParameter(4, actor.role() == null ? null : actor.role().name())
                .setParameter(5, action.name())
                .setParameter(6, resourceType)
                .setParameter(7, resourceId)
                .setParameter(8, patientId)
                .setParameter(9, detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 1000))
                .executeUpdate()
                .replaceWithVoid();
    }
}
