package org.mdms.analytics.warehouse;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The statements Upsert builds, without a database: what a duplicate key does, and how rows are bound. */
class UpsertTest {

    @Test
    void replacingUpdatesTheValueColumnsNeverTheKey() {
        assertEquals("INSERT INTO dim_department (id, hospital_id, code, name) VALUES (?,?,?,?),(?,?,?,?) "
                        + "ON DUPLICATE KEY UPDATE hospital_id = VALUES(hospital_id), code = VALUES(code), "
                        + "name = VALUES(name)",
                Upsert.replacing("dim_department", List.of("id"), "hospital_id", "code", "name").statement(2));
    }

    @Test
    void addingAddsTheBatchDeltasToTheRow() {
        assertEquals("INSERT INTO rollup_vital_day (day, vital_type, measurements, abnormal) VALUES (?,?,?,?) "
                        + "ON DUPLICATE KEY UPDATE measurements = measurements + VALUES(measurements), "
                        + "abnormal = abnormal + VALUES(abnormal)",
                Upsert.adding("rollup_vital_day", List.of("day", "vital_type"), "measurements", "abnormal")
                        .statement(1));
    }

    @Test
    void insertingAndIgnoringHaveNoUpdateClause() {
        assertEquals("INSERT INTO t (a, b) VALUES (?,?),(?,?),(?,?)", Upsert.inserting("t", "a", "b").statement(3));
        assertEquals("INSERT IGNORE INTO rollup_stale_month (month_key) VALUES (?),(?)",
                Upsert.ignoring("rollup_stale_month", "month_key").statement(2));
    }

    @Test
    void theWarehouseUpsertsNeverUpdateTheirKeys() {
        for (Upsert upsert : List.of(WarehouseQueries.DEPARTMENT, WarehouseQueries.STAFF, WarehouseQueries.PATIENT,
                WarehouseQueries.DRUG, WarehouseQueries.VISIT, WarehouseQueries.PRESCRIPTION,
                WarehouseQueries.VITAL_SIGN, WarehouseQueries.EXAMINATION)) {
            String update = upsert.statement(1).split("ON DUPLICATE KEY UPDATE ")[1];
            assertFalse(update.startsWith("id =") || update.contains(", id ="), update);
        }
        String drugMonth = WarehouseQueries.DRUG_MONTH.statement(1);
        assertEquals("INSERT INTO rollup_drug_month (drug_id, month_key, quantity, amount, prescriptions, items) "
                + "VALUES (?,?,?,?,?,?) ON DUPLICATE KEY UPDATE quantity = quantity + VALUES(quantity), "
                + "amount = amount + VALUES(amount), prescriptions = prescriptions + VALUES(prescriptions), "
                + "items = items + VALUES(items)", drugMonth);
    }

    @Test
    void rowsAreBoundInStatementsBelowTheParameterLimit() {
        assertEquals(11, WarehouseQueries.PRESCRIPTION_ITEM.columns());
        assertEquals(Upsert.MAX_PARAMS / 11, WarehouseQueries.PRESCRIPTION_ITEM.rowsPerStatement());
        assertEquals(Upsert.MAX_PARAMS, WarehouseQueries.STALE_MONTH.rowsPerStatement());
    }

    @Test
    void aRowOfTheWrongWidthIsRefusedBeforeAnythingIsSent() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WarehouseQueries.DEPARTMENT.write(null, List.of(new Object[]{1L, 1L, "D1", "内科"},
                        new Object[]{2L, "D2", "儿科"})));
        assertEquals("dim_department takes 4 values per row, not 3", e.getMessage());
    }
}
