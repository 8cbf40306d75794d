package org.mdms.analytics.warehouse;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.analytics.warehouse.Changes.PrescriptionChange;
import org.mdms.analytics.warehouse.Changes.PrescriptionStatus;
import org.mdms.analytics.warehouse.Deltas.Item;
import org.mdms.analytics.warehouse.Deltas.PrescriptionState;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Upserts prescriptions and replaces their items. With deltas, the old contribution goes out of the rollups and the
 * new one in; in bulk catch-up only the facts are written and the months touched are marked for rebuild.
 */
@ApplicationScoped
public class PrescriptionApplier {

    Uni<Void> withDeltas(SqlConnection conn, Map<Long, PrescriptionChange> events, Deltas deltas, AtomicInteger itemCount) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<Long, PrescriptionState> old = new HashMap<>();
        return Sql.selectIn(conn, WarehouseQueries.PRESCRIPTIONS_BY_ID, events.keySet(),
                        row -> new PrescriptionState(row.getLong("id"), row.getLong("doctor_id"),
                                row.getLong("department_id"), row.getLocalDate("day"), row.getInteger("month_key"),
                                Sql.bool(row, "counted"), new ArrayList<>()))
                .invoke(states -> states.forEach(s -> old.put(s.id(), s)))
                // only prescriptions seen before have items to take back; a load from empty skips this query
                .chain(states -> Sql.selectIn(conn, WarehouseQueries.ITEMS_OF_PRESCRIPTIONS, old.keySet(),
                        row -> {
                            old.get(row.getLong("prescription_id")).items().add(new Item(row.getLong("item_id"),
                                    row.getLong("drug_id"), row.getInteger("quantity"), Sql.decimal(row, "unit_price"),
                                    Sql.decimal(row, "amount")));
                            return row;
                        }))
                .chain(() -> Sql.executeIn(conn, WarehouseQueries.DELETE_ITEMS_OF_PRESCRIPTIONS, old.keySet()))
                .chain(() -> {
                    old.values().forEach(s -> deltas.prescription(s, -1));
                    return writeFacts(conn, events, deltas, null, itemCount);
                });
    }

    /**
     * The bulk variant: facts only. Old items of prescriptions seen before are deleted (their months and the new
     * months are marked stale, so the rebuild takes the old contribution out), no rollup is touched.
     */
    Uni<Void> factsOnly(SqlConnection conn, Map<Long, PrescriptionChange> events, AtomicInteger itemCount) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Set<Integer> months = new TreeSet<>();
        List<Long> seen = new ArrayList<>();
        return Sql.selectIn(conn, WarehouseQueries.PRESCRIPTION_MONTHS, events.keySet(),
                        row -> {
                            seen.add(row.getLong("id"));
                            months.add(row.getInteger("month_key"));
                            return row;
                        })
                .chain(() -> Sql.executeIn(conn, WarehouseQueries.DELETE_ITEMS_OF_PRESCRIPTIONS, seen))
                .chain(() -> writeFacts(conn, events, null, months, itemCount))
                .chain(() -> WarehouseQueries.STALE_MONTH.write(conn,
                        months.stream().map(m -> new Object[]{m}).toList()));
    }

    /** Upserts the prescriptions and inserts their items; adds their contribution to deltas or their month to months. */
    private Uni<Void> writeFacts(SqlConnection conn, Map<Long, PrescriptionChange> events, Deltas deltas,
                                 Set<Integer> months, AtomicInteger itemCount) {
        Set<Long> visitIds = new TreeSet<>();
        events.values().forEach(p -> visitIds.add(p.visitId()));
        Map<Long, Long> departmentOfVisit = new HashMap<>();
        // the visit's department as the warehouse has it now (visits of this batch are applied already): a payload
        // written before its visit moved carries the old department
        return Sql.selectIn(conn, WarehouseQueries.VISIT_DEPARTMENTS, visitIds,
                        row -> departmentOfVisit.put(row.getLong("id"), row.getLong("department_id")))
                .chain(() -> writeFacts(conn, events, departmentOfVisit, deltas, months, itemCount));
    }

    private Uni<Void> writeFacts(SqlConnection conn, Map<Long, PrescriptionChange> events, Map<Long, Long> departmentOfVisit,
                                 Deltas deltas, Set<Integer> months, AtomicInteger itemCount) {
        List<Object[]> heads = new ArrayList<>(events.size());
        List<Object[]> lines = new ArrayList<>(events.size() * 4);
        for (Map.Entry<Long, PrescriptionChange> e : events.entrySet()) {
            long id = e.getKey();
            PrescriptionChange p = e.getValue();
            LocalDate day = Sql.day(p.issuedAt());
            int month = Sql.monthKey(day);
            boolean counted = p.status() != PrescriptionStatus.CANCELLED;
            long department = departmentOfVisit.getOrDefault(p.visitId(), p.departmentId());
            List<Item> items = p.items().stream()
                    .map(i -> new Item(i.id(), i.drugId(), i.quantity(), i.unitPrice(), i.amount())).toList();
            if (deltas != null) {
                deltas.prescription(new PrescriptionState(id, p.doctorId(), department, day, month, counted, items),
                        +1);
            } else {
                months.add(month);
            }
            heads.add(new Object[]{id, p.visitId(), p.patientId(), p.doctorId(), department, p.status().name(),
                    Sql.utc(p.issuedAt()), day, month, p.totalAmount(), counted});
            for (Item item : items) {
                lines.add(new Object[]{month, item.id(), id, item.drugId(), p.doctorId(), department,
                        day, item.quantity(), item.unitPrice(), item.amount(), counted});
            }
        }
        itemCount.addAndGet(lines.size());
        return WarehouseQueries.PRESCRIPTION.write(conn, heads)
                .chain(() -> WarehouseQueries.PRESCRIPTION_ITEM.write(conn, lines));
    }
}
