package org.mdms.analytics.warehouse;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.analytics.warehouse.Changes.DepartmentChange;
import org.mdms.analytics.warehouse.Changes.DrugChange;
import org.mdms.analytics.warehouse.Changes.PatientChange;
import org.mdms.analytics.warehouse.Changes.StaffChange;

import java.util.List;
import java.util.Map;

/** Upserts the dimensions (departments, staff, patients, drugs): each event carries the entity's full state. */
@ApplicationScoped
public class DimensionApplier {

    Uni<Void> departments(SqlConnection conn, Map<Long, DepartmentChange> changes) {
        List<Object[]> rows = changes.entrySet().stream().map(e -> {
            DepartmentChange d = e.getValue();
            return new Object[]{e.getKey(), d.hospitalId(), d.code(), d.name()};
        }).toList();
        return WarehouseQueries.DEPARTMENT.write(conn, rows);
    }

    Uni<Void> staff(SqlConnection conn, Map<Long, StaffChange> changes) {
        List<Object[]> rows = changes.entrySet().stream().map(e -> {
            StaffChange s = e.getValue();
            return new Object[]{e.getKey(), s.userId(), s.departmentId(), s.kind().name(), s.name(), s.title(),
                    s.active()};
        }).toList();
        return WarehouseQueries.STAFF.write(conn, rows);
    }

    /**
     * Gender and birth year only (the feed carries nothing more); the age band is derived when asked, from the year,
     * by the view dim_patient_age (V4), so it never goes stale as people age.
     */
    Uni<Void> patients(SqlConnection conn, Map<Long, PatientChange> changes) {
        List<Object[]> rows = changes.entrySet().stream().map(e -> {
            PatientChange p = e.getValue();
            return new Object[]{e.getKey(), p.gender().name(), p.birthYear(), p.deleted()};
        }).toList();
        return WarehouseQueries.PATIENT.write(conn, rows);
    }

    Uni<Void> drugs(SqlConnection conn, Map<Long, DrugChange> changes) {
        List<Object[]> rows = changes.entrySet().stream().map(e -> {
            DrugChange d = e.getValue();
            return new Object[]{e.getKey(), d.code(), d.name(), d.genericName(), d.category(), d.dosageForm(),
                    d.strength(), d.unit(), d.price(), d.active()};
        }).toList();
        return WarehouseQueries.DRUG.write(conn, rows);
    }
}
