package org.mdms.records.seed;

import org.junit.jupiter.api.Test;
import org.mdms.records.seed.FakeDataGenerator.IdBase;
import org.mdms.records.seed.SeedPlan.SeedLocale;
import org.mdms.records.seed.SeedRows.Batch;
import org.mdms.records.seed.SeedRows.DrugRow;
import org.mdms.records.seed.SeedRows.PatientRow;
import org.mdms.records.seed.SeedRows.PrescriptionRow;
import org.mdms.records.seed.SeedRows.Reference;
import org.mdms.records.seed.SeedRows.StaffRef;
import org.mdms.records.seed.SeedRows.VitalSignRow;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generator in memory: determinism and the rules every generated row keeps. */
class SeedGeneratorTest {

    private static final Instant ANCHOR = Instant.parse("2026-11-21T05:00:00Z");
    private static final IdBase IDS = new IdBase(1001, 2001, 3001, 4001, 5001, 6001);

    private static SeedPlan plan(long seed, SeedLocale locale) {
        return new SeedPlan(40, 3, 2, 3, 1, 4, seed, locale, 1095, ANCHOR);
    }

    static Reference reference(SeedPlan plan) {
        var hospital = FakeHospital.hospital(plan, 1, 10);
        var staff = FakeHospital.staff(plan, hospital.departments(), 100, 200);
        List<StaffRef> doctors = new ArrayList<>();
        List<StaffRef> others = new ArrayList<>();
        staff.staff().forEach(s -> (s.kind().equals("DOCTOR") ? doctors : others)
                .add(new StaffRef(s.id(), s.departmentId())));
        List<DrugRow> drugs = new ArrayList<>();
        var catalogue = DrugCatalogue.load();
        for (int i = 0; i < catalogue.size(); i++) {
            DrugRow d = catalogue.get(i);
            drugs.add(new DrugRow(i + 1, d.code(), d.name(), d.genericName(), d.category(), d.dosageForm(),
                    d.strength(), d.unit(), d.price(), d.manufacturer()));
        }
        return new Reference(hospital.hospital(), hospital.departments(), doctors, others, others, others, drugs,
                staff.staff().size());
    }

    private static Batch generate(SeedPlan plan, int from, int to) {
        return new FakeDataGenerator(plan, IDS, reference(plan), null).batch(0, from, to);
    }

    @Test
    void sameSeedGivesTheSameDataHoweverTheRunIsCut() {
        SeedPlan plan = plan(7, SeedLocale.ZH_CN);
        Batch whole = generate(plan, 0, 40);
        Batch again = generate(plan, 0, 40);
        assertEquals(whole, again);
        List<PatientRow> inTwo = new ArrayList<>(generate(plan, 0, 17).patients());
        inTwo.addAll(generate(plan, 17, 40).patients());
        assertEquals(whole.patients(), inTwo);
        assertEquals(FakeHospital.staff(plan, reference(plan).departments(), 1, 1),
                FakeHospital.staff(plan, reference(plan).departments(), 1, 1));
    }

    @Test
    void anotherSeedGivesOtherData() {
        List<String> names7 = generate(plan(7, SeedLocale.ZH_CN), 0, 40).patients().stream().map(PatientRow::name).toList();
        List<String> names8 = generate(plan(8, SeedLocale.ZH_CN), 0, 40).patients().stream().map(PatientRow::name).toList();
        assertNotEquals(names7, names8);
    }

    @Test
    void countsIdsAndReferencesFollowThePlan() {
        SeedPlan plan = plan(3, SeedLocale.ZH_CN);
        Batch batch = generate(plan, 0, 40);
        assertEquals(40, batch.patients().size());
        assertEquals(120, batch.visits().size());
        assertEquals(240, batch.prescriptions().size());
        assertEquals(720, batch.itemCount());
        assertEquals(120, batch.examinations().size());
        assertEquals(480, batch.vitalSigns().size());
        assertEquals(1001, batch.patients().get(0).id());
        assertEquals(1040, batch.patients().get(39).id());
        assertEquals(2120, batch.visits().get(119).id());
        assertEquals(4720, batch.prescriptions().get(239).items().get(2).id());
        assertEquals(40, batch.patients().stream().map(PatientRow::mrn).distinct().count());
    }

    @Test
    void prescriptionsAddUpAndStatusesAreMostlyDispensed() {
        SeedPlan plan = plan(5, SeedLocale.ZH_CN);
        Batch batch = generate(plan, 0, 40);
        long dispensed = 0;
        for (PrescriptionRow p : batch.prescriptions()) {
            BigDecimal sum = p.items().stream().map(SeedRows.ItemRow::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertEquals(0, sum.compareTo(p.totalAmount()), "total of " + p.id());
            p.items().forEach(i -> assertEquals(0, i.unitPrice().multiply(BigDecimal.valueOf(i.quantity()))
                    .compareTo(i.amount())));
            assertTrue(!p.issuedAt().isAfter(ANCHOR));
            switch (p.status()) {
                case "DISPENSED" -> {
                    dispensed++;
                    assertTrue(p.pharmacistId() != null && p.dispensedAt().isAfter(p.issuedAt()));
                    assertTrue(!p.dispensedAt().isAfter(ANCHOR));
                }
                case "CANCELLED" -> assertTrue(p.cancelledAt() != null && p.pharmacistId() == null);
                case "ISSUED" -> assertTrue(p.dispensedAt() == null && p.cancelledAt() == null);
                default -> throw new AssertionError(p.status());
            }
        }
        assertTrue(dispensed > batch.prescriptions().size() * 0.7, "mostly dispensed: " + dispensed);
        assertTrue(dispensed < batch.prescriptions().size(), "some issued or cancelled");
    }

    @Test
    void vitalSignsStayInsideTheValidationRulesAndSomeAreAbnormal() {
        SeedPlan plan = new SeedPlan(200, 3, 0, 1, 0, 8, 11, SeedLocale.ZH_CN, 1095, ANCHOR);
        Batch batch = generate(plan, 0, 200);
        long abnormal = 0;
        for (VitalSignRow v : batch.vitalSigns()) {
            double value = v.value().doubleValue();
            switch (v.type()) {
                case "HEART_RATE" -> assertTrue(value >= 20 && value <= 300, v.toString());
                case "BLOOD_PRESSURE" -> {
                    assertTrue(value >= 50 && value <= 250, v.toString());
                    double diastolic = v.secondaryValue().doubleValue();
                    assertTrue(diastolic >= 30 && diastolic <= 150 && diastolic < value, v.toString());
                }
                case "SPO2" -> assertTrue(value >= 0 && value <= 100, v.toString());
                case "TEMPERATURE" -> assertTrue(value >= 30 && value <= 45, v.toString());
                default -> throw new AssertionError(v.type());
            }
            assertTrue(!v.measuredAt().isAfter(ANCHOR), "not in the future: " + v);
            if (v.abnormal()) {
                abnormal++;
            }
        }
        assertTrue(abnormal > 0 && abnormal < batch.vitalSigns().size() / 5, "a few abnormal: " + abnormal);
    }

    @Test
    void chinesePatientsHaveChineseNamesAndValidIdNumbers() {
        Batch batch = generate(plan(9, SeedLocale.ZH_CN), 0, 40);
        for (PatientRow p : batch.patients()) {
            assertTrue(p.name().matches("\\p{IsHan}{2,5}"), p.name());
            assertTrue(p.phone().matches("1[3-9]\\d{9}"), p.phone());
            String id = p.idNumber();
            assertEquals(18, id.length(), id);
            assertEquals(FakePeople.checkDigit(id.substring(0, 17)), id.charAt(17), id);
            assertEquals(p.birthDate().toString().replace("-", ""), id.substring(6, 14));
            boolean odd = (id.charAt(16) - '0') % 2 == 1;
            assertEquals(p.gender().equals("MALE"), odd, "gender digit of " + id);
            assertTrue(List.of("O+", "A+", "B+", "AB+", "O-", "A-", "B-", "AB-").contains(p.bloodType()));
        }
        assertTrue(batch.patients().stream().anyMatch(p -> p.allergies() != null));
    }

    @Test
    void englishOnRequest() {
        Batch batch = generate(plan(9, SeedLocale.EN), 0, 20);
        batch.patients().forEach(p -> assertTrue(p.name().matches("[A-Za-z' .-]+ [A-Za-z' .-]+"), p.name()));
        batch.visits().forEach(v -> assertTrue(v.diagnosis().matches("[\\x20-\\x7E]+"), v.diagnosis()));
    }
}
