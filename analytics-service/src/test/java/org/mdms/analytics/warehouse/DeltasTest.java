package org.mdms.analytics.warehouse;

import org.junit.jupiter.api.Test;
import org.mdms.analytics.warehouse.Deltas.Item;
import org.mdms.analytics.warehouse.Deltas.PrescriptionState;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rollup contribution rules, pure: what one prescription, visit or vital sign adds or takes back. */
class DeltasTest {

    private static final LocalDate DAY = LocalDate.of(2025, 1, 15);

    /** Drug 100 on two lines (2 + 1 at 12.50), drug 101 once (3 at 8.00), by doctor 10 in department 1. */
    private static PrescriptionState prescription(long department, boolean counted) {
        return new PrescriptionState(900, 10, department, DAY, 202501, counted, List.of(
                new Item(1, 100, 2, new BigDecimal("12.50"), new BigDecimal("25.00")),
                new Item(2, 100, 1, new BigDecimal("12.50"), new BigDecimal("12.50")),
                new Item(3, 101, 3, new BigDecimal("8.00"), new BigDecimal("24.00"))));
    }

    private static String sums(Deltas.Sums s) {
        return s.quantity + " " + s.amount.toPlainString() + " " + s.prescriptions + " " + s.items;
    }

    private static boolean allZero(Deltas d) {
        return Stream.of(d.drugMonth, d.drugDay, d.drugDepartmentMonth, d.doctorDrugMonth, d.departmentDay, d.month,
                        d.departmentWeek, d.departmentMonth)
                .flatMap(m -> m.values().stream()).allMatch(Deltas.Sums::isZero)
                && Stream.of(d.visitDay, d.visitWeek, d.visitMonth).flatMap(m -> m.values().stream())
                .allMatch(v -> v[0] == 0)
                && d.vitalDay.values().stream().allMatch(v -> v[0] == 0 && v[1] == 0);
    }

    @Test
    void aDrugOnTwoLinesIsOnePrescriptionOfThatDrug() {
        Deltas d = new Deltas();
        d.prescription(prescription(1, true), +1);
        assertEquals("3 37.50 1 2", sums(d.drugMonth.get(new Deltas.DrugMonth(100, 202501))));
        assertEquals("3 24.00 1 1", sums(d.drugMonth.get(new Deltas.DrugMonth(101, 202501))));
        assertEquals("3 37.50 1 2", sums(d.drugDay.get(new Deltas.DrugDay(100, DAY))));
        assertEquals("3 37.50 1 2", sums(d.drugDepartmentMonth.get(new Deltas.DrugDepartmentMonth(100, 1, 202501))));
        assertEquals("3 37.50 1 2", sums(d.doctorDrugMonth.get(new Deltas.DoctorDrugMonth(10, 100, 202501))));
        assertEquals("6 61.50 1 3", sums(d.month.get(202501)));
        assertEquals("6 61.50 1 3", sums(d.departmentDay.get(new Deltas.DepartmentDay(1, DAY))));
        // 2025-01-15 is a Wednesday: its week is keyed by Monday 2025-01-13
        assertEquals("6 61.50 1 3", sums(d.departmentWeek.get(new Deltas.DepartmentWeek(1, LocalDate.of(2025, 1, 13)))));
        assertEquals("6 61.50 1 3", sums(d.departmentMonth.get(new Deltas.DepartmentMonth(1, 202501))));
        assertEquals(2, d.departmentWeek.size() + d.departmentMonth.size());
    }

    @Test
    void aCancelledPrescriptionContributesNothing() {
        Deltas d = new Deltas();
        d.prescription(prescription(1, false), +1);
        d.prescription(prescription(1, false), -1);
        assertTrue(d.month.isEmpty() && d.drugMonth.isEmpty() && d.departmentDay.isEmpty()
                && d.departmentWeek.isEmpty() && d.departmentMonth.isEmpty());
    }

    @Test
    void theOldStateOutAndTheSameStateInNetsToZero() {
        Deltas d = new Deltas();
        d.prescription(prescription(1, true), -1);
        d.prescription(prescription(1, true), +1);
        d.visit(new Deltas.VisitState(500, 1, DAY, "OUTPATIENT", true), -1);
        d.visit(new Deltas.VisitState(500, 1, DAY, "OUTPATIENT", true), +1);
        d.vitalSign(new Deltas.VitalState(DAY, "HEART_RATE", true), -1);
        d.vitalSign(new Deltas.VitalState(DAY, "HEART_RATE", true), +1);
        assertTrue(allZero(d), "a replay changes no rollup");
    }

    @Test
    void aMoveToAnotherDepartmentMovesTheFiguresAndKeepsTheMonth() {
        Deltas d = new Deltas();
        d.prescription(prescription(1, true), -1);
        d.prescription(prescription(2, true), +1);
        assertTrue(d.month.get(202501).isZero());
        assertEquals("-6 -61.50 -1 -3", sums(d.departmentDay.get(new Deltas.DepartmentDay(1, DAY))));
        assertEquals("6 61.50 1 3", sums(d.departmentDay.get(new Deltas.DepartmentDay(2, DAY))));
        assertEquals("-3 -37.50 -1 -2", sums(d.drugDepartmentMonth.get(new Deltas.DrugDepartmentMonth(100, 1, 202501))));
    }

    @Test
    void aCancelledVisitIsNotCountedAndAnAbnormalReadingCountsTwice() {
        Deltas d = new Deltas();
        d.visit(new Deltas.VisitState(500, 1, DAY, "EMERGENCY", false), +1);
        assertTrue(d.visitDay.isEmpty() && d.visitWeek.isEmpty() && d.visitMonth.isEmpty());
        d.visit(new Deltas.VisitState(501, 1, DAY, "EMERGENCY", true), +1);
        assertArrayEquals(new long[]{1}, d.visitDay.get(new Deltas.VisitDay(1, DAY, "EMERGENCY")));
        assertArrayEquals(new long[]{1}, d.visitWeek.get(new Deltas.VisitWeek(1, LocalDate.of(2025, 1, 13), "EMERGENCY")));
        assertArrayEquals(new long[]{1}, d.visitMonth.get(new Deltas.VisitMonth(1, 202501, "EMERGENCY")));
        d.vitalSign(new Deltas.VitalState(DAY, "SPO2", true), +1);
        d.vitalSign(new Deltas.VitalState(DAY, "SPO2", false), +1);
        assertArrayEquals(new long[]{2, 1}, d.vitalDay.get(new Deltas.VitalDay(DAY, "SPO2")));
    }
}
