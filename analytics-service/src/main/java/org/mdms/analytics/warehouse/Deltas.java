package org.mdms.analytics.warehouse;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
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

    record VitalDay(LocalDate day, String type) {
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
    /** [measurements, abnormal] */
    final Map<VitalDay, long[]> vitalDay = new HashMap<>();

    static <K> Sums at(Map<K, Sums> map, K key) {
        return map.computeIfAbsent(key, k -> new Sums());
    }
}
