package org.mdms.records.seed;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.mdms.records.auth.PasswordHasher;
import org.mdms.common.DomainException;
import org.mdms.records.seed.FakeDataGenerator.IdBase;
import org.mdms.records.seed.SeedRows.DepartmentRow;
import org.mdms.records.seed.SeedRows.DrugRow;
import org.mdms.records.seed.SeedRows.Pin;
import org.mdms.records.seed.SeedRows.Reference;
import org.mdms.records.seed.SeedRows.StaffRef;
import org.mdms.records.seed.SeedRows.StaffRow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * One generator run: the drug catalogue, a new hospital with departments and staff, then the patients in batches
 * (generated on worker threads, written by {@link SeedWriter}, several in flight), reporting progress as text lines.
 * Only one run at a time.
 */
@ApplicationScoped
public class SeedService {

    private static final Logger LOG = Logger.getLogger(SeedService.class);

    private final SeedWriter writer;
    private final SeedSettings settings;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile String staffHash;

    SeedService(SeedWriter writer, SeedSettings settings) {
        this.writer = writer;
        this.settings = settings;
    }

    /** Generates the plan's data; the lines tell how far it got and end with a summary ("done: ..."). */
    public Multi<String> run(SeedPlan plan) {
        return run(plan, reference -> Uni.createFrom().nullItem());
    }

    /**
     * As {@link #run(SeedPlan)}, with a step between the hospital and the patients that may pin the first patient
     * to given accounts (the demo data uses it to create the demo accounts).
     */
    Multi<String> run(SeedPlan plan, Function<Reference, Uni<Pin>> beforePatients) {
        if (!running.compareAndSet(false, true)) {
            throw DomainException.conflict(null, "a seed run is already in progress; try again when it has finished");
        }
        Progress progress = new Progress(plan);
        Multi<String> lines = Multi.createFrom().item(progress.header())
                .onCompletion().switchTo(() -> reference(plan)
                        .onItem().transformToMulti(reference -> Multi.createFrom().item(progress.reference(reference))
                                .onCompletion().switchTo(() -> beforePatients.apply(reference)
                                        .onItem().transformToMulti(pin -> patients(plan, reference, pin, progress)))))
                .onCompletion().switchTo(() -> Multi.createFrom().item(progress::summary));
        return lines
                .onItem().invoke(line -> LOG.info("seed: " + line))
                .onFailure().invoke(e -> LOG.errorf(e, "seed run failed"))
                .onFailure().recoverWithItem(e -> "ERROR: seeding stopped: " + e.getMessage()
                        + " (batches committed so far stay, complete with their change events)")
                .onTermination().invoke(() -> running.set(false));
    }

    public boolean isRunning() {
        return running.get();
    }

    // ------------------------------------------------------------------ hospital, departments, staff, drugs

    private Uni<Reference> reference(SeedPlan plan) {
        Instant now = Instant.now();
        int doctors = FakeHospital.doctorsFor(plan.patients());
        int staffCount = 2 * doctors + 2 * Math.max(2, doctors / 10);
        int departmentCount = FakeHospital.departmentTemplates().size();
        return writer.ensureDrugCatalogue(now).chain(drugs -> staffPasswordHash().chain(hash ->
                writer.reserveIds("hospital", 1).chain(hospitalId ->
                writer.reserveIds("department", departmentCount).chain(departmentId ->
                writer.reserveIds("user_account", staffCount).chain(userId ->
                writer.reserveIds("staff", staffCount).chain(staffId -> {
                    var hospital = FakeHospital.hospital(plan, hospitalId, departmentId);
                    var staff = FakeHospital.staff(plan, hospital.departments(), userId, staffId);
                    return writer.execute(writer.hospital(hospital.hospital(), hospital.departments(), staff.users(),
                                    staff.staff(), hash, now))
                            .map(v -> reference(hospital, staff.staff(), drugs));
                }))))));
    }

    private static Reference reference(FakeHospital.HospitalAndDepartments hospital, List<StaffRow> staff,
                                       List<DrugRow> drugs) {
        List<StaffRef> doctors = new ArrayList<>();
        List<StaffRef> nurses = new ArrayList<>();
        List<StaffRef> pharmacists = new ArrayList<>();
        List<StaffRef> technicians = new ArrayList<>();
        for (StaffRow s : staff) {
            StaffRef ref = new StaffRef(s.id(), s.departmentId());
            switch (s.kind()) {
                case "DOCTOR" -> doctors.add(ref);
                case "NURSE" -> nurses.add(ref);
                case "PHARMACIST" -> pharmacists.add(ref);
                default -> technicians.add(ref);
            }
        }
        return new Reference(hospital.hospital(), hospital.departments(), doctors, nurses, pharmacists, technicians,
                drugs, staff.size());
    }

    /** bcrypt is slow on purpose: hash the staff password once, off the event loop, and share it. */
    private Uni<String> staffPasswordHash() {
        if (staffHash != null) {
            return Uni.createFrom().item(staffHash);
        }
        return Uni.createFrom().item(() -> PasswordHasher.hashNow(settings.staffPassword()))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .invoke(hash -> staffHash = hash);
    }

    static DepartmentRow department(Reference reference, String code) {
        return reference.departments().stream().filter(d -> d.code().equals(code)).findFirst()
                .orElse(reference.departments().get(0));
    }

    // ------------------------------------------------------------------ patients, in batches

    private Multi<String> patients(SeedPlan plan, Reference reference, Pin pin, Progress progress) {
        long[] first = new long[6];
        return writer.reserveIds("patient", plan.patients()).invoke(id -> first[0] = id)
                .chain(() -> writer.reserveIds("visit", plan.visits()).invoke(id -> first[1] = id))
                .chain(() -> writer.reserveIds("prescription", plan.prescriptions()).invoke(id -> first[2] = id))
                .chain(() -> writer.reserveIds("prescription_item", plan.items()).invoke(id -> first[3] = id))
                .chain(() -> writer.reserveIds("examination", plan.examinations()).invoke(id -> first[4] = id))
                .chain(() -> writer.reserveIds("vital_sign", plan.vitalSigns()).invoke(id -> first[5] = id))
                .map(last -> new IdBase(first[0], first[1], first[2], first[3], first[4], first[5]))
                .onItem().transformToMulti(ids -> {
                    FakeDataGenerator generator = new FakeDataGenerator(plan, ids, reference, pin);
                    int perBatch = (int) Math.max(1, Math.min(plan.patients(),
                            settings.batchRows() / Math.max(1, plan.rowsPerPatient())));
                    int batches = (plan.patients() + perBatch - 1) / perBatch;
                    progress.start();
                    return Multi.createFrom().range(0, batches)
                            .onItem().transformToUni(index -> Uni.createFrom().item(() -> {
                                        int from = index * perBatch;
                                        int to = Math.min(plan.patients(), from + perBatch);
                                        var batch = generator.batch(index, from, to);
                                        return new Object[]{batch, writer.batch(batch, Instant.now())};
                                    })
                                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                                    .chain(pair -> writer.execute((SeedWriter.Statements) pair[1])
                                            .map(v -> progress.add((SeedRows.Batch) pair[0],
                                                    (SeedWriter.Statements) pair[1]))))
                            .merge(Math.max(1, settings.concurrency()))
                            .select().where(line -> !line.isEmpty());
                });
    }

    /** Counts and rates for the progress lines; batches finish on several threads. */
    static final class Progress {
        private final SeedPlan plan;
        private final long startedAt = System.nanoTime();
        private volatile long patientsStartedAt;
        private final AtomicLong patients = new AtomicLong();
        private final AtomicLong visits = new AtomicLong();
        private final AtomicLong prescriptions = new AtomicLong();
        private final AtomicLong items = new AtomicLong();
        private final AtomicLong examinations = new AtomicLong();
        private final AtomicLong vitals = new AtomicLong();
        private final AtomicLong rows = new AtomicLong();
        private final AtomicLong events = new AtomicLong();
        private final AtomicLong lastLine = new AtomicLong();
        private volatile int staff;

        Progress(SeedPlan plan) {
            this.plan = plan;
        }

        String header() {
            return String.format(Locale.ROOT, "seeding %,d patients (%s, seed %d): %,d visits, %,d prescriptions with "
                            + "%,d items, %,d examinations, %,d vital signs", plan.patients(), plan.locale().code(),
                    plan.seed(), plan.visits(), plan.prescriptions(), plan.items(), plan.examinations(),
                    plan.vitalSigns());
        }

        String reference(Reference reference) {
            staff = reference.createdStaff();
            return String.format(Locale.ROOT, "hospital %d %s: %d departments, %d doctors, %d nurses, %d pharmacists, "
                            + "%d technicians; %d drugs in the catalogue", reference.hospital().id(),
                    reference.hospital().name(), reference.departments().size(), reference.doctors().size(),
                    reference.nurses().size(), reference.pharmacists().size(), reference.technicians().size(),
                    reference.drugs().size());
        }

        void start() {
            patientsStartedAt = System.nanoTime();
            lastLine.set(patientsStartedAt);
        }

        /** A progress line at most once a second (and for the last batch), else "". */
        String add(SeedRows.Batch batch, SeedWriter.Statements statements) {
            long done = patients.addAndGet(batch.patients().size());
            visits.addAndGet(batch.visits().size());
            prescriptions.addAndGet(batch.prescriptions().size());
            items.addAndGet(batch.itemCount());
            examinations.addAndGet(batch.examinations().size());
            vitals.addAndGet(batch.vitalSigns().size());
            rows.addAndGet(statements.rowCount());
            events.addAndGet(statements.eventCount());
            long now = System.nanoTime();
            long previous = lastLine.get();
            boolean last = done >= plan.patients();
            if (!last && (now - previous < 1_000_000_000L || !lastLine.compareAndSet(previous, now))) {
                return "";
            }
            double seconds = Math.max(1e-3, (now - patientsStartedAt) / 1e9);
            double rate = done / seconds;
            double eta = (plan.patients() - done) / Math.max(rate, 1e-9);
            return String.format(Locale.ROOT, "%,d/%,d patients (%.0f%%), %,d items, %,d rows + %,d change events, "
                            + "%,.0f rows/s, ETA %.0f s", done, plan.patients(), 100.0 * done / plan.patients(),
                    items.get(), rows.get(), events.get(), (rows.get() + events.get()) / seconds, eta);
        }

        String summary() {
            double seconds = (System.nanoTime() - startedAt) / 1e9;
            return String.format(Locale.ROOT, "done: %,d patients, %,d visits, %,d prescriptions, %,d prescription "
                            + "items, %,d examinations, %,d vital signs, %,d staff; %,d rows and %,d change events in "
                            + "%.1f s", patients.get(), visits.get(), prescriptions.get(), items.get(),
                    examinations.get(), vitals.get(), staff, rows.get(), events.get(), seconds);
        }
    }
}
