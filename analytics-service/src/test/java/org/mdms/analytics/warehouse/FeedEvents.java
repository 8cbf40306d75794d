package org.mdms.analytics.warehouse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Builds change-feed events in the feed's JSON format (the sync's input), for tests of the apply path. */
public final class FeedEvents {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<ChangeEvent> events = new ArrayList<>();
    private long seq;

    public FeedEvents(long firstSeq) {
        this.seq = firstSeq - 1;
    }

    public record Line(long id, long drugId, int quantity, String unitPrice) {
    }

    public FeedEvents department(long id, String name) {
        ObjectNode p = JSON.createObjectNode().put("id", id).put("hospitalId", 1).put("code", "D" + id).put("name", name);
        return add("DEPARTMENT", id, p);
    }

    public FeedEvents doctor(long id, long departmentId, String name) {
        ObjectNode p = JSON.createObjectNode().put("id", id).put("userId", 100 + id).put("departmentId", departmentId)
                .put("kind", "DOCTOR").put("name", name).put("title", "主任医师").put("active", true);
        return add("STAFF", id, p);
    }

    public FeedEvents drug(long id, String name, String price) {
        ObjectNode p = JSON.createObjectNode().put("id", id).put("code", "DRG" + id).put("name", name)
                .put("genericName", name).put("category", "抗生素").put("dosageForm", "片剂").put("strength", "250mg")
                .put("unit", "盒").put("price", new BigDecimal(price)).put("active", true);
        return add("DRUG", id, p);
    }

    /** As patient-service publishes a patient: gender and birth year only (null: unknown). */
    public FeedEvents patient(long id, String gender, Integer birthYear) {
        ObjectNode p = JSON.createObjectNode().put("id", id).put("gender", gender).put("birthYear", birthYear)
                .put("deleted", false);
        return add("PATIENT", id, p);
    }

    public FeedEvents visit(long id, long patientId, long doctorId, long departmentId, String type, String status,
                            Instant startedAt) {
        ObjectNode p = JSON.createObjectNode().put("id", id).put("patientId", patientId).put("doctorId", doctorId)
                .put("departmentId", departmentId).put("type", type).put("status", status)
                .put("startedAt", startedAt.toString()).putNull("endedAt").put("diagnosisCode", "J06.9");
        return add("VISIT", id, p);
    }

    public FeedEvents prescription(long id, long visitId, long patientId, long doctorId, long departmentId,
                                   String status, Instant issuedAt, Line... lines) {
        ObjectNode p = JSON.createObjectNode().put("id", id).put("visitId", visitId).put("patientId", patientId)
                .put("doctorId", doctorId).put("departmentId", departmentId).put("status", status)
                .put("issuedAt", issuedAt.toString()).putNull("dispensedAt").putNull("cancelledAt");
        ArrayNode items = p.putArray("items");
        BigDecimal total = BigDecimal.ZERO;
        for (Line line : lines) {
            BigDecimal amount = new BigDecimal(line.unitPrice()).multiply(BigDecimal.valueOf(line.quantity()));
            total = total.add(amount);
            items.addObject().put("id", line.id()).put("drugId", line.drugId()).put("quantity", line.quantity())
                    .put("unitPrice", new BigDecimal(line.unitPrice())).put("amount", amount);
        }
        p.put("totalAmount", total);
        return add("PRESCRIPTION", id, p);
    }

    public FeedEvents vital(long id, long patientId, String type, String value, String secondary, boolean abnormal,
                            Instant measuredAt) {
        ObjectNode p = JSON.createObjectNode().put("id", id).put("patientId", patientId).putNull("visitId")
                .put("type", type).put("value", new BigDecimal(value)).put("unit", "x").put("abnormal", abnormal)
                .put("measuredAt", measuredAt.toString());
        if (secondary == null) {
            p.putNull("secondaryValue");
        } else {
            p.put("secondaryValue", new BigDecimal(secondary));
        }
        return add("VITAL_SIGN", id, p);
    }

    /**
     * The last {@code n} events (VITAL_SIGN events) as one VITAL_SIGN_BATCH event, as patient-service publishes a
     * device's readings: named after the first, its payload {"vitalSigns": [the n payloads, in order]}.
     */
    public FeedEvents asVitalSignBatch(int n) {
        List<ChangeEvent> last = new ArrayList<>(events.subList(events.size() - n, events.size()));
        events.subList(events.size() - n, events.size()).clear();
        seq -= n;
        ArrayNode vitalSigns = JSON.createArrayNode();
        last.forEach(event -> vitalSigns.add(event.payload()));
        return add("VITAL_SIGN_BATCH", last.get(0).entityId(), JSON.createObjectNode().set("vitalSigns", vitalSigns));
    }

    /** Changes the payload of the event added last: how a test makes an event that breaks the feed's contract. */
    public FeedEvents editLast(Consumer<ObjectNode> edit) {
        edit.accept((ObjectNode) events.get(events.size() - 1).payload());
        return this;
    }

    private FeedEvents add(String type, long id, ObjectNode payload) {
        events.add(new ChangeEvent(++seq, type, id, "UPSERT", Instant.parse("2026-01-01T00:00:00Z"), payload));
        return this;
    }

    public List<ChangeEvent> events() {
        return List.copyOf(events);
    }

    public ChangePage page() {
        return new ChangePage(events(), seq, false);
    }
}
