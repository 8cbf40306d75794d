package org.mdms.records.seed;

import net.datafaker.Faker;
import org.mdms.records.seed.ReferenceData.Diagnosis;
import org.mdms.records.seed.ReferenceData.Frequency;
import org.mdms.records.seed.ReferenceData.LabItem;
import org.mdms.records.seed.ReferenceData.ReportItem;
import org.mdms.records.seed.ReferenceData.Term;
import org.mdms.records.seed.SeedPlan.SeedLocale;
import org.mdms.records.seed.SeedRows.Batch;
import org.mdms.records.seed.SeedRows.DepartmentRow;
import org.mdms.records.seed.SeedRows.DrugRow;
import org.mdms.records.seed.SeedRows.ExaminationRow;
import org.mdms.records.seed.SeedRows.ItemRow;
import org.mdms.records.seed.SeedRows.PatientRow;
import org.mdms.records.seed.SeedRows.Pin;
import org.mdms.records.seed.SeedRows.PrescriptionRow;
import org.mdms.records.seed.SeedRows.Reference;
import org.mdms.records.seed.SeedRows.StaffRef;
import org.mdms.records.seed.SeedRows.VisitRow;
import org.mdms.records.seed.SeedRows.VitalSignRow;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Realistic fake patients and their care (visits, prescriptions, examinations, vital signs), in memory only (the
 * {@link SeedWriter} puts them into the database); the hospital and its staff come from {@link FakeHospital}.
 * <p>
 * Deterministic: every patient draws from a {@link Random} re-seeded from (plan seed, patient index), so a plan
 * always yields the same rows for the same ids, however the run is cut into batches and in whatever order the
 * batches are generated. Datafaker supplies surnames, addresses and English names; the medical vocabulary
 * ({@link ReferenceData}: diagnoses with ICD-10 codes, laboratory items, dosages) is ours, because Datafaker has
 * none in Chinese.
 */
public final class FakeDataGenerator {

    /** Where a run's ids start in each table; ids are assigned arithmetically from these. */
    public record IdBase(long patient, long visit, long prescription, long item, long examination, long vitalSign) {
    }

    private final SeedPlan plan;
    private final boolean zh;
    private final IdBase ids;
    private final Reference reference;
    private final Pin pin;
    /** Shorter than the shortest visit, so the demo patient's latest visit is still OPEN at start-up. */
    private static final Duration PINNED_VISIT_AGO = Duration.ofMinutes(5);
    private final Map<Long, List<Diagnosis>> diagnosesByDepartment = new HashMap<>();
    private final long historySeconds;

    public FakeDataGenerator(SeedPlan plan, IdBase ids, Reference reference, Pin pin) {
        this.plan = plan;
        this.zh = plan.locale() == SeedLocale.ZH_CN;
        this.ids = ids;
        this.reference = reference;
        this.pin = pin;
        this.historySeconds = Math.max(1, plan.historyDays()) * 86_400L;
        Map<String, List<Diagnosis>> byCode = new HashMap<>();
        for (Diagnosis d : ReferenceData.DIAGNOSES) {
            byCode.computeIfAbsent(d.departmentCode(), k -> new ArrayList<>()).add(d);
        }
        for (DepartmentRow department : reference.departments()) {
            diagnosesByDepartment.put(department.id(), byCode.getOrDefault(department.code().replaceAll("-.*", ""),
                    byCode.get("INT")));
        }
    }

    // ------------------------------------------------------------------ patients and their care

    /** Patients [from, to) of the run with everything that hangs off them. */
    public Batch batch(int index, int from, int to) {
        Random random = new Random();
        Faker faker = SeedRandom.faker(plan.locale(), random);
        int vpp = plan.visitsPerPatient();
        List<PatientRow> patients = new ArrayList<>(to - from);
        List<VisitRow> visits = new ArrayList<>((to - from) * vpp);
        List<PrescriptionRow> prescriptions = new ArrayList<>((int) Math.min(Integer.MAX_VALUE,
                (long) (to - from) * vpp * plan.prescriptionsPerVisit()));
        List<ExaminationRow> examinations = new ArrayList<>();
        List<VitalSignRow> vitals = new ArrayList<>();
        for (int p = from; p < to; p++) {
            random.setSeed(SeedRandom.mix(plan.seed(), p));
            boolean pinned = pin != null && p == 0;
            PatientRow patient = patient(faker, random, ids.patient() + p, pinned ? pin.patientUserId() : null);
            patients.add(patient);
            Instant[] starts = new Instant[vpp];
            for (int v = 0; v < vpp; v++) {
                starts[v] = plan.anchor().minusSeconds(60 + (long) (random.nextDouble() * historySeconds));
            }
            Arrays.sort(starts);
            if (pinned && vpp > 0) {
                // the demo doctor's "today's visits" is never empty: the demo patient's latest visit is under way
                starts[vpp - 1] = plan.anchor().minus(PINNED_VISIT_AGO);
            }
            for (int v = 0; v < vpp; v++) {
                long visitIndex = (long) p * vpp + v;
                visit(random, patient, visitIndex, starts[v], pinned, visits, prescriptions, examinations, vitals);
            }
        }
        return new Batch(index, patients, visits, prescriptions, examinations, vitals);
    }

    private PatientRow patient(Faker faker, Random random, long id, Long userId) {
        boolean female = random.nextBoolean();
        int ageDays = (int) (random.nextDouble() * random.nextDouble() * 90 * 365) + 30;
        LocalDate birth = LocalDate.ofInstant(plan.anchor(), ZoneOffset.UTC).minusDays(ageDays);
        String name = FakePeople.personName(faker, random, zh, female);
        String idNumber = zh ? FakePeople.residentId(random, birth, female)
                : String.format("%03d-%02d-%04d", 100 + random.nextInt(665), 1 + random.nextInt(99),
                1 + random.nextInt(9999));
        String address = zh ? faker.address().city() + "市" + faker.address().streetAddress()
                : faker.address().fullAddress();
        String allergies = null;
        if (random.nextInt(100) < 15) {
            List<Term> names = ReferenceData.ALLERGIES;
            String first = names.get(random.nextInt(names.size())).in(zh);
            String second = random.nextInt(3) == 0 ? names.get(random.nextInt(names.size())).in(zh) : first;
            allergies = first.equals(second) ? first : first + (zh ? "、" : ", ") + second;
        }
        String email = random.nextInt(10) < 3 ? "p" + id + (zh ? "@mail.example.cn" : "@mail.example.com") : null;
        return new PatientRow(id, userId, String.format("MRN%010d", id), name, female ? "FEMALE" : "MALE", birth,
                idNumber, FakePeople.phone(random, zh), email, FakeHospital.trim(address, 500),
                FakePeople.bloodType(random), allergies, FakePeople.personName(faker, random, zh, random.nextBoolean()),
                FakePeople.phone(random, zh));
    }

    private void visit(Random random, PatientRow patient, long visitIndex, Instant start, boolean pinned,
                       List<VisitRow> visits, List<PrescriptionRow> prescriptions,
                       List<ExaminationRow> examinations, List<VitalSignRow> vitals) {
        long visitId = ids.visit() + visitIndex;
        StaffRef doctor = pinned ? pin.doctor() : pick(random, reference.doctors());
        List<Diagnosis> diagnoses = diagnosesByDepartment.getOrDefault(doctor.departmentId(),
                diagnosesByDepartment.values().iterator().next());
        Diagnosis diagnosis = diagnoses.get(random.nextInt(diagnoses.size()));
        String departmentCode = diagnosis.departmentCode();
        String type = departmentCode.equals("EMER") ? "EMERGENCY" : departmentCode.equals("ICU") ? "INPATIENT"
                : random.nextInt(10) == 0 ? "INPATIENT" : "OUTPATIENT";
        Duration length = switch (type) {
            case "INPATIENT" -> Duration.ofHours(48 + random.nextInt(12 * 24));
            case "EMERGENCY" -> Duration.ofMinutes(60 + random.nextInt(300));
            default -> Duration.ofMinutes(10 + random.nextInt(50));
        };
        Instant end = start.plus(length);
        String status;
        if (end.isAfter(plan.anchor())) {
            status = "OPEN";
            end = null;
        } else if (random.nextInt(100) < 3) {
            status = "CANCELLED";
            end = start.plusSeconds(300);
        } else {
            status = "CLOSED";
        }
        Instant last = end == null ? plan.anchor() : end;
        visits.add(new VisitRow(visitId, patient.id(), doctor.id(), doctor.departmentId(), type, status, start, end,
                zh ? diagnosis.complaintZh() : diagnosis.complaintEn(), zh ? diagnosis.nameZh() : diagnosis.nameEn(),
                diagnosis.icd10()));

        for (int r = 0; r < plan.prescriptionsPerVisit(); r++) {
            long prescriptionIndex = visitIndex * plan.prescriptionsPerVisit() + r;
            prescriptions.add(prescription(random, visitId, patient.id(), doctor, prescriptionIndex,
                    within(random, start, last, 5 * 60, 40 * 60), last, status.equals("CANCELLED"), pinned));
        }
        for (int e = 0; e < plan.examinationsPerVisit(); e++) {
            StaffRef technician = pinned ? pin.technician() : pick(random, reference.technicians());
            examinations.add(examination(random, ids.examination() + visitIndex * plan.examinationsPerVisit() + e,
                    visitId, patient.id(), technician, within(random, start, last, 10 * 60, 90 * 60)));
        }
        for (int s = 0; s < plan.vitalSignsPerVisit(); s++) {
            vitals.add(vitalSign(random, ids.vitalSign() + visitIndex * plan.vitalSignsPerVisit() + s, patient.id(),
                    visitId, s, within(random, start, last, 60, 20 * 60)));
        }
    }

    private PrescriptionRow prescription(Random random, long visitId, long patientId, StaffRef doctor, long index,
                                         Instant issued, Instant last, boolean visitCancelled, boolean pinned) {
        long id = ids.prescription() + index;
        List<ItemRow> items = new ArrayList<>(plan.itemsPerPrescription());
        BigDecimal total = BigDecimal.ZERO.setScale(2);
        for (int k = 0; k < plan.itemsPerPrescription(); k++) {
            DrugRow drug = pick(random, reference.drugs());
            Frequency frequency = ReferenceData.FREQUENCIES.get(random.nextInt(ReferenceData.FREQUENCIES.size()));
            int days = random.nextInt(4) == 0 ? 28 : 3 + random.nextInt(12);
            int quantity = 1 + random.nextInt(3);
            BigDecimal amount = drug.price().multiply(BigDecimal.valueOf(quantity)).setScale(2, RoundingMode.HALF_UP);
            total = total.add(amount);
            String dose = (1 + random.nextInt(2)) + "";
            items.add(new ItemRow(ids.item() + index * plan.itemsPerPrescription() + k, id, drug.id(), quantity,
                    zh ? "每次" + dose + doseUnit(drug.dosageForm()) : dose + " dose(s) each time",
                    frequency.code() + " " + (zh ? frequency.zh() : frequency.en()), days, drug.price(), amount));
        }
        int roll = random.nextInt(100);
        StaffRef pharmacist = pinned ? pin.pharmacist() : pick(random, reference.pharmacists());
        Instant dispensed = issued.plusSeconds(600 + random.nextInt(3000));
        if (visitCancelled || roll < 6) {
            List<Term> reasons = ReferenceData.CANCEL_REASONS;
            Instant cancelled = issued.plusSeconds(120 + random.nextInt(1200));
            return new PrescriptionRow(id, visitId, patientId, doctor.id(), doctor.departmentId(), null, "CANCELLED",
                    issued, null, cancelled.isAfter(plan.anchor()) ? plan.anchor() : cancelled,
                    reasons.get(random.nextInt(reasons.size())).in(zh), total, items);
        }
        if (roll < 14 || dispensed.isAfter(plan.anchor()) || dispensed.isAfter(last.plusSeconds(86_400))) {
            return new PrescriptionRow(id, visitId, patientId, doctor.id(), doctor.departmentId(), null, "ISSUED",
                    issued, null, null, null, total, items);
        }
        return new PrescriptionRow(id, visitId, patientId, doctor.id(), doctor.departmentId(), pharmacist.id(),
                "DISPENSED", issued, dispensed, null, null, total, items);
    }

    private ExaminationRow examination(Random random, long id, long visitId, long patientId, StaffRef technician,
                                       Instant performed) {
        boolean abnormal = random.nextInt(100) < 15;
        List<LabItem> labItems = ReferenceData.LAB_ITEMS;
        List<ReportItem> reportItems = ReferenceData.REPORT_ITEMS;
        if (random.nextInt(labItems.size() + reportItems.size()) >= labItems.size()) {
            ReportItem item = reportItems.get(random.nextInt(reportItems.size()));
            String result = abnormal ? (zh ? item.abnormalZh() : item.abnormalEn())
                    : (zh ? item.normalZh() : item.normalEn());
            return new ExaminationRow(id, visitId, patientId, technician.id(), zh ? item.nameZh() : item.nameEn(),
                    result, null, null, abnormal, performed);
        }
        LabItem item = labItems.get(random.nextInt(labItems.size()));
        double low = Double.parseDouble(item.low());
        double high = Double.parseDouble(item.high());
        double span = high - low;
        double value = abnormal
                ? (random.nextBoolean() && low > 0 ? low - span * (0.05 + random.nextDouble() * 0.3)
                : high + span * (0.05 + random.nextDouble() * 0.8))
                : low + span * (0.05 + random.nextDouble() * 0.9);
        BigDecimal rounded = BigDecimal.valueOf(Math.max(0, value)).setScale(item.decimals(), RoundingMode.HALF_UP);
        boolean flagged = rounded.doubleValue() < low || rounded.doubleValue() > high;
        return new ExaminationRow(id, visitId, patientId, technician.id(), zh ? item.nameZh() : item.nameEn(),
                rounded.toPlainString(), item.unit(), item.low() + "-" + item.high(), flagged, performed);
    }

    /**
     * One measurement of the visit, types in turn. About one in twelve lies outside the normal range (flagged), but
     * every value stays inside the validation rules of DESIGN.md.
     */
    private static VitalSignRow vitalSign(Random random, long id, long patientId, long visitId, int n,
                                          Instant measured) {
        boolean abnormal = random.nextInt(12) == 0;
        return switch (n % 4) {
            case 0 -> {
                int rate = abnormal ? (random.nextBoolean() ? 38 + random.nextInt(21) : 101 + random.nextInt(60))
                        : 60 + random.nextInt(41);
                yield new VitalSignRow(id, patientId, visitId, "HEART_RATE", BigDecimal.valueOf(rate), null, "/min",
                        rate < 60 || rate > 100, measured);
            }
            case 1 -> {
                int systolic = abnormal ? 140 + random.nextInt(51) : 95 + random.nextInt(44);
                int diastolic = abnormal ? 90 + random.nextInt(21) : 60 + random.nextInt(29);
                diastolic = Math.min(diastolic, systolic - 20);
                yield new VitalSignRow(id, patientId, visitId, "BLOOD_PRESSURE", BigDecimal.valueOf(systolic),
                        BigDecimal.valueOf(diastolic), "mmHg",
                        systolic < 90 || systolic >= 140 || diastolic < 60 || diastolic >= 90, measured);
            }
            case 2 -> {
                int saturation = abnormal ? 85 + random.nextInt(10) : 95 + random.nextInt(6);
                yield new VitalSignRow(id, patientId, visitId, "SPO2", BigDecimal.valueOf(saturation), null, "%",
                        saturation < 95, measured);
            }
            default -> {
                int tenths = abnormal ? 374 + random.nextInt(27) : 360 + random.nextInt(14);
                BigDecimal celsius = BigDecimal.valueOf(tenths, 1);
                yield new VitalSignRow(id, patientId, visitId, "TEMPERATURE", celsius, null, "°C",
                        tenths < 360 || tenths > 373, measured);
            }
        };
    }

    // ------------------------------------------------------------------ small pieces

    private static String doseUnit(String dosageForm) {
        return switch (dosageForm) {
            case "片剂", "滴丸" -> "片";
            case "胶囊" -> "粒";
            case "颗粒剂", "散剂" -> "袋";
            case "注射液" -> "支";
            case "吸入剂", "气雾剂" -> "吸";
            case "软膏" -> "次（外用）";
            default -> "份";
        };
    }

    /** A time between start + min and start + max seconds, never after last. */
    private static Instant within(Random random, Instant start, Instant last, int minSeconds, int maxSeconds) {
        Instant at = start.plusSeconds(minSeconds + random.nextInt(Math.max(1, maxSeconds - minSeconds)));
        return at.isAfter(last) ? last : at;
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
