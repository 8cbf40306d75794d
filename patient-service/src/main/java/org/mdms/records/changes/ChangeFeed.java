package org.mdms.records.changes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.openapi.annotations.media.DiscriminatorMapping;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.reactive.mutiny.Mutiny;
import org.mdms.records.openapi.ChangeEventSchemas;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The transactional outbox behind GET /api/v1/changes.
 * <p>
 * Writers call {@link #append} as the LAST step of their transaction: it bumps the single change_sequence row
 * (an exclusive row lock held until commit) and inserts the event with that number. Because the next writer
 * cannot take a number before the previous one has committed, sequence numbers become visible strictly in order,
 * so a reader that has seen N never later finds a smaller number: no late-committing event is ever skipped.
 * The price is that change-producing transactions serialise for the short time between append and commit.
 */
@ApplicationScoped
public class ChangeFeed {

    public enum EntityType { DEPARTMENT, STAFF, PATIENT, DRUG, VISIT, PRESCRIPTION, EXAMINATION, VITAL_SIGN,
        /** Devices' readings, many in one event (MeasurementIngest); typed-in ones stay VITAL_SIGN events. */
        VITAL_SIGN_BATCH }

    public enum Operation { UPSERT, DELETE }

    @RegisterForReflection // serialised by ObjectMapper, which the native build cannot see
    /** On the wire one of the per-entity schemas of {@link ChangeEventSchemas}, chosen by entityType. */
    @Schema(name = "ChangeEvent", description = "One committed change; entityType says which payload it carries",
            oneOf = {ChangeEventSchemas.DepartmentChangeEvent.class, ChangeEventSchemas.StaffChangeEvent.class,
                    ChangeEventSchemas.PatientChangeEvent.class, ChangeEventSchemas.DrugChangeEvent.class,
                    ChangeEventSchemas.VisitChangeEvent.class, ChangeEventSchemas.PrescriptionChangeEvent.class,
                    ChangeEventSchemas.ExaminationChangeEvent.class, ChangeEventSchemas.VitalSignChangeEvent.class,
                    ChangeEventSchemas.VitalSignBatchChangeEvent.class},
            discriminatorProperty = "entityType", discriminatorMapping = {
                    @DiscriminatorMapping(value = "DEPARTMENT", schema = ChangeEventSchemas.DepartmentChangeEvent.class),
                    @DiscriminatorMapping(value = "STAFF", schema = ChangeEventSchemas.StaffChangeEvent.class),
                    @DiscriminatorMapping(value = "PATIENT", schema = ChangeEventSchemas.PatientChangeEvent.class),
                    @DiscriminatorMapping(value = "DRUG", schema = ChangeEventSchemas.DrugChangeEvent.class),
                    @DiscriminatorMapping(value = "VISIT", schema = ChangeEventSchemas.VisitChangeEvent.class),
                    @DiscriminatorMapping(value = "PRESCRIPTION", schema = ChangeEventSchemas.PrescriptionChangeEvent.class),
                    @DiscriminatorMapping(value = "EXAMINATION", schema = ChangeEventSchemas.ExaminationChangeEvent.class),
                    @DiscriminatorMapping(value = "VITAL_SIGN", schema = ChangeEventSchemas.VitalSignChangeEvent.class),
                    @DiscriminatorMapping(value = "VITAL_SIGN_BATCH",
                            schema = ChangeEventSchemas.VitalSignBatchChangeEvent.class)})
    public record ChangeEvent(long seq, String entityType, long entityId, String operation, Instant occurredAt,
                              JsonNode payload) {
    }

    private final ObjectMapper json;
    private final Pool pool;

    ChangeFeed(ObjectMapper json, Pool pool) {
        this.json = json;
        this.pool = pool;
    }

    public Uni<Void> append(Mutiny.Session session, EntityType type, long entityId, Operation operation, Object payload) {
        String body = toJson(payload);
        return session.flush()
                .chain(() -> session.createNativeQuery(
                                "UPDATE change_sequence SET last_seq = LAST_INSERT_ID(last_seq + 1) WHERE id = 1")
                        .executeUpdate())
                .chain(() -> session.createNativeQuery("""
                                INSERT INTO change_event (seq, entity_type, entity_id, operation, occurred_at, payload)
                                VALUES (LAST_INSERT_ID(), ?1, ?2, ?3, ?4, ?5)""")
                        .setParameter(1, type.name())
                        .setParameter(2, entityId)
                        .setParameter(3, operation.name())
                        .setParameter(4, Instant.now())
                        .setParameter(5, body)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** Events read after a cursor; more when the page stopped at its limit or at its byte budget. */
    public record Slice(List<ChangeEvent> events, boolean more) {
    }

    /**
     * Up to {@code limit} events after {@code cursor}, and no more than {@code maxBytes} of payload (at least one
     * event): a VITAL_SIGN_BATCH event carries hundreds of readings, so a page of 1,000 of them would be too big
     * for a reader. The sizes are read first (numbers only), then the events up to the last that fits; a number
     * seen once stays (see the class comment), so the second read finds the same events.
     */
    public Uni<Slice> readAfter(long cursor, int limit, long maxBytes) {
        return pool.preparedQuery("SELECT seq, LENGTH(payload) AS bytes FROM change_event WHERE seq > ? "
                        + "ORDER BY seq LIMIT ?")
                .execute(Tuple.of(cursor, limit))
                .chain(sizes -> {
                    long last = cursor;
                    long bytes = 0;
                    int fit = 0;
                    for (Row row : sizes) {
                        bytes += row.getLong("bytes");
                        if (fit > 0 && bytes > maxBytes) {
                            break;
                        }
                        last = row.getLong("seq");
                        fit++;
                    }
                    boolean more = fit == limit || fit < sizes.size();
                    if (fit == 0) {
                        return Uni.createFrom().item(new Slice(List.of(), false));
                    }
                    return readThrough(cursor, last).map(events -> new Slice(events, more));
                });
    }

    private Uni<List<ChangeEvent>> readThrough(long cursor, long last) {
        return pool.preparedQuery("""
                        SELECT seq, entity_type, entity_id, operation, occurred_at, payload
                        FROM change_event WHERE seq > ? AND seq <= ? ORDER BY seq""")
                .execute(Tuple.of(cursor, last))
                .onItem().transform(rows -> {
                    List<ChangeEvent> events = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        events.add(new ChangeEvent(row.getLong("seq"), row.getString("entity_type"),
                                row.getLong("entity_id"), row.getString("operation"),
                                row.getLocalDateTime("occurred_at").toInstant(ZoneOffset.UTC),
                                parse(row.getString("payload"))));
                    }
                    return events;
                });
    }

    public Uni<Long> lastSequence() {
        return pool.query("SELECT COALESCE(MAX(seq), 0) AS last FROM change_event").execute()
                .onItem().transform(rows -> rows.iterator().next().getLong("last"));
    }

    public String toJson(Object payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise change payload", e);
        }
    }

    private JsonNode parse(String payload) {
        try {
            return json.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored change payload is not JSON", e);
        }
    }
}
