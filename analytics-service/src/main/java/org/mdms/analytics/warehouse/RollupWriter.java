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
        List<Object[]> departmentWeek = new ArrayList<>();
        d.departmentWeek.forEach((k, s) -> {
            if (!s.isZero()) {
                departmentWeek.add(new Object[]{k.weekStart(), k.departmentId(), s.prescriptions, s.items, s.amount});
            }
        });
        List<Object[]> departmentMonth = new ArrayList<>();
        d.departmentMonth.forEach((k, s) -> {
            if (!s.isZero()) {
                departmentMonth.add(new Object[]{k.month(), k.departmentId(), s.prescriptions, s.items, s.amount});
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
        List<Object[]> visitWeek = new ArrayList<>();
        d.visitWeek.forEach((k, v) -> {
            if (v[0] != 0) {
                visitWeek.add(new Object[]{k.weekStart(), k.departmentId(), k.type(), v[0]});
            }
        });
        List<Object[]> visitMonth = new ArrayList<>();
        d.visitMonth.forEach((k, v) -> {
            if (v[0] != 0) {
                visitMonth.add(new Object[]{k.month(), k.departmentId(), k.type(), v[0]});
            }
        });
        List<Object[]> vitalDay = new ArrayList<>();
        d.vitalDay.forEach((k, v) -> {
            if (v[0] != 0 || v[1] != 0) {
                vitalDay.add(new Object[]{k.day(), k.type(), v[0], v[1]});
            }
        });
        return WarehouseQueries.DRUG_MONTH.write(conn, drugMonth)
                .chain(() -> WarehouseQueries.DRUG_DAY.write(conn, drugDay))
                .chain(() -> WarehouseQueries.DRUG_DEPARTMENT_MONTH.write(conn, drugDepartmentMonth))
                .chain(() -> WarehouseQueries.DOCTOR_DRUG_MONTH.write(conn, doctorDrugMonth))
                .chain(() -> WarehouseQueries.DEPARTMENT_DAY.write(conn, departmentDay))
                .chain(() -> WarehouseQueries.DEPARTMENT_WEEK.write(conn, departmentWeek))
                .chain(() -> WarehouseQueries.DEPARTMENT_MONTH.write(conn, departmentMonth))
                .chain(() -> WarehouseQueries.MONTH.write(conn, month))
                .chain(() -> WarehouseQueries.VISIT_DAY.write(conn, visitDay))
                .chain(() -> WarehouseQueries.VISIT_WEEK.write(conn, visitWeek))
                .chain(() -> WarehouseQueries.VISIT_MONTH.write(conn, visitMonth))
                .chain(() -> WarehouseQueries.VITAL_DAY.write(conn, vitalDay));
    }
}
