package org.mdms.analytics.warehouse;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

import static org.mdms.analytics.warehouse.Payloads.decimalOrNull;
import static org.mdms.analytics.warehouse.Payloads.longOrNull;
import static org.mdms.analytics.warehouse.Payloads.text;

/** Upserts the dimensions (departments, staff, patients, drugs): each event carries the entity's full state. */
@ApplicationScoped
public class DimensionApplier {

    Uni<Void> departments(SqlConnection conn, Map<Long, ChangeEvent> events) {
        List<Object[]> rows = events.values().stream().map(e -> new Object[]{
                e.entityId(), longOrNull(e.payload(), "hospitalId"), text(e.payload(), "code", ""),
                text(e.payload(), "name", "")}).toList();
        return Sql.insertRows(conn, "INSERT INTO dim_department (id, hospital_id, code, name)", 4,
                "ON DUPLICATE KEY UPDATE hospital_id = VALUES(hospital_id), code = VALUES(code), name = VALUES(name)",
                rows);
    }

    Uni<Void> staff(SqlConnection conn, Map<Long, ChangeEvent> events) {
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
    Uni<Void> patients(SqlConnection conn, Map<Long, ChangeEvent> events) {
        List<Object[]> rows = events.values().stream().map(e -> {
            boolean deleted = "DELETE".equals(e.operation()) || e.payload().path("deleted").asBoolean(false);
            return new Object[]{e.entityId(), text(e.payload(), "gender", "UNKNOWN"),
                    longOrNull(e.payload(), "birthYear"), deleted};
        }).toList();
        return Sql.insertRows(conn, "INSERT INTO dim_patient (id, gender, birth_year, deleted)", 4,
                "ON DUPLICATE KEY UPDATE gender = VALUES(gender), birth_year = VALUES(birth_year), "
                        + "deleted = VALUES(deleted)", rows);
    }

    Uni<Void> drugs(SqlConnection conn, Map<Long, ChangeEvent> events) {
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
}
