package org.mdms.analytics.warehouse;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rollup changes of one batch, summed in memory and written as one upsert per rollup table. An entity that changed
 * contributes its old state negatively and its new state positively, so a replay nets to zero.
 */
final class Deltas {

    record DrugMonth(long drugId, int month) {
    }

    record DrugDay(long drugId, LocalDate day) {
    }

    record DrugDepartmentMonth(long drugId, long departmentId, int month) {
    }

    record DoctorDrugMonth(long doctorId, long drugId, int month) {
    }

    record DepartmentDay(long departmentId, LocalDate day) {
    }

    record VisitDay(long departmentId, LocalDate day, String type) {
    }

    /** A department's ISO week, keyed by its Monday. */
    record DepartmentWeek(long departmentId, LocalDate weekStart) {
    }

    record DepartmentMonth(long departmentId, int month) {
    }

    record VisitWeek(long departmentId, LocalDate weekStart, String type) {
    }

    record VisitMonth(long departmentId, int month, String type) {
    }

    record VitalDay(LocalDate day, String type) {
    }

    /** One line of a prescription as the facts hold it. */
    record Item(long id, long drugId, int quantity, BigDecimal unitPrice, BigDecimal amount) {
    }

    /** What a prescription contributes to the rollups: its keys, whether it counts, its lines. */
    record PrescriptionState(long id, long doctorId, long departmentId, LocalDate day, int monthKey, boolean counted,
                             List<Item> items) {
    }

    record VisitState(long id, long departmentId, LocalDate day, String type, boolean counted) {
    }

    record VitalState(LocalDate day, String type, boolean abnormal) {
    }

    static final class Sums {
        long quantity;
        BigDecimal amount = BigDecimal.ZERO;
        long prescriptions;
        long items;

        void add(int sign, long quantity, BigDecimal amount, long prescriptions, long items) {
            this.quantity += sign * quantity;
            this.amount = sign > 0 ? this.amount.add(amount) : this.amount.subtract(amount);
            this.prescriptions += sign * prescriptions;
            this.items += sign * items;
        }

        boolean isZero() {
            return quantity == 0 && amount.signum() == 0 && prescriptions == 0 && items == 0;
        }
    }

    final Map<DrugMonth, Sums> drugMonth = new HashMap<>();
    final Map<DrugDay, Sums> drugDay = new HashMap<>();
    final Map<DrugDepartmentMonth, Sums> drugDepartmentMonth = new HashMap<>();
    final Map<DoctorDrugMonth, Sums> doctorDrugMonth = new HashMap<>();
    final Map<DepartmentDay, Sums> departmentDay = new HashMap<>();
    final Map<Integer, Sums> month = new HashMap<>();
    final Map<VisitDay, long[]> visitDay = new HashMap<>();
    final Map<DepartmentWeek, Sums> departmentWeek = new HashMap<>();
    final Map<DepartmentMonth, Sums> departmentMonth = new HashMap<>();
    final Map<VisitWeek, long[]> visitWeek = new HashMap<>();
    final Map<VisitMonth, long[]> visitMonth = new HashMap<>();
    /** [measurements, abnormal] */
    final Map<VitalDay, long[]> vitalDay = new HashMap<>();

    static <K> Sums at(Map<K, Sums> map, K key) {
        return map.computeIfAbsent(key, k -> new Sums());
    }

    /** A counted prescription's contribution to every prescription rollup, with sign -1 (old) or +1 (new). */
    void prescription(PrescriptionState p, int sign) {
        if (!p.counted()) {
            return;
        }
        long quantity = 0;
        BigDecimal amount = BigDecimal.ZERO;
        Map<Long, Sums> perDrug = new LinkedHashMap<>();
        for (Item item : p.items()) {
            quantity += item.quantity();
            amount = amount.add(item.amount());
            perDrug.computeIfAbsent(item.drugId(), d -> new Sums()).add(1, item.quantity(), item.amount(), 0, 1);
        }
        at(month, p.monthKey()).add(sign, quantity, amount, 1, p.items().size());
        // the department's day, and the same delta for its week and month
        at(departmentDay, new DepartmentDay(p.departmentId(), p.day())).add(sign, quantity, amount, 1, p.items().size());
        at(departmentWeek, new DepartmentWeek(p.departmentId(), Sql.weekStart(p.day())))
                .add(sign, quantity, amount, 1, p.items().size());
        at(departmentMonth, new DepartmentMonth(p.departmentId(), p.monthKey()))
                .add(sign, quantity, amount, 1, p.items().size());
        perDrug.forEach((drug, s) -> {
            // a drug on two lines of one prescription is still one prescription of that drug
            at(drugMonth, new DrugMonth(drug, p.monthKey())).add(sign, s.quantity, s.amount, 1, s.items);
            at(drugDay, new DrugDay(drug, p.day())).add(sign, s.quantity, s.amount, 1, s.items);
            at(drugDepartmentMonth, new DrugDepartmentMonth(drug, p.departmentId(), p.monthKey()))
                    .add(sign, s.quantity, s.amount, 1, s.items);
            at(doctorDrugMonth, new DoctorDrugMonth(p.doctorId(), drug, p.monthKey()))
                    .add(sign, s.quantity, s.amount, 1, s.items);
        });
    }

    /** A visit that is not cancelled counts once on its department, day (and the day's week and month) and type. */
    void visit(VisitState v, int sign) {
        if (v.counted()) {
            visitDay.computeIfAbsent(new VisitDay(v.departmentId(), v.day(), v.type()), k -> new long[1])[0] += sign;
            visitWeek.computeIfAbsent(new VisitWeek(v.departmentId(), Sql.weekStart(v.day()), v.type()),
                    k -> new long[1])[0] += sign;
            visitMonth.computeIfAbsent(new VisitMonth(v.departmentId(), Sql.monthKey(v.day()), v.type()),
                    k -> new long[1])[0] += sign;
        }
    }

    /** Every vital sign counts as a measurement of its day and type, and as abnormal when flagged. */
    void vitalSign(VitalState v, int sign) {
        long[] sums = vitalDay.computeIfAbsent(new VitalDay(v.day(), v.type()), k -> new long[2]);
        sums[0] += sign;
        sums[1] += v.abnormal() ? sign : 0;
    }
}
