package org.mdms.analytics.warehouse;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

import static org.mdms.analytics.warehouse.Payloads.decimal;
import static org.mdms.analytics.warehouse.Payloads.decimalOrNull;
import static org.mdms.analytics.warehouse.Payloads.instant;
import static org.mdms.analytics.warehouse.Payloads.instantOrNull;
import static org.mdms.analytics.warehouse.Payloads.longOrNull;
import static org.mdms.analytics.warehouse.Payloads.text;

/**
 * Applies change-feed batches to the warehouse: dimensions and facts are upserted (the feed carries each entity's
 * full state), rollups receive deltas (old contribution out, new contribution in), and the cursor moves in the same
 * transaction, guarded by the sync lease. Replaying a batch therefore changes nothing.
 */
@ApplicationScoped
public class WarehouseWriter {

    /** Thrown when the cursor moved or the lease was lost since the batch was read: the batch is rolled back. */
    public static class StaleBatchException extends RuntimeException {
        public StaleBatchException(String message) {
            super(message);
        }
    }

    /** Test-only failure point: the next batch dies after applying this many events, inside its transaction. */
    public static class InjectedFailure extends RuntimeException {
        public InjectedFailure(String message) {
            super(message);
        }
    }

    public record BatchResult(int events, int prescriptionItems, long cursor) {
    }

    private final Pool pool;
    private final AtomicInteger failAfterEvents = new AtomicInteger(-1);

    public WarehouseWriter(Pool pool) {
        this.pool = pool;
    }

    /** Makes the next batch fail after {@code events} events have been written (its transaction rolls back). */
    public void injectFailureAfter(int events) {
        failAfterEvents.set(events);
    }

    /**
     * Applies one page in one transaction and moves the cursor from {@code expectedCursor} to the page's
     * nextCursor, only while {@code leaseOwner} holds the lease and nobody else moved the cursor.
     */
    public Uni<BatchResult> applyBatch(ChangePage page, long expectedCursor, String leaseOwner, Duration leaseDuration) {
        return applyBatch(page, expectedCursor, leaseOwner, leaseDuration, false);
    }

    /**
     * As {@link #applyBatch(ChangePage, long, String, Duration)}; with {@code bulk} the prescription rollups get no
     * deltas: the months the batch touches are marked stale instead (same transaction) and
     * {@link #rebuildMonth} recomputes them from the facts later. Used while the sync is far behind.
     */
    public Uni<BatchResult> applyBatch(ChangePage page, long expectedCursor, String leaseOwner, Duration leaseDuration,
                                       boolean bulk) {
        List<ChangeEvent> events = page.events();
        int failAfter = failAfterEvents.getAndSet(-1);
        Instant lastOccurred = events.isEmpty() ? null : events.get(events.size() - 1).occurredAt();
        return pool.withTransaction(conn -> {
            if (failAfter >= 0) {
                List<ChangeEvent> part = events.subList(0, Math.min(failAfter, events.size()));
                return apply(conn, part, bulk).chain(() -> Uni.createFrom().failure(
                        new InjectedFailure("injected failure after " + part.size() + " events")));
            }
            return apply(conn, events, bulk).chain(items -> Sql.query(conn, """
                            UPDATE sync_cursor c, sync_lease l
                               SET c.last_seq = ?, c.last_event_at = COALESCE(?, c.last_event_at),
                                   c.last_synced_at = UTC_TIMESTAMP(6), c.events_applied = c.events_applied + ?,
                                   l.expires_at = UTC_TIMESTAMP(6) + INTERVAL ? MICROSECOND
                             WHERE c.id = 1 AND c.last_seq = ? AND l.name = 'sync' AND l.owner = ?
                               AND l.expires_at > UTC_TIMESTAMP(6)""",
                    page.nextCursor(), Sql.utc(lastOccurred), (long) events.size(),
                    leaseDuration.toNanos() / 1000, expectedCursor, leaseOwner)
                    .map(rows -> {
                        if (rows.rowCount() == 0) {
                            throw new StaleBatchException("cursor moved from " + expectedCursor
                                    + " or the sync lease was lost; batch rolled back");
                        }
                        return new BatchResult(events.size(), items, page.nextCursor());
                    }));
        });
    }

    /** Applies events inside an open transaction; returns the number of prescription items written. */
    public Uni<Integer> apply(SqlConnection conn, List<ChangeEvent> events) {
        return apply(conn, events, false);
    }

    /**
     * Applies events inside an open transaction; with {@code bulk} the prescription rollups are not touched and the
     * months of the changed prescriptions (old and new state) are marked in rollup_stale_month instead.
     */
    public Uni<Integer> apply(SqlConnection conn, List<ChangeEvent> events, boolean bulk) {
        // a later event for the same entity supersedes the earlier one
        Map<String, Map<Long, ChangeEvent>> latest = new LinkedHashMap<>();
        for (ChangeEvent event : events) {
            latest.computeIfAbsent(event.entityType(), t -> new LinkedHashMap<>()).put(event.entityId(), event);
        }
        Deltas deltas = new Deltas();
        AtomicInteger items = new AtomicInteger();
        return departments(conn, latest.getOrDefault("DEPARTMENT", Map.of()))
                .chain(() -> staff(conn, latest.getOrDefault("STAFF", Map.of())))
                .chain(() -> patients(conn, latest.getOrDefault("PATIENT", Map.of())))
                .chain(() -> drugs(conn, latest.getOrDefault("DRUG", Map.of())))
                .chain(() -> visits(conn, latest.getOrDefault("VISIT", Map.of()), deltas, bulk))
                .chain(() -> bulk
                        ? prescriptionFacts(conn, latest.getOrDefault("PRESCRIPTION", Map.of()), items)
                        : prescriptions(conn, latest.getOrDefault("PRESCRIPTION", Map.of()), deltas, items))
                .chain(() -> vitals(conn, latest.getOrDefault("VITAL_SIGN", Map.of()), deltas))
                .chain(() -> examinations(conn, latest.getOrDefault("EXAMINATION", Map.of())))
                .chain(() -> writeRollups(conn, deltas))
                .map(ignored -> items.get());
    }

    // ------------------------------------------------------------------ dimensions

    private Uni<Void> departments(SqlConnection conn, Map<Long, ChangeEvent> events) {
        List<Object[]> rows = events.values().stream().map(e -> new Object[]{
                e.entityId(), longOrNull(e.payload(), "hospitalId"), text(e.payload(), "code", ""),
                text(e.payload(), "name", "")}).toList();
        return Sql.insertRows(conn, "INSERT INTO dim_department (id, hospital_id, code, name)", 4,
                "ON DUPLICATE KEY UPDATE hospital_id = VALUES(hospital_id), code = VALUES(code), name = VALUES(name)",
                rows);
    }

    private Uni<Void> staff(SqlConnection conn, Map<Long, ChangeEvent> events) {
        List<Object[]> rows = events.values().stream().map(e -> new Object[]{
                e.entityId(), longOrNull(e.payload(), "userId"), longOrNull(e.payload(), "departmentId"),
                text(e.payload(), "kind", "DOCTOR"), text(e.payload(), "name", ""), text(e.payload(), "title", null),
                e.payload().path("active").asBoolean(true)}).toList();
        return Sql.insertRows(conn, "INSERT INTO dim_staff (id, user_id, department_id, kind, name, title, active)", 7,
                "ON DUPLICATE KEY UPDATE user_id = VALUES(user_id), department_id = VALUES(department_id), "
                        + "kind = VALUES(kind), name = VALUES(name), title = VALUES(title), active = VALUES(active)",
                rows);
    }

    /**
     * Gender and birth year only (the feed carries nothing more); the age band is derived when asked, from the year,
     * by the view dim_patient_age (V4), so it never goes stale as people age.
     */
    private Uni<Void> patients(SqlConnection conn, Map<Long, ChangeEvent> events) {
        List<Object[]> rows = events.values().stream().map(e -> {
            boolean deleted = "DELETE".equals(e.operation()) || e.payload().path("deleted").asBoolean(false);
            return new Object[]{e.entityId(), text(e.payload(), "gender", "UNKNOWN"),
                    longOrNull(e.payload(), "birthYear"), deleted};
        }).toList();
        return Sql.insertRows(conn, "INSERT INTO dim_patient (id, gender, birth_year, deleted)", 4,
                "ON DUPLICATE KEY UPDATE gender = VALUES(gender), birth_year = VALUES(birth_year), "
                        + "deleted = VALUES(deleted)", rows);
    }

    private Uni<Void> drugs(SqlConnection conn, Map<Long, ChangeEvent> events) {
        List<Object[]> rows = events.values().stream().map(e -> {
            JsonNode p = e.payload();
            return new Object[]{e.entityId(), text(p, "code", ""), text(p, "name", ""), text(p, "genericName", null),
                    text(p, "category", null), text(p, "dosageForm", null), text(p, "strength", null),
                    text(p, "unit", null), decimalOrNull(p, "price"), p.path("active").asBoolean(true)};
        }).toList();
        return Sql.insertRows(conn, "INSERT INTO dim_drug (id, code, name, generic_name, category, dosage_form, "
                        + "strength, unit, price, active)", 10,
                "ON DUPLICATE KEY UPDATE code = VALUES(code), name = VALUES(name), generic_name = VALUES(generic_name), "
                        + "category = VALUES(category), dosage_form = VALUES(dosage_form), strength = VALUES(strength), "
                        + "unit = VALUES(unit), price = VALUES(price), active = VALUES(active)", rows);
    }

    // ------------------------------------------------------------------ visits

    private record VisitState(long id, long departmentId, LocalDate day, String type, boolean counted) {
    }

    /** Upserts the visits; a visit that moved to another department takes its prescriptions along (VisitDependents). */
    private Uni<Void> visits(SqlConnection conn, Map<Long, ChangeEvent> events, Deltas deltas, boolean bulk) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<Long, Long> moved = new HashMap<>();
        return Sql.selectIn(conn, "SELECT id, department_id, day, visit_type, status FROM fact_visit WHERE id IN (:ids)",
                        events.keySet(), row -> new VisitState(row.getLong("id"), row.getLong("department_id"),
                                row.getLocalDate("day"), row.getString("visit_type"),
                                !"CANCELLED".equals(row.getString("status"))))
                .chain(old -> {
                    old.forEach(v -> visitDelta(deltas, v, -1));
                    Map<Long, Long> oldDepartment = new HashMap<>();
                    old.forEach(v -> oldDepartment.put(v.id(), v.departmentId()));
                    List<Object[]> rows = new ArrayList<>(events.size());
                    for (ChangeEvent e : events.values()) {
                        JsonNode p = e.payload();
                        Instant started = instant(p, "startedAt");
                        LocalDate day = Sql.day(started);
                        String type = text(p, "type", "OUTPATIENT");
                        String status = text(p, "status", "OPEN");
                        long department = p.path("departmentId").asLong();
                        Long before = oldDepartment.get(e.entityId());
                        if (before != null && before != department) {
                            moved.put(e.entityId(), department);
                        }
                        visitDelta(deltas, new VisitState(e.entityId(), department, day, type,
                                !"CANCELLED".equals(status)), +1);
                        rows.add(new Object[]{e.entityId(), p.path("patientId").asLong(), p.path("doctorId").asLong(),
                                department, type, status, Sql.utc(started), Sql.utc(instantOrNull(p, "endedAt")), day,
                                text(p, "diagnosisCode", null)});
                    }
                    return Sql.insertRows(conn, "INSERT INTO fact_visit (id, patient_id, doctor_id, department_id, "
                                    + "visit_type, status, started_at, ended_at, day, diagnosis_code)", 10,
                            "ON DUPLICATE KEY UPDATE patient_id = VALUES(patient_id), doctor_id = VALUES(doctor_id), "
                                    + "department_id = VALUES(department_id), visit_type = VALUES(visit_type), "
                                    + "status = VALUES(status), started_at = VALUES(started_at), "
                                    + "ended_at = VALUES(ended_at), day = VALUES(day), "
                                    + "diagnosis_code = VALUES(diagnosis_code)", rows);
                })
                .chain(() -> VisitDependents.moveToDepartment(conn, moved, bulk ? null : deltas));
    }

    private static void visitDelta(Deltas deltas, VisitState v, int sign) {
        if (v.counted()) {
            deltas.visitDay.computeIfAbsent(new Deltas.VisitDay(v.departmentId(), v.day(), v.type()),
                    k -> new long[1])[0] += sign;
        }
    }

    // ------------------------------------------------------------------ prescriptions

    record Item(long id, long drugId, int quantity, BigDecimal unitPrice, BigDecimal amount) {
    }

    record PrescriptionState(long id, long doctorId, long departmentId, LocalDate day, int monthKey, boolean counted,
                             List<Item> items) {
    }

    private Uni<Void> prescriptions(SqlConnection conn, Map<Long, ChangeEvent> events, Deltas deltas,
                                    AtomicInteger itemCount) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<Long, PrescriptionState> old = new HashMap<>();
        return Sql.selectIn(conn, "SELECT id, doctor_id, department_id, day, month_key, counted FROM fact_prescription "
                                + "WHERE id IN (:ids)", events.keySet(),
                        row -> new PrescriptionState(row.getLong("id"), row.getLong("doctor_id"),
                                row.getLong("department_id"), row.getLocalDate("day"), row.getInteger("month_key"),
                                Sql.bool(row, "counted"), new ArrayList<>()))
                .invoke(states -> states.forEach(s -> old.put(s.id(), s)))
                // only prescriptions seen before have items to take back; a load from empty skips this query
                .chain(states -> Sql.selectIn(conn, "SELECT prescription_id, item_id, drug_id, quantity, unit_price, "
                                + "amount FROM fact_prescription_item WHERE prescription_id IN (:ids)", old.keySet(),
                        row -> {
                            old.get(row.getLong("prescription_id")).items().add(new Item(row.getLong("item_id"),
                                    row.getLong("drug_id"), row.getInteger("quantity"), Sql.decimal(row, "unit_price"),
                                    Sql.decimal(row, "amount")));
                            return row;
                        }))
                .chain(() -> Sql.executeIn(conn, "DELETE FROM fact_prescription_item WHERE prescription_id IN (:ids)",
                        old.keySet()))
                .chain(() -> {
                    old.values().forEach(s -> prescriptionDelta(deltas, s, -1));
                    return writePrescriptionFacts(conn, events, deltas, null, itemCount);
                });
    }

    /**
     * The bulk variant: facts only. Old items of prescriptions seen before are deleted (their months and the new
     * months are marked stale, so the rebuild takes the old contribution out), no rollup is touched.
     */
    private Uni<Void> prescriptionFacts(SqlConnection conn, Map<Long, ChangeEvent> events, AtomicInteger itemCount) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Set<Integer> months = new TreeSet<>();
        List<Long> seen = new ArrayList<>();
        return Sql.selectIn(conn, "SELECT id, month_key FROM fact_prescription WHERE id IN (:ids)", events.keySet(),
                        row -> {
                            seen.add(row.getLong("id"));
                            months.add(row.getInteger("month_key"));
                            return row;
                        })
                .chain(() -> Sql.executeIn(conn, "DELETE FROM fact_prescription_item WHERE prescription_id IN (:ids)",
                        seen))
                .chain(() -> writePrescriptionFacts(conn, events, null, months, itemCount))
                .chain(() -> Sql.insertRows(conn, "INSERT IGNORE INTO rollup_stale_month (month_key)", 1, "",
                        months.stream().map(m -> new Object[]{m}).toList()));
    }

    /** Upserts the prescriptions and inserts their items; adds their contribution to deltas or their month to months. */
    private Uni<Void> writePrescriptionFacts(SqlConnection conn, Map<Long, ChangeEvent> events, Deltas deltas,
                                             Set<Integer> months, AtomicInteger itemCount) {
        Set<Long> visitIds = new TreeSet<>();
        events.values().forEach(e -> {
            Long visit = longOrNull(e.payload(), "visitId");
            if (visit != null) {
                visitIds.add(visit);
            }
        });
        Map<Long, Long> departmentOfVisit = new HashMap<>();
        // the visit's department as the warehouse has it now (visits of this batch are applied already): a payload
        // written before its visit moved carries the old department
        return Sql.selectIn(conn, "SELECT id, department_id FROM fact_visit WHERE id IN (:ids)", visitIds,
                        row -> departmentOfVisit.put(row.getLong("id"), row.getLong("department_id")))
                .chain(() -> writePrescriptionFacts(conn, events, departmentOfVisit, deltas, months, itemCount));
    }

    private Uni<Void> writePrescriptionFacts(SqlConnection conn, Map<Long, ChangeEvent> events,
                                             Map<Long, Long> departmentOfVisit, Deltas deltas, Set<Integer> months,
                                             AtomicInteger itemCount) {
        List<Object[]> heads = new ArrayList<>(events.size());
        List<Object[]> lines = new ArrayList<>(events.size() * 4);
        for (ChangeEvent e : events.values()) {
            JsonNode p = e.payload();
            Instant issued = instant(p, "issuedAt");
            LocalDate day = Sql.day(issued);
            int month = Sql.monthKey(day);
            String status = text(p, "status", "ISSUED");
            boolean counted = !"CANCELLED".equals(status);
            long doctor = p.path("doctorId").asLong();
            Long visit = longOrNull(p, "visitId");
            long department = departmentOfVisit.getOrDefault(visit, p.path("departmentId").asLong());
            List<Item> items = new ArrayList<>();
            for (JsonNode i : p.path("items")) {
                items.add(new Item(i.path("id").asLong(), i.path("drugId").asLong(),
                        i.path("quantity").asInt(), decimal(i, "unitPrice"), decimal(i, "amount")));
            }
            if (deltas != null) {
                prescriptionDelta(deltas, new PrescriptionState(e.entityId(), doctor, department, day, month, counted,
                        items), +1);
            } else {
                months.add(month);
            }
            heads.add(new Object[]{e.entityId(), longOrNull(p, "visitId"), longOrNull(p, "patientId"),
                    doctor, department, status, Sql.utc(issued), day, month, decimal(p, "totalAmount"),
                    counted});
            for (Item item : items) {
                lines.add(new Object[]{month, item.id(), e.entityId(), item.drugId(), doctor, department,
                        day, item.quantity(), item.unitPrice(), item.amount(), counted});
            }
        }
        itemCount.addAndGet(lines.size());
        return Sql.insertRows(conn, "INSERT INTO fact_prescription (id, visit_id, patient_id, doctor_id, "
                                + "department_id, status, issued_at, day, month_key, total_amount, counted)",
                        11, "ON DUPLICATE KEY UPDATE visit_id = VALUES(visit_id), "
                                + "patient_id = VALUES(patient_id), doctor_id = VALUES(doctor_id), "
                                + "department_id = VALUES(department_id), status = VALUES(status), "
                                + "issued_at = VALUES(issued_at), day = VALUES(day), "
                                + "month_key = VALUES(month_key), total_amount = VALUES(total_amount), "
                                + "counted = VALUES(counted)", heads)
                .chain(() -> Sql.insertRows(conn, "INSERT INTO fact_prescription_item (month_key, item_id, "
                        + "prescription_id, drug_id, doctor_id, department_id, day, quantity, unit_price, "
                        + "amount, counted)", 11, "", lines));
    }

    /** A counted prescription's contribution to every prescription rollup, with sign -1 (old) or +1 (new). */
    static void prescriptionDelta(Deltas deltas, PrescriptionState p, int sign) {
        if (!p.counted()) {
            return;
        }
        long quantity = 0;
        BigDecimal amount = BigDecimal.ZERO;
        Map<Long, Deltas.Sums> perDrug = new LinkedHashMap<>();
        for (Item item : p.items()) {
            quantity += item.quantity();
            amount = amount.add(item.amount());
            perDrug.computeIfAbsent(item.drugId(), d -> new Deltas.Sums()).add(1, item.quantity(), item.amount(), 0, 1);
        }
        Deltas.at(deltas.month, p.monthKey()).add(sign, quantity, amount, 1, p.items().size());
        Deltas.at(deltas.departmentDay, new Deltas.DepartmentDay(p.departmentId(), p.day()))
                .add(sign, quantity, amount, 1, p.items().size());
        perDrug.forEach((drug, s) -> {
            // a drug on two lines of one prescription is still one prescription of that drug
            Deltas.at(deltas.drugMonth, new Deltas.DrugMonth(drug, p.monthKey()))
                    .add(sign, s.quantity, s.amount, 1, s.items);
            Deltas.at(deltas.drugDay, new Deltas.DrugDay(drug, p.day())).add(sign, s.quantity, s.amount, 1, s.items);
            Deltas.at(deltas.drugDepartmentMonth, new Deltas.DrugDepartmentMonth(drug, p.departmentId(), p.monthKey()))
                    .add(sign, s.quantity, s.amount, 1, s.items);
            Deltas.at(deltas.doctorDrugMonth, new Deltas.DoctorDrugMonth(p.doctorId(), drug, p.monthKey()))
                    .add(sign, s.quantity, s.amount, 1, s.items);
        });
    }

    // ------------------------------------------------------------------ vital signs and examinations

    private record VitalState(LocalDate day, String type, boolean abnormal) {
    }

    private Uni<Void> vitals(SqlConnection conn, Map<Long, ChangeEvent> events, Deltas deltas) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Sql.selectIn(conn, "SELECT day, vital_type, abnormal FROM fact_vital_sign WHERE id IN (:ids)",
                        events.keySet(), row -> new VitalState(row.getLocalDate("day"), row.getString("vital_type"),
                                Sql.bool(row, "abnormal")))
                .chain(old -> {
                    old.forEach(v -> vitalDelta(deltas, v, -1));
                    List<Object[]> rows = new ArrayList<>();
                    for (ChangeEvent e : events.values()) {
                        JsonNode p = e.payload();
                        Instant measured = instant(p, "measuredAt");
                        VitalState now = new VitalState(Sql.day(measured), text(p, "type", "HEART_RATE"),
                                p.path("abnormal").asBoolean(false));
                        vitalDelta(deltas, now, +1);
                        rows.add(new Object[]{e.entityId(), p.path("patientId").asLong(), longOrNull(p, "visitId"),
                                now.type(), decimal(p, "value"), decimalOrNull(p, "secondaryValue"),
                                text(p, "unit", null), now.abnormal(), Sql.utc(measured), now.day()});
                    }
                    return Sql.insertRows(conn, "INSERT INTO fact_vital_sign (id, patient_id, visit_id, vital_type, "
                                    + "value, secondary_value, unit, abnormal, measured_at, day)", 10,
                            "ON DUPLICATE KEY UPDATE patient_id = VALUES(patient_id), visit_id = VALUES(visit_id), "
                                    + "vital_type = VALUES(vital_type), value = VALUES(value), "
                                    + "secondary_value = VALUES(secondary_value), unit = VALUES(unit), "
                                    + "abnormal = VALUES(abnormal), measured_at = VALUES(measured_at), day = VALUES(day)",
                            rows);
                });
    }

    private static void vitalDelta(Deltas deltas, VitalState v, int sign) {
        long[] sums = deltas.vitalDay.computeIfAbsent(new Deltas.VitalDay(v.day(), v.type()), k -> new long[2]);
        sums[0] += sign;
        sums[1] += v.abnormal() ? sign : 0;
    }

    private Uni<Void> examinations(SqlConnection conn, Map<Long, ChangeEvent> events) {
        List<Object[]> rows = events.values().stream().map(e -> {
            JsonNode p = e.payload();
            Instant performed = instantOrNull(p, "performedAt");
            return new Object[]{e.entityId(), longOrNull(p, "visitId"), longOrNull(p, "patientId"),
                    longOrNull(p, "technicianId"), text(p, "item", null), p.path("abnormal").asBoolean(false),
                    Sql.utc(performed), performed == null ? null : Sql.day(performed)};
        }).toList();
        return Sql.insertRows(conn, "INSERT INTO fact_examination (id, visit_id, patient_id, technician_id, item, "
                        + "abnormal, performed_at, day)", 8,
                "ON DUPLICATE KEY UPDATE visit_id = VALUES(visit_id), patient_id = VALUES(patient_id), "
                        + "technician_id = VALUES(technician_id), item = VALUES(item), abnormal = VALUES(abnormal), "
                        + "performed_at = VALUES(performed_at), day = VALUES(day)", rows);
    }

    // ------------------------------------------------------------------ rollups

    private Uni<Void> writeRollups(SqlConnection conn, Deltas d) {
        String sums = "quantity = quantity + VALUES(quantity), amount = amount + VALUES(amount), "
                + "prescriptions = prescriptions + VALUES(prescriptions), items = items + VALUES(items)";
        List<Object[]> drugMonth = new ArrayList<>();
        d.drugMonth.forEach((k, s) -> {
            if (!s.isZero()) {
                drugMonth.add(new Object[]{k.drugId(), k.month(), s.quantity, s.amount, s.prescriptions, s.items});
            }
        });
        List<Object[]> drugDay = new ArrayList<>();
        d.drugDay.forEach((k, s) -> {
            if (!s.isZero()) {
                drugDay.add(new Object[]{k.day(), k.drugId(), s.quantity, s.amount, s.prescriptions, s.items});
            }
        });
        List<Object[]> drugDepartmentMonth = new ArrayList<>();
        d.drugDepartmentMonth.forEach((k, s) -> {
            if (!s.isZero()) {
                drugDepartmentMonth.add(new Object[]{k.drugId(), k.departmentId(), k.month(), s.quantity, s.amount,
                        s.prescriptions, s.items});
            }
        });
        List<Object[]> doctorDrugMonth = new ArrayList<>();
        d.doctorDrugMonth.forEach((k, s) -> {
            if (!s.isZero()) {
                doctorDrugMonth.add(new Object[]{k.doctorId(), k.drugId(), k.month(), s.quantity, s.amount,
                        s.prescriptions, s.items});
            }
        });
        List<Object[]> departmentDay = new ArrayList<>();
        d.departmentDay.forEach((k, s) -> {
            if (!s.isZero()) {
                departmentDay.add(new Object[]{k.departmentId(), k.day(), s.prescriptions, s.items, s.amount});
            }
        });
        List<Object[]> month = new ArrayList<>();
        d.month.forEach((k, s) -> {
            if (!s.isZero()) {
                month.add(new Object[]{k, s.prescriptions, s.items, s.quantity, s.amount});
            }
        });
        List<Object[]> visitDay = new ArrayList<>();
        d.visitDay.forEach((k, v) -> {
            if (v[0] != 0) {
                visitDay.add(new Object[]{k.departmentId(), k.day(), k.type(), v[0]});
            }
        });
        List<Object[]> vitalDay = new ArrayList<>();
        d.vitalDay.forEach((k, v) -> {
            if (v[0] != 0 || v[1] != 0) {
                vitalDay.add(new Object[]{k.day(), k.type(), v[0], v[1]});
            }
        });
        return Sql.insertRows(conn, "INSERT INTO rollup_drug_month (drug_id, month_key, quantity, amount, "
                        + "prescriptions, items)", 6, "ON DUPLICATE KEY UPDATE " + sums, drugMonth)
                .chain(() -> Sql.insertRows(conn, "INSERT INTO rollup_drug_day (day, drug_id, quantity, amount, "
                        + "prescriptions, items)", 6, "ON DUPLICATE KEY UPDATE " + sums, drugDay))
                .chain(() -> Sql.insertRows(conn, "INSERT INTO rollup_drug_department_month (drug_id, department_id, "
                                + "month_key, quantity, amount, prescriptions, items)", 7, "ON DUPLICATE KEY UPDATE " + sums,
                        drugDepartmentMonth))
                .chain(() -> Sql.insertRows(conn, "INSERT INTO rollup_doctor_drug_month (doctor_id, drug_id, month_key, "
                                + "quantity, amount, prescriptions, items)", 7, "ON DUPLICATE KEY UPDATE " + sums,
                        doctorDrugMonth))
                .chain(() -> Sql.insertRows(conn, "INSERT INTO rollup_department_day (department_id, day, prescriptions, "
                                + "items, revenue)", 5, "ON DUPLICATE KEY UPDATE prescriptions = prescriptions + "
                                + "VALUES(prescriptions), items = items + VALUES(items), revenue = revenue + VALUES(revenue)",
                        departmentDay))
                .chain(() -> Sql.insertRows(conn, "INSERT INTO rollup_month (month_key, prescriptions, items, quantity, "
                                + "amount)", 5, "ON DUPLICATE KEY UPDATE prescriptions = prescriptions + "
                                + "VALUES(prescriptions), items = items + VALUES(items), quantity = quantity + "
                                + "VALUES(quantity), amount = amount + VALUES(amount)", month))
                .chain(() -> Sql.insertRows(conn, "INSERT INTO rollup_visit_day (department_id, day, visit_type, visits)",
                        4, "ON DUPLICATE KEY UPDATE visits = visits + VALUES(visits)", visitDay))
                .chain(() -> Sql.insertRows(conn, "INSERT INTO rollup_vital_day (day, vital_type, measurements, "
                                + "abnormal)", 4, "ON DUPLICATE KEY UPDATE measurements = measurements + "
                                + "VALUES(measurements), abnormal = abnormal + VALUES(abnormal)", vitalDay));
    }

    // ------------------------------------------------------------------ bulk catch-up: rebuild from the facts

    /** Months whose prescription rollups wait for a rebuild (marked by bulk batches), oldest first. */
    public Uni<List<Integer>> staleMonths() {
        return Sql.query(pool, "SELECT month_key FROM rollup_stale_month ORDER BY month_key").map(rows -> {
            List<Integer> months = new ArrayList<>();
            rows.forEach(row -> months.add(row.getInteger(0)));
            return months;
        });
    }

    /**
     * Recomputes the prescription rollups of one month (drug, drug x day, drug x department, doctor x drug,
     * department x day, month) from its facts and removes the month's stale mark, in one transaction that renews the sync lease and is
     * refused without it. Idempotent: the result depends on the facts only.
     */
    public Uni<Void> rebuildMonth(int month, String leaseOwner, Duration leaseDuration) {
        LocalDate first = LocalDate.of(month / 100, month % 100, 1);
        LocalDate next = first.plusMonths(1);
        String counted = " FROM fact_prescription_item WHERE month_key = ? AND counted = 1 GROUP BY ";
        return pool.withTransaction(conn -> Sql.query(conn, """
                        UPDATE sync_lease SET expires_at = UTC_TIMESTAMP(6) + INTERVAL ? MICROSECOND
                         WHERE name = 'sync' AND owner = ? AND expires_at > UTC_TIMESTAMP(6)""",
                        leaseDuration.toNanos() / 1000, leaseOwner)
                .invoke(rows -> {
                    if (rows.rowCount() == 0) {
                        throw new StaleBatchException("the sync lease was lost; rebuild of " + month + " rolled back");
                    }
                })
                .chain(() -> Sql.query(conn, "DELETE FROM rollup_stale_month WHERE month_key = ?", month))
                .chain(() -> Sql.query(conn, "DELETE FROM rollup_drug_month WHERE month_key = ?", month))
                .chain(() -> Sql.query(conn, "INSERT INTO rollup_drug_month (drug_id, month_key, quantity, amount, "
                        + "prescriptions, items) SELECT drug_id, month_key, SUM(quantity), SUM(amount), "
                        + "COUNT(DISTINCT prescription_id), COUNT(*)" + counted + "month_key, drug_id", month))
                .chain(() -> Sql.query(conn, "DELETE FROM rollup_drug_day WHERE day >= ? AND day < ?", first, next))
                .chain(() -> Sql.query(conn, "INSERT INTO rollup_drug_day (day, drug_id, quantity, amount, "
                        + "prescriptions, items) SELECT day, drug_id, SUM(quantity), SUM(amount), "
                        + "COUNT(DISTINCT prescription_id), COUNT(*)" + counted + "day, drug_id", month))
                .chain(() -> deleteMonth(conn, "rollup_drug_department_month", "department_id", month))
                .chain(() -> Sql.query(conn, "INSERT INTO rollup_drug_department_month (drug_id, department_id, "
                        + "month_key, quantity, amount, prescriptions, items) SELECT drug_id, department_id, month_key, "
                        + "SUM(quantity), SUM(amount), COUNT(DISTINCT prescription_id), COUNT(*)" + counted
                        + "month_key, department_id, drug_id", month))
                .chain(() -> deleteMonth(conn, "rollup_doctor_drug_month", "doctor_id", month))
                .chain(() -> Sql.query(conn, "INSERT INTO rollup_doctor_drug_month (doctor_id, drug_id, month_key, "
                        + "quantity, amount, prescriptions, items) SELECT doctor_id, drug_id, month_key, SUM(quantity), "
                        + "SUM(amount), COUNT(DISTINCT prescription_id), COUNT(*)" + counted + "month_key, doctor_id, drug_id",
                        month))
                .chain(() -> Sql.query(conn, "DELETE FROM rollup_department_day WHERE day >= ? AND day < ?", first,
                        next))
                // prescriptions from the heads (a prescription counts even without items), items and revenue
                .chain(() -> Sql.query(conn, "INSERT INTO rollup_department_day (department_id, day, prescriptions, "
                        + "items, revenue) SELECT department_id, day, SUM(p), SUM(i), SUM(r) FROM ("
                        + "SELECT department_id, day, COUNT(*) AS p, 0 AS i, 0 AS r FROM fact_prescription "
                        + "WHERE month_key = ? AND counted = 1 GROUP BY department_id, day UNION ALL "
                        + "SELECT department_id, day, 0, COUNT(*), SUM(amount)" + counted + "department_id, day"
                        + ") x GROUP BY department_id, day", month, month))
                .chain(() -> Sql.query(conn, "DELETE FROM rollup_month WHERE month_key = ?", month))
                .chain(() -> Sql.query(conn, "INSERT INTO rollup_month (month_key, prescriptions, items, quantity, "
                        + "amount) SELECT ?, p.n, i.n, i.q, i.a FROM (SELECT COUNT(*) AS n FROM fact_prescription "
                        + "WHERE month_key = ? AND counted = 1) p CROSS JOIN (SELECT COUNT(*) AS n, "
                        + "COALESCE(SUM(quantity), 0) AS q, COALESCE(SUM(amount), 0) AS a FROM fact_prescription_item "
                        + "WHERE month_key = ? AND counted = 1) i WHERE p.n > 0 OR i.n > 0", month, month, month))
                .replaceWithVoid());
    }

    /**
     * Deletes one month of a rollup whose key starts with {@code prefix} (department or doctor), then month: the
     * prefixes present come from a loose index scan, so the delete is a range per prefix, not a table scan.
     */
    private static Uni<Void> deleteMonth(SqlConnection conn, String table, String prefix, int month) {
        return Sql.query(conn, "SELECT DISTINCT " + prefix + " FROM " + table).chain(rows -> {
            List<Long> keys = new ArrayList<>();
            rows.forEach(row -> keys.add(row.getLong(0)));
            // month is a yyyyMM int; Sql.executeIn binds the keys in chunks
            return Sql.executeIn(conn, "DELETE FROM " + table + " WHERE " + prefix + " IN (:ids) AND month_key = "
                    + month, keys);
        });
    }
}
