package org.mdms.analytics.warehouse;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mdms.analytics.sync.SyncDriver;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The apply path against the real embedded MariaDB, fed with change-feed events in the feed's own JSON format:
 * rollup deltas on update and cancellation, idempotent replay, and a batch that dies half way.
 */
@QuarkusTest // the embedded MariaDB (and patient-service) come from the global test resource, declared on the it/*AgainstRecordsTest classes
class WarehouseApplyTest {

    @Inject
    Pool pool;
    @Inject
    FailingWarehouseWriter writer;
    @Inject
    SyncDriver sync;

    static final Instant JAN = Instant.parse("2025-01-15T08:00:00Z");
    static final Instant FEB = Instant.parse("2025-02-03T23:30:00Z");

    @BeforeEach
    void empty() {
        WarehouseReset.reset(pool);
    }


    private String rollups() {
        return dump(List.of(
                "SELECT drug_id, month_key, quantity, amount, prescriptions, items FROM rollup_drug_month ORDER BY 1, 2",
                "SELECT * FROM rollup_drug_day ORDER BY 1, 2",
                "SELECT * FROM rollup_drug_department_month ORDER BY 1, 2, 3",
                "SELECT * FROM rollup_doctor_drug_month ORDER BY 1, 2, 3",
                "SELECT * FROM rollup_department_day ORDER BY 1, 2",
                "SELECT * FROM rollup_visit_day ORDER BY 1, 2, 3",
                "SELECT * FROM rollup_department_week ORDER BY 1, 2",
                "SELECT * FROM rollup_department_month ORDER BY 1, 2",
                "SELECT * FROM rollup_visit_week ORDER BY 1, 2, 3",
                "SELECT * FROM rollup_visit_month ORDER BY 1, 2, 3",
                "SELECT * FROM rollup_month ORDER BY 1",
                "SELECT * FROM rollup_vital_day ORDER BY 1, 2"));
    }

    /** The rows of each query as JSON lines, one after the other. */
    private String dump(List<String> queries) {
        StringBuilder all = new StringBuilder();
        for (String sql : queries) {
            pool.query(sql).execute().await().indefinitely().forEach(row -> all.append(row.toJson()).append('\n'));
        }
        return all.toString();
    }

    private void apply(List<ChangeEvent> events) {
        pool.withTransaction(conn -> writer.apply(conn, events)).await().atMost(Duration.ofSeconds(30));
    }

    private List<String> query(String sql) {
        List<String> rows = new ArrayList<>();
        pool.query(sql).execute().await().indefinitely().forEach(row -> rows.add(row.toJson().encode()));
        return rows;
    }

    private FeedEvents base() {
        return new FeedEvents(1).department(1, "内科").department(2, "儿科").doctor(10, 1, "张医生")
                .drug(100, "阿莫西林", "12.50").drug(101, "布洛芬", "8.00").patient(1000, "FEMALE", 1980);
    }

    @Test
    void updateAndCancellationMoveTheRollups() {
        apply(base()
                .visit(500, 1000, 10, 1, "OUTPATIENT", "OPEN", JAN)
                .prescription(900, 500, 1000, 10, 1, "ISSUED", JAN,
                        new FeedEvents.Line(1, 100, 2, "12.50"), new FeedEvents.Line(2, 100, 1, "12.50"),
                        new FeedEvents.Line(3, 101, 3, "8.00"))
                .prescription(901, 500, 1000, 10, 1, "ISSUED", FEB, new FeedEvents.Line(4, 101, 1, "8.00"))
                .events());
        assertEquals(List.of(
                        "{\"drug_id\":100,\"month_key\":202501,\"quantity\":3,\"amount\":\"37.50\",\"prescriptions\":1,\"items\":2}",
                        "{\"drug_id\":101,\"month_key\":202501,\"quantity\":3,\"amount\":\"24.00\",\"prescriptions\":1,\"items\":1}",
                        "{\"drug_id\":101,\"month_key\":202502,\"quantity\":1,\"amount\":\"8.00\",\"prescriptions\":1,\"items\":1}"),
                query("SELECT drug_id, month_key, quantity, CAST(amount AS CHAR) AS amount, prescriptions, items "
                        + "FROM rollup_drug_month ORDER BY 1, 2"));

        // the pharmacist dispenses 900 with one line changed: old contribution out, new in
        apply(new FeedEvents(20).prescription(900, 500, 1000, 10, 1, "DISPENSED", JAN,
                new FeedEvents.Line(1, 100, 5, "12.50")).events());
        assertEquals(List.of("{\"month_key\":202501,\"prescriptions\":1,\"items\":1,\"quantity\":5,\"amount\":\"62.50\"}",
                        "{\"month_key\":202502,\"prescriptions\":1,\"items\":1,\"quantity\":1,\"amount\":\"8.00\"}"),
                query("SELECT month_key, prescriptions, items, quantity, CAST(amount AS CHAR) AS amount "
                        + "FROM rollup_month ORDER BY 1"));
        assertEquals(List.of("[]"), List.of(query("SELECT * FROM rollup_drug_month WHERE drug_id = 101 AND month_key = 202501 "
                + "AND (quantity <> 0 OR prescriptions <> 0)").toString()));

        // a cancelled prescription leaves the totals; its facts stay, flagged
        apply(new FeedEvents(30).prescription(901, 500, 1000, 10, 1, "CANCELLED", FEB,
                new FeedEvents.Line(4, 101, 1, "8.00")).events());
        assertEquals(List.of("{\"month_key\":202502,\"prescriptions\":0,\"items\":0,\"quantity\":0}"),
                query("SELECT month_key, prescriptions, items, quantity FROM rollup_month WHERE month_key = 202502"));
        assertEquals(List.of("{\"n\":1,\"counted\":0}"),
                query("SELECT COUNT(*) AS n, MAX(counted) AS counted FROM fact_prescription_item WHERE prescription_id = 901"));
        assertEquals(List.of("{\"visits\":1}"), query("SELECT visits FROM rollup_visit_day"));
    }

    @Test
    void replayingABatchChangesNothing() {
        List<ChangeEvent> batch = base()
                .visit(501, 1000, 10, 2, "EMERGENCY", "CLOSED", FEB)
                .prescription(910, 501, 1000, 10, 2, "ISSUED", FEB, new FeedEvents.Line(11, 100, 4, "12.50"))
                .vital(70, 1000, "HEART_RATE", "130", null, true, FEB)
                .events();
        apply(batch);
        String once = rollups();
        apply(batch);
        apply(batch);
        assertEquals(once, rollups());
        assertEquals(List.of("{\"n\":1}"), query("SELECT COUNT(*) AS n FROM fact_prescription_item"));
    }

    @Test
    void aBatchThatDiesHalfWayLeavesNoTraceAndResumes() {
        long before = cursor();
        ChangePage page = new ChangePage(base()
                .prescription(920, 0, 1000, 10, 1, "ISSUED", JAN, new FeedEvents.Line(21, 100, 1, "12.50"))
                .prescription(921, 0, 1000, 10, 1, "ISSUED", JAN, new FeedEvents.Line(22, 101, 2, "8.00"))
                .events(), before + 8, false);
        writer.injectFailureAfter(7);
        assertThrows(FailingWarehouseWriter.InjectedFailure.class,
                () -> sync.applyPage(page).await().atMost(Duration.ofSeconds(30)));
        assertEquals(before, cursor());
        assertEquals(List.of(), query("SELECT * FROM rollup_month"));
        assertEquals(List.of("{\"n\":0}"), query("SELECT COUNT(*) AS n FROM fact_prescription"));

        sync.applyPage(page).await().atMost(Duration.ofSeconds(30));
        assertEquals(before + 8, cursor());
        assertEquals(List.of("{\"prescriptions\":2,\"quantity\":3}"),
                query("SELECT prescriptions, quantity FROM rollup_month"));
        String applied = rollups();
        // a writer still holding the old cursor (a stale worker) is refused: its batch rolls back
        assertThrows(StaleBatchException.class, () -> writer.applyBatch(page, before,
                "someone-else", Duration.ofSeconds(30)).await().atMost(Duration.ofSeconds(30)));
        assertEquals(applied, rollups());
    }

    /**
     * Issue 13: an event off the feed's contract (here a prescription without its status) is not written with a
     * default: the batch fails before anything of it is written, naming the event and the field, and the cursor stays.
     */
    @Test
    void anEventOffTheContractStopsTheBatchWithNothingWritten() {
        long before = cursor();
        ChangePage page = new ChangePage(base()
                .prescription(930, 0, 1000, 10, 1, "ISSUED", JAN, new FeedEvents.Line(31, 100, 1, "12.50"))
                .editLast(p -> p.remove("status"))
                .events(), before + 7, false);
        FeedContractException e = assertThrows(FeedContractException.class,
                () -> sync.applyPage(page).await().atMost(Duration.ofSeconds(30)));
        assertEquals(List.of(7L, "PRESCRIPTION", "status"), List.of(e.seq(), e.entityType(), e.field()));
        assertEquals(before, cursor());
        assertEquals(List.of("{\"n\":0}"), query("SELECT COUNT(*) AS n FROM dim_department"),
                "the dimensions before the bad event are not written either");
        assertEquals(List.of("{\"n\":0}"), query("SELECT COUNT(*) AS n FROM fact_prescription"));

        // the same batch in bulk catch-up fails alike
        assertThrows(FeedContractException.class,
                () -> sync.applyPage(page, true).await().atMost(Duration.ofSeconds(30)));
        assertEquals(List.of(), query("SELECT * FROM rollup_stale_month"));
        assertEquals(before, cursor());
    }

    /** Every prescription rollup row that is not all zeros (deltas leave zero rows behind, a rebuild does not). */
    private String prescriptionRollups() {
        return dump(List.of(
                "SELECT * FROM rollup_drug_month WHERE prescriptions <> 0 OR items <> 0 ORDER BY 1, 2",
                "SELECT * FROM rollup_drug_day WHERE prescriptions <> 0 OR items <> 0 ORDER BY 1, 2",
                "SELECT * FROM rollup_drug_department_month WHERE prescriptions <> 0 OR items <> 0 ORDER BY 1, 2, 3",
                "SELECT * FROM rollup_doctor_drug_month WHERE prescriptions <> 0 OR items <> 0 ORDER BY 1, 2, 3",
                "SELECT * FROM rollup_department_day WHERE prescriptions <> 0 OR items <> 0 ORDER BY 1, 2",
                "SELECT * FROM rollup_month WHERE prescriptions <> 0 OR items <> 0 ORDER BY 1",
                "SELECT * FROM rollup_visit_day WHERE visits <> 0 ORDER BY 1, 2, 3",
                "SELECT * FROM rollup_department_week WHERE prescriptions <> 0 OR items <> 0 ORDER BY 1, 2",
                "SELECT * FROM rollup_department_month WHERE prescriptions <> 0 OR items <> 0 ORDER BY 1, 2",
                "SELECT * FROM rollup_visit_week WHERE visits <> 0 ORDER BY 1, 2, 3",
                "SELECT * FROM rollup_visit_month WHERE visits <> 0 ORDER BY 1, 2, 3"));
    }

    private void applyBulk(List<ChangeEvent> events) {
        pool.withTransaction(conn -> writer.apply(conn, events, true)).await().atMost(Duration.ofSeconds(30));
    }

    @Test
    void bulkCatchUpThenRebuildGivesTheRollupsTheDeltasGive() {
        // a history with a drug twice on one prescription, a dispense that changes lines and moves the prescription
        // to another month (its department stays its visit's), a cancellation, a prescription without items, and a
        // cancelled visit
        List<List<ChangeEvent>> history = List.of(
                base().department(3, "外科").doctor(11, 3, "李医生")
                        .visit(600, 1000, 10, 1, "OUTPATIENT", "OPEN", JAN)
                        .visit(601, 1000, 11, 3, "EMERGENCY", "CANCELLED", FEB)
                        .prescription(940, 600, 1000, 10, 1, "ISSUED", JAN, new FeedEvents.Line(41, 100, 2, "12.50"),
                                new FeedEvents.Line(42, 100, 1, "12.50"), new FeedEvents.Line(43, 101, 3, "8.00"))
                        .prescription(941, 600, 1000, 11, 3, "ISSUED", FEB, new FeedEvents.Line(44, 101, 1, "8.00"))
                        .prescription(942, 600, 1000, 10, 1, "ISSUED", JAN, new FeedEvents.Line(45, 101, 6, "8.00"))
                        .prescription(943, 600, 1000, 10, 1, "ISSUED", FEB)
                        .events(),
                new FeedEvents(40)
                        .prescription(940, 600, 1000, 11, 3, "DISPENSED", FEB, new FeedEvents.Line(41, 100, 5, "12.50"),
                                new FeedEvents.Line(46, 101, 2, "8.00"))
                        .prescription(942, 600, 1000, 10, 1, "CANCELLED", JAN, new FeedEvents.Line(45, 101, 6, "8.00"))
                        .prescription(944, 600, 1000, 10, 1, "ISSUED", JAN, new FeedEvents.Line(47, 100, 4, "12.50"))
                        .events());
        history.forEach(this::apply);
        String byDeltas = prescriptionRollups();
        assertEquals(List.of("{\"month_key\":202501,\"prescriptions\":1,\"items\":1,\"quantity\":4}",
                        "{\"month_key\":202502,\"prescriptions\":3,\"items\":3,\"quantity\":8}"),
                query("SELECT month_key, prescriptions, items, quantity FROM rollup_month WHERE prescriptions <> 0 "
                        + "ORDER BY 1"));

        WarehouseReset.reset(pool);
        history.forEach(this::applyBulk);
        assertEquals(List.of("{\"month_key\":202501}", "{\"month_key\":202502}"),
                query("SELECT month_key FROM rollup_stale_month ORDER BY 1"));
        assertEquals(List.of(), query("SELECT * FROM rollup_drug_month"), "bulk batches leave the rollups alone");
        assertEquals(List.of("{\"n\":5}"), query("SELECT COUNT(*) AS n FROM fact_prescription_item"));

        // a worker without the lease may not rebuild: its transaction rolls back, the marks stay
        assertThrows(StaleBatchException.class, () -> writer.rebuildMonth(202501, "someone-else",
                Duration.ofSeconds(30)).await().atMost(Duration.ofSeconds(30)));
        assertEquals(2, query("SELECT month_key FROM rollup_stale_month").size());
        assertEquals(List.of(), query("SELECT * FROM rollup_drug_month"));

        assertEquals(2, sync.rebuildStaleMonths().await().atMost(Duration.ofSeconds(30)));
        assertEquals(byDeltas, prescriptionRollups());
        assertEquals(List.of(), query("SELECT * FROM rollup_stale_month"));

        // replaying a bulk batch marks its months again; rebuilding them (twice) changes nothing
        applyBulk(history.get(1));
        assertEquals(2, sync.rebuildStaleMonths().await().atMost(Duration.ofSeconds(30)));
        assertEquals(0, sync.rebuildStaleMonths().await().atMost(Duration.ofSeconds(30)));
        assertEquals(byDeltas, prescriptionRollups());

        // deltas on top of rebuilt months keep them right: cancel 944 both ways and compare
        List<ChangeEvent> cancel = new FeedEvents(60).prescription(944, 600, 1000, 10, 1, "CANCELLED", JAN,
                new FeedEvents.Line(47, 100, 4, "12.50")).events();
        apply(cancel);
        String afterDelta = prescriptionRollups();
        applyBulk(cancel);
        sync.rebuildStaleMonths().await().atMost(Duration.ofSeconds(30));
        assertEquals(afterDelta, prescriptionRollups());
        assertEquals(List.of(), query("SELECT * FROM rollup_month WHERE month_key = 202501 AND prescriptions <> 0"));
    }

    /**
     * Issue 12: a visit moved to another department. Only a VISIT event is published; its prescriptions (and their
     * items, rollups) must follow it, whether the events come in separate batches, in one batch, or in bulk
     * catch-up, and a late prescription event still naming the old department must not move it back.
     */
    @Test
    void aVisitMovedToAnotherDepartmentTakesItsPrescriptionsAlong() {
        List<ChangeEvent> before = base()
                .visit(700, 1000, 10, 1, "OUTPATIENT", "OPEN", JAN)
                .visit(701, 1000, 10, 1, "OUTPATIENT", "OPEN", JAN)
                .prescription(960, 700, 1000, 10, 1, "ISSUED", JAN, new FeedEvents.Line(61, 100, 2, "58.80"))
                .prescription(961, 700, 1000, 10, 1, "ISSUED", FEB, new FeedEvents.Line(62, 101, 3, "8.00"))
                .prescription(962, 701, 1000, 10, 1, "ISSUED", JAN, new FeedEvents.Line(63, 100, 48, "58.80"))
                .events();
        List<ChangeEvent> move = new FeedEvents(20).visit(700, 1000, 10, 2, "OUTPATIENT", "OPEN", JAN).events();
        apply(before);
        apply(move);
        String moved = prescriptionRollups();
        assertEquals(List.of("{\"department_id\":1,\"drug_id\":100,\"month_key\":202501,\"quantity\":48,"
                        + "\"amount\":\"2822.40\",\"prescriptions\":1}",
                        "{\"department_id\":2,\"drug_id\":100,\"month_key\":202501,\"quantity\":2,"
                        + "\"amount\":\"117.60\",\"prescriptions\":1}",
                        "{\"department_id\":2,\"drug_id\":101,\"month_key\":202502,\"quantity\":3,"
                        + "\"amount\":\"24.00\",\"prescriptions\":1}"),
                query("SELECT department_id, drug_id, month_key, quantity, CAST(amount AS CHAR) AS amount, prescriptions "
                        + "FROM rollup_drug_department_month WHERE items <> 0 ORDER BY 1, 2, 3"));
        assertEquals(List.of("{\"department_id\":1,\"prescriptions\":1}", "{\"department_id\":2,\"prescriptions\":2}"),
                query("SELECT department_id, SUM(prescriptions) AS prescriptions FROM rollup_department_day "
                        + "GROUP BY department_id HAVING SUM(prescriptions) <> 0 ORDER BY 1"));
        assertEquals(List.of("{\"id\":960,\"department_id\":2}", "{\"id\":961,\"department_id\":2}",
                        "{\"id\":962,\"department_id\":1}"),
                query("SELECT id, department_id FROM fact_prescription ORDER BY id"));
        assertEquals(List.of("{\"item_id\":61,\"department_id\":2}", "{\"item_id\":62,\"department_id\":2}",
                        "{\"item_id\":63,\"department_id\":1}"),
                query("SELECT item_id, department_id FROM fact_prescription_item ORDER BY item_id"));

        // a late event of 960 written before the move (dispensed then) keeps it in its visit's department
        apply(new FeedEvents(30).prescription(960, 700, 1000, 10, 1, "ISSUED", JAN,
                new FeedEvents.Line(61, 100, 2, "58.80")).events());
        assertEquals(moved, prescriptionRollups());

        // the whole history in one batch: the prescriptions' payloads are older than the move
        WarehouseReset.reset(pool);
        List<ChangeEvent> all = new ArrayList<>(before);
        all.addAll(move);
        apply(all);
        assertEquals(moved, prescriptionRollups());

        // bulk catch-up: facts move, their months are marked and rebuilt
        WarehouseReset.reset(pool);
        applyBulk(before);
        sync.rebuildStaleMonths().await().atMost(Duration.ofSeconds(30));
        applyBulk(move);
        assertEquals(List.of("{\"month_key\":202501}", "{\"month_key\":202502}"),
                query("SELECT month_key FROM rollup_stale_month ORDER BY 1"));
        sync.rebuildStaleMonths().await().atMost(Duration.ofSeconds(30));
        assertEquals(moved, prescriptionRollups());

        // moving back undoes it exactly
        apply(new FeedEvents(40).visit(700, 1000, 10, 1, "OUTPATIENT", "OPEN", JAN).events());
        assertEquals(List.of("{\"department_id\":1,\"prescriptions\":3}"),
                query("SELECT department_id, SUM(prescriptions) AS prescriptions FROM rollup_department_day "
                        + "GROUP BY department_id HAVING SUM(prescriptions) <> 0 ORDER BY 1"));
    }

    /**
     * The other attributes a fact could take from another entity, and why they stay: a prescription's doctor is its
     * prescriber (not the visit's doctor), its prices are the ones charged at issue (a catalogue price change does not
     * reprice history, as in patient-service), a staff member's department and a patient's gender and birth year
     * live in the dimensions only, which follow their events.
     */
    @Test
    void visitDoctorDrugPriceStaffDepartmentAndPatientChangesFollowTheRecordsRule() {
        apply(base().department(2, "儿科").doctor(11, 1, "李医生")
                .visit(710, 1000, 10, 1, "OUTPATIENT", "OPEN", JAN)
                .prescription(970, 710, 1000, 10, 1, "ISSUED", JAN, new FeedEvents.Line(71, 100, 4, "12.50"))
                .events());
        String before = prescriptionRollups();
        apply(new FeedEvents(20)
                .visit(710, 1000, 11, 1, "OUTPATIENT", "OPEN", JAN)   // another doctor takes the visit over
                .drug(100, "阿莫西林", "20.00")                        // the catalogue price changes
                .doctor(10, 2, "张医生")                                 // the prescriber moves to another department
                .patient(1000, "MALE", 1979)                            // gender and birth year corrected
                .events());
        assertEquals(before, prescriptionRollups(), "no prescription figure changes");
        assertEquals(List.of("{\"doctor_id\":10,\"department_id\":1,\"amount\":\"50.00\"}"),
                query("SELECT doctor_id, department_id, CAST(amount AS CHAR) AS amount FROM fact_prescription_item"));
        assertEquals(List.of("{\"doctor_id\":11}"), query("SELECT doctor_id FROM fact_visit WHERE id = 710"));
        assertEquals(List.of("{\"price\":\"20.00\"}"), query("SELECT CAST(price AS CHAR) AS price FROM dim_drug WHERE id = 100"));
        assertEquals(List.of("{\"department_id\":2}"), query("SELECT department_id FROM dim_staff WHERE id = 10"));
        int year = java.time.LocalDate.now(java.time.ZoneOffset.UTC).getYear();
        int low = Math.min(80, (year - 1979) / 10 * 10);
        String band = low >= 80 ? "80+" : low + "-" + (low + 9);
        assertEquals(List.of("{\"gender\":\"MALE\",\"birth_year\":1979,\"age_band\":\"" + band + "\"}"),
                query("SELECT gender, birth_year, age_band FROM dim_patient_age WHERE id = 1000"));
    }

    /** The age band from the birth year: this year's age in ten-year bands, 80+ at the top, UNKNOWN without a year. */
    @Test
    void ageBandsComeFromTheBirthYearAsOfThisYear() {
        int year = java.time.LocalDate.now(java.time.ZoneOffset.UTC).getYear();
        apply(new FeedEvents(1).patient(1, "FEMALE", year).patient(2, "MALE", year - 9).patient(3, "MALE", year - 10)
                .patient(4, "FEMALE", year - 79).patient(5, "FEMALE", year - 80).patient(6, "MALE", null).events());
        assertEquals(List.of("{\"id\":1,\"age_band\":\"0-9\"}", "{\"id\":2,\"age_band\":\"0-9\"}",
                        "{\"id\":3,\"age_band\":\"10-19\"}", "{\"id\":4,\"age_band\":\"70-79\"}",
                        "{\"id\":5,\"age_band\":\"80+\"}", "{\"id\":6,\"age_band\":\"UNKNOWN\"}"),
                query("SELECT id, age_band FROM dim_patient_age ORDER BY id"));
        assertEquals(List.of("{\"columns\":\"birth_year,deleted,gender,id\"}"),
                query("SELECT GROUP_CONCAT(column_name ORDER BY column_name) AS columns FROM information_schema.columns "
                        + "WHERE table_schema = DATABASE() AND table_name = 'dim_patient'"));
    }

    private long cursor() {
        return pool.query("SELECT last_seq FROM sync_cursor").execute().await().indefinitely().iterator().next().getLong(0);
    }
}
