package org.mdms.analytics.warehouse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.mdms.analytics.warehouse.Changes.PrescriptionStatus;
import org.mdms.analytics.warehouse.Changes.VisitType;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The typed reading of the change feed, without Quarkus: what fits the contract, and what stops the sync. */
class FeedReaderTest {

    private static final Instant JAN = Instant.parse("2025-01-15T08:00:00Z");
    private final FeedReader reader = new FeedReader();

    private static FeedEvents everyEntity() {
        return new FeedEvents(1).department(1, "内科").doctor(10, 1, "张医生").drug(100, "阿莫西林", "12.50")
                .patient(1000, "FEMALE", null)
                .visit(500, 1000, 10, 1, "EMERGENCY", "OPEN", JAN)
                .prescription(900, 500, 1000, 10, 1, "DISPENSED", JAN, new FeedEvents.Line(1, 100, 2, "12.50"),
                        new FeedEvents.Line(2, 100, 1, "12.50"))
                .vital(70, 1000, "BLOOD_PRESSURE", "130", "85", true, JAN);
    }

    /** The prescription event (seq 6) of {@link #everyEntity()} changed by {@code edit}, read. */
    private FeedContractException offContract(Consumer<ObjectNode> edit) {
        List<ChangeEvent> events = everyEntity().events();
        edit.accept((ObjectNode) events.get(5).payload());
        return assertThrows(FeedContractException.class, () -> reader.read(events));
    }

    @Test
    void everyEntityIsReadIntoItsRecord() {
        FeedReader.Batch batch = reader.read(everyEntity().events());
        assertEquals("内科", batch.departments().get(1L).name());
        assertEquals(Changes.StaffKind.DOCTOR, batch.staff().get(10L).kind());
        assertEquals(new BigDecimal("12.50"), batch.drugs().get(100L).price());
        assertNull(batch.patients().get(1000L).birthYear(), "birthYear may be null");
        assertEquals(VisitType.EMERGENCY, batch.visits().get(500L).type());
        assertNull(batch.visits().get(500L).endedAt(), "endedAt may be null");
        Changes.PrescriptionChange p = batch.prescriptions().get(900L);
        assertEquals(PrescriptionStatus.DISPENSED, p.status());
        assertEquals(JAN, p.issuedAt());
        assertEquals(List.of(2, 1), p.items().stream().map(Changes.ItemChange::quantity).toList());
        assertEquals(new BigDecimal("37.50"), p.totalAmount());
        assertEquals(new BigDecimal("85"), batch.vitalSigns().get(70L).secondaryValue());
        assertTrue(batch.examinations().isEmpty());
    }

    @Test
    void aLaterEventOfTheSameEntitySupersedesAndADeleteFlagsThePatient() {
        List<ChangeEvent> events = new FeedEvents(1).patient(7, "MALE", 1980).patient(7, "MALE", 1981)
                .editLast(p -> p.put("someFieldAddedLater", "ignored")).events();
        ChangeEvent deleted = new ChangeEvent(3, "PATIENT", 8, "DELETE", JAN, events.get(0).payload().deepCopy());
        FeedReader.Batch batch = reader.read(List.of(events.get(0), events.get(1), deleted,
                new ChangeEvent(4, "HOSPITAL", 1, "UPSERT", JAN, events.get(0).payload())));
        assertEquals(1981, batch.patients().get(7L).birthYear());
        assertFalse(batch.patients().get(7L).deleted());
        assertTrue(batch.patients().get(8L).deleted(), "a DELETE keeps the last state, flagged deleted");
        assertEquals(2, batch.patients().size(), "an entity type the warehouse does not keep is skipped");
    }

    @Test
    void aMissingFieldNamesTheEventTheEntityAndTheField() {
        FeedContractException e = offContract(p -> p.remove("status"));
        assertEquals(6, e.seq());
        assertEquals("PRESCRIPTION", e.entityType());
        assertEquals("status", e.field());
        assertEquals(502, e.status());
        assertTrue(e.getMessage().startsWith("change event 6 (PRESCRIPTION 900) does not match the change feed "
                + "contract: payload.status is missing"), e.getMessage());
    }

    @Test
    void aRenamedFieldIsAMissingField() {
        FeedContractException e = offContract(p -> p.set("issued_at", p.remove("issuedAt")));
        assertEquals("issuedAt", e.field());
    }

    @Test
    void nullIsRefusedWhereTheContractRequiresAValue() {
        assertEquals("issuedAt", offContract(p -> p.putNull("issuedAt")).field());
        assertEquals("totalAmount", offContract(p -> p.putNull("totalAmount")).field());
        assertEquals("items[1].amount", offContract(p -> ((ObjectNode) p.get("items").get(1)).putNull("amount"))
                .field());
        // nullable in the contract: accepted
        reader.read(everyEntity().editLast(p -> p.putNull("visitId").putNull("secondaryValue")).events());
    }

    @Test
    void aFieldOfTheWrongTypeIsRefused() {
        assertEquals("status", offContract(p -> p.put("status", "LOST")).field(), "not a prescription status");
        assertEquals("doctorId", offContract(p -> p.put("doctorId", "ten")).field());
        assertEquals("visitId", offContract(p -> p.put("visitId", 1.5)).field(), "not a whole number");
        assertEquals("issuedAt", offContract(p -> p.put("issuedAt", "yesterday")).field());
        assertEquals("totalAmount", offContract(p -> p.put("totalAmount", "37.50")).field(), "a string, not a number");
        assertEquals("items", offContract(p -> p.put("items", "none")).field());
        assertEquals("items[0].quantity", offContract(p -> ((ObjectNode) p.get("items").get(0))
                .put("quantity", "two")).field());
        assertEquals("items[1].drugId", offContract(p -> ((ObjectNode) p.get("items").get(1)).remove("drugId"))
                .field());
        List<ChangeEvent> events = everyEntity().events();
        ((ObjectNode) events.get(0).payload()).put("code", 12);
        ((ObjectNode) events.get(1).payload()).put("active", "yes");
        FeedContractException code = assertThrows(FeedContractException.class, () -> reader.read(events));
        assertEquals("DEPARTMENT", code.entityType());
        assertEquals("code", code.field(), "a number where the contract has a string");
        FeedContractException active = assertThrows(FeedContractException.class,
                () -> reader.read(events.subList(1, 2)));
        assertEquals("active", active.field());
    }

    @Test
    void aBatchOfVitalSignsIsReadAsOneVitalSignEventPerElementInFeedOrder() {
        List<ChangeEvent> events = new FeedEvents(1).vital(72, 1000, "SPO2", "95", null, false, JAN)
                .vital(70, 1000, "HEART_RATE", "72", null, false, JAN)
                .vital(71, 1000, "BLOOD_PRESSURE", "128", "82", false, JAN)
                .vital(72, 1000, "SPO2", "97", null, false, JAN)
                .asVitalSignBatch(3)
                .vital(71, 1000, "BLOOD_PRESSURE", "160", "95", true, JAN) // a later correction of one of them
                .events();
        assertEquals(List.of("VITAL_SIGN", "VITAL_SIGN_BATCH", "VITAL_SIGN"),
                events.stream().map(ChangeEvent::entityType).toList());
        FeedReader.Batch batch = reader.read(events);
        assertEquals(List.of(72L, 70L, 71L), List.copyOf(batch.vitalSigns().keySet()));
        assertEquals(new BigDecimal("97"), batch.vitalSigns().get(72L).value(), "the batch came after the first 72");
        assertEquals(new BigDecimal("72"), batch.vitalSigns().get(70L).value());
        assertEquals(new BigDecimal("160"), batch.vitalSigns().get(71L).value(), "the later VITAL_SIGN event wins");
        assertTrue(batch.vitalSigns().get(71L).abnormal());
        assertNull(batch.vitalSigns().get(70L).secondaryValue());
    }

    @Test
    void anElementOffTheContractNamesItsPlaceInTheBatch() {
        assertEquals("vitalSigns[2].value", offBatch(v -> ((ObjectNode) v.get(2)).remove("value")).field());
        assertEquals("vitalSigns[1].measuredAt", offBatch(v -> ((ObjectNode) v.get(1)).putNull("measuredAt")).field());
        assertEquals("vitalSigns[0].type", offBatch(v -> ((ObjectNode) v.get(0)).put("type", "GLUCOSE")).field());
        assertEquals("vitalSigns[2].value", offBatch(v -> ((ObjectNode) v.get(2)).put("value", "high")).field());
        assertEquals("vitalSigns[1]", offBatch(v -> v.set(1, v.textNode("72"))).field());
        FeedContractException e = assertThrows(FeedContractException.class, () -> reader.read(new FeedEvents(1)
                .vital(70, 1000, "HEART_RATE", "72", null, false, JAN).asVitalSignBatch(1)
                .editLast(p -> p.put("vitalSigns", "none")).events()));
        assertEquals("vitalSigns", e.field());
        assertEquals("VITAL_SIGN_BATCH", e.entityType());
        assertTrue(e.getMessage().startsWith("change event 1 (VITAL_SIGN_BATCH 70) does not match the change feed "
                + "contract: payload.vitalSigns is not an array"), e.getMessage());
    }

    /** A batch of three readings whose vitalSigns array is changed by {@code edit}, read. */
    private FeedContractException offBatch(Consumer<com.fasterxml.jackson.databind.node.ArrayNode> edit) {
        List<ChangeEvent> events = new FeedEvents(1).vital(70, 1000, "HEART_RATE", "72", null, false, JAN)
                .vital(71, 1000, "BLOOD_PRESSURE", "128", "82", false, JAN)
                .vital(72, 1000, "SPO2", "97", null, false, JAN)
                .asVitalSignBatch(3)
                .editLast(p -> edit.accept((com.fasterxml.jackson.databind.node.ArrayNode) p.get("vitalSigns")))
                .events();
        return assertThrows(FeedContractException.class, () -> reader.read(events));
    }
}
