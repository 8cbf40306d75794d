package org.mdms.analytics.warehouse;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/** Writes one batch's rollup deltas: one additive upsert per rollup table, rows that net to zero left out. */
@ApplicationScoped
public class RollupWriter {

    Uni<Void> write(SqlConnection conn, Deltas d) {
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
}
