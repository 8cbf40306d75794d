package org.mdms.analytics.warehouse;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import org.mdms.analytics.warehouse.Deltas.Item;
import org.mdms.analytics.warehouse.Deltas.PrescriptionState;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Facts that take an attribute from a visit. A prescription and its items are counted in their visit's department
 * (patient-service answers so too: a prescription has no department of its own), so when a visit moves to another
 * department the warehouse moves the visit's prescription facts with it while it applies the visit's event: the
 * rollups get the old contribution out and the new one in, or, in bulk catch-up, the months are marked for rebuild.
 * The feed stays one event per change, and events already in the feed are handled the same way. Nothing else in
 * the facts is taken from another entity: a prescription's doctor is its prescriber, its prices are the ones
 * charged at issue, and patient, staff and drug attributes live in the dimensions only.
 */
final class VisitDependents {

    private VisitDependents() {
    }

    /**
     * Moves the prescriptions of the visits in {@code newDepartment} (visit id -> its new department) to that
     * department: with {@code deltas} their rollup contribution moves too; without (bulk) their months are marked
     * stale.
     */
    static Uni<Void> moveToDepartment(SqlConnection conn, Map<Long, Long> newDepartment, Deltas deltas) {
        if (newDepartment.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<Long, PrescriptionState> moving = new LinkedHashMap<>();
        Map<Long, List<Long>> prescriptionsOfDepartment = new HashMap<>();
        Set<Integer> months = new TreeSet<>();
        return Sql.selectIn(conn, WarehouseQueries.PRESCRIPTIONS_OF_VISITS, newDepartment.keySet(), row -> {
                    long id = row.getLong("id");
                    moving.put(id, new PrescriptionState(id, row.getLong("doctor_id"), row.getLong("department_id"),
                            row.getLocalDate("day"), row.getInteger("month_key"), Sql.bool(row, "counted"),
                            new ArrayList<>()));
                    prescriptionsOfDepartment.computeIfAbsent(newDepartment.get(row.getLong("visit_id")),
                            d -> new ArrayList<>()).add(id);
                    months.add(row.getInteger("month_key"));
                    return row;
                })
                .chain(() -> deltas == null || moving.isEmpty() ? Uni.createFrom().voidItem()
                        : Sql.selectIn(conn, WarehouseQueries.ITEMS_OF_PRESCRIPTIONS, moving.keySet(), row -> {
                            moving.get(row.getLong("prescription_id")).items().add(new Item(row.getLong("item_id"),
                                    row.getLong("drug_id"), row.getInteger("quantity"),
                                    Sql.decimal(row, "unit_price"), Sql.decimal(row, "amount")));
                            return row;
                        }).replaceWithVoid())
                .chain(() -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Map.Entry<Long, List<Long>> move : prescriptionsOfDepartment.entrySet()) {
                        long department = move.getKey();
                        chain = chain
                                .chain(() -> Sql.executeIn(conn, WarehouseQueries.movePrescriptions(department),
                                        move.getValue()))
                                .chain(() -> Sql.executeIn(conn, WarehouseQueries.moveItems(department),
                                        move.getValue()));
                    }
                    return chain;
                })
                .chain(() -> {
                    if (deltas == null) {
                        return WarehouseQueries.STALE_MONTH.write(conn,
                                months.stream().map(m -> new Object[]{m}).toList());
                    }
                    for (Map.Entry<Long, List<Long>> move : prescriptionsOfDepartment.entrySet()) {
                        for (long id : move.getValue()) {
                            PrescriptionState old = moving.get(id);
                            deltas.prescription(old, -1);
                            deltas.prescription(new PrescriptionState(old.id(), old.doctorId(),
                                    move.getKey(), old.day(), old.monthKey(), old.counted(), old.items()), +1);
                        }
                    }
                    return Uni.createFrom().voidItem();
                });
    }
}
