package org.mdms.records.audit;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;
import org.mdms.records.auth.Caller;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * Records who read or changed which patient's data, in the caller's transaction. A page that reads several parts of
 * one patient's record at once (the console's chart) gathers the reads of its request into one row ({@link #asOneRead}).
 */
@ApplicationScoped
public class AuditLog {

    public enum Action { READ, CREATE, UPDATE, DELETE, RESTORE, SEARCH, DISPENSE, CANCEL, LOCK, UNLOCK, REVOKE,
        BREAK_GLASS }

    /** A read held back while the request gathers its reads: the resource type and the detail it would have written. */
    public record Read(String resourceType, String detail) {
    }

    private static final String GATHERED = "mdms.audit.gathered-reads";

    public Uni<Void> record(Mutiny.Session session, Caller actor, Action action,
                            String resourceType, Long resourceId, Long patientId, String detail) {
        List<Read> gathering = gathering();
        if (gathering != null && (action == Action.READ || action == Action.SEARCH)) {
            gathering.add(new Read(resourceType, detail));
            return Uni.createFrom().voidItem();
        }
        return insert(session, actor, action, resourceType, resourceId, patientId, detail);
    }

    /**
     * Runs the reads of one page and writes them as one READ row of the patient (resource PATIENT, as the API's read
     * of the record) whose detail names every part read, instead of a row per part. Nothing read, nothing written
     * (the record itself was refused, as the API's read writes nothing then); a part refused is not named. Each
     * request gathers on its own Vert.x context, so another request's reads are never caught.
     */
    public <T> Uni<T> asOneRead(Caller actor, long patientId, String page, Supplier<Uni<T>> reads) {
        return Uni.createFrom().deferred(() -> {
            Context context = Vertx.currentContext();
            if (context == null || !VertxContext.isDuplicatedContext(context)) {
                return reads.get(); // no request of its own to gather on: each read writes its row
            }
            List<Read> gathered = Collections.synchronizedList(new ArrayList<>());
            context.putLocal(GATHERED, gathered);
            return reads.get()
                    .onTermination().invoke(() -> context.removeLocal(GATHERED))
                    .onItemOrFailure().call((item, failure) -> gathered.isEmpty() ? Uni.createFrom().voidItem()
                            : recordRead(actor, patientId, describe(page, gathered)));
        });
    }

    @WithTransaction
    Uni<Void> recordRead(Caller actor, long patientId, String detail) {
        return Panache.getSession().chain(session -> insert(session, actor, Action.READ, "PATIENT", patientId,
                patientId, detail));
    }

    /** "chart: PATIENT (CLINICAL), VISIT, PRESCRIPTION, EXAMINATION, VITAL_SIGN": the parts in the order read. */
    static String describe(String page, List<Read> reads) {
        List<String> parts = new ArrayList<>();
        synchronized (reads) {
            for (Read read : reads) {
                // the record's own read keeps the view it was given (as the API's row says); a list's counts do not fit
                boolean record = read.resourceType().equals("PATIENT") && read.detail() != null;
                parts.add(record ? read.resourceType() + " (" + read.detail() + ")" : read.resourceType());
            }
        }
        return page + ": " + String.join(", ", parts);
    }

    private static List<Read> gathering() {
        Context context = Vertx.currentContext();
        return context == null || !VertxContext.isDuplicatedContext(context) ? null : context.getLocal(GATHERED);
    }

    private Uni<Void> insert(Mutiny.Session session, Caller actor, Action action,
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
