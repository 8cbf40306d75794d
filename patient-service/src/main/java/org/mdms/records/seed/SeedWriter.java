package org.mdms.records.seed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.mdms.records.changes.ChangeFeed.EntityType;
import org.mdms.records.department.DepartmentDtos.DepartmentChange;
import org.mdms.records.drug.DrugDtos.DrugChange;
import org.mdms.records.seed.SeedRows.Batch;
import org.mdms.records.seed.SeedRows.DepartmentRow;
import org.mdms.records.seed.SeedRows.DrugRow;
import org.mdms.records.seed.SeedRows.ExaminationRow;
import org.mdms.records.seed.SeedRows.HospitalRow;
import org.mdms.records.seed.SeedRows.ItemRow;
import org.mdms.records.seed.SeedRows.PatientRow;
import org.mdms.records.seed.SeedRows.PrescriptionRow;
import org.mdms.records.seed.SeedRows.StaffRow;
import org.mdms.records.seed.SeedRows.UserRow;
import org.mdms.records.seed.SeedRows.VisitRow;
import org.mdms.records.seed.SeedRows.VitalSignRow;
import org.mdms.records.staff.Staff;
import org.mdms.records.staff.StaffDtos.StaffChange;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes generated rows with multi-row INSERTs through the reactive MySQL client, one transaction per batch, with
 * the batch's change events in the same transaction.
 * <p>
 * Change events take their sequence numbers the way {@code ChangeFeed.append} does, but a block at a time: the
 * batch's rows go in first, then {@code UPDATE change_sequence SET last_seq = LAST_INSERT_ID(last_seq + n)} locks
 * the sequence row and reserves n numbers, and the events are inserted as {@code LAST_INSERT_ID() - n + k}. The lock
 * is held only for the event INSERTs and the commit, so concurrent batches (and the API's writers) queue briefly,
 * and the feed's rule holds: numbers become visible in order, none is skipped.
 */
@ApplicationScoped
public class SeedWriter {

    private static final Logger LOG = Logger.getLogger(SeedWriter.class);
    static final int ROWS_PER_STATEMENT = 1000;
    static final int EVENTS_PER_STATEMENT = 500;

    private final Pool pool;
    private final ObjectMapper json;

    SeedWriter(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /** SQL for one transaction: the rows, then the events that must follow the sequence reservation. */
    record Statements(List<String> rows, List<String> events, long rowCount, int eventCount) {
    }

    // ------------------------------------------------------------------ ids

    /**
     * Takes the next {@code count} ids of a table for this run: reads MAX(id) and moves the table's AUTO_INCREMENT
     * past the block, so rows created meanwhile through the API get ids after it instead of colliding with ours.
     */
    public Uni<Long> reserveIds(String table, long count) {
        return pool.query("SELECT COALESCE(MAX(id), 0) AS last FROM " + table).execute()
                .map(rows -> rows.iterator().next().getLong("last") + 1)
                .call(first -> count == 0 ? Uni.createFrom().voidItem()
                        : pool.query("ALTER TABLE " + table + " AUTO_INCREMENT = " + (first + count)).execute()
                        .onFailure().invoke(e -> LOG.warnf("cannot move %s's AUTO_INCREMENT (%s); ids stay unreserved",
                                table, e.getMessage()))
                        .onFailure().recoverWithNull()
                        .replaceWithVoid());
    }

    public Uni<Long> count(String table) {
        return pool.query("SELECT COUNT(*) AS n FROM " + table).execute()
                .map(rows -> rows.iterator().next().getLong("n"));
    }

    // ------------------------------------------------------------------ the drug catalogue

    /** Inserts the catalogue's drugs whose code is not there yet (with DRUG events); answers every active drug. */
    public Uni<List<DrugRow>> ensureDrugCatalogue(Instant now) {
        List<DrugRow> catalogue = DrugCatalogue.load();
        return pool.query("SELECT code FROM drug").execute()
                .map(rows -> {
                    java.util.Set<String> present = new java.util.HashSet<>();
                    rows.forEach(row -> present.add(row.getString("code")));
                    return catalogue.stream().filter(d -> !present.contains(d.code())).toList();
                })
                .chain(missing -> missing.isEmpty() ? Uni.createFrom().voidItem()
                        : reserveIds("drug", missing.size()).chain(first -> {
                    List<DrugRow> rows = new ArrayList<>();
                    for (int i = 0; i < missing.size(); i++) {
                        DrugRow d = missing.get(i);
                        rows.add(new DrugRow(first + i, d.code(), d.name(), d.genericName(), d.category(),
                                d.dosageForm(), d.strength(), d.unit(), d.price(), d.manufacturer()));
                    }
                    LOG.infof("loading %d drugs of the catalogue", rows.size());
                    return execute(drugs(rows, now));
                }))
                .chain(() -> pool.query("""
                        SELECT id, code, name, generic_name, category, dosage_form, strength, unit, price, manufacturer
                        FROM drug WHERE active = TRUE ORDER BY id""").execute())
                .map(rows -> {
                    List<DrugRow> drugs = new ArrayList<>();
                    for (Row r : rows) {
                        drugs.add(new DrugRow(r.getLong("id"), r.getString("code"), r.getString("name"),
                                r.getString("generic_name"), r.getString("category"), r.getString("dosage_form"),
                                r.getString("strength"), r.getString("unit"), r.getBigDecimal("price"),
                                r.getString("manufacturer")));
                    }
                    if (drugs.isEmpty()) {
                        throw new IllegalStateException("the drug catalogue has no active drug to prescribe");
                    }
                    return drugs;
                });
    }

    Statements drugs(List<DrugRow> drugs, Instant now) {
        SqlValues rows = new SqlValues("drug", "id, code, name, generic_name, category, dosage_form, strength, unit, "
                + "price, manufacturer, active, created_at, updated_at, version", ROWS_PER_STATEMENT);
        Events events = new Events(now);
        for (DrugRow d : drugs) {
            rows.row().add(d.id()).add(d.code()).add(d.name()).add(d.genericName()).add(d.category())
                    .add(d.dosageForm()).add(d.strength()).add(d.unit()).add(d.price()).add(d.manufacturer())
                    .add(true).add(now).add(now).add(0L).end();
            events.add(EntityType.DRUG, d.id(), new DrugChange(d.id(), d.code(), d.name(), d.genericName(),
                    d.category(), d.dosageForm(), d.strength(), d.unit(), d.price(), true));
        }
        return events.statements(rows.statements(), rows.rowCount());
    }

    // ------------------------------------------------------------------ the hospital

    Statements hospital(HospitalRow hospital, List<DepartmentRow> departments, List<UserRow> users,
                        List<StaffRow> staff, String passwordHash, Instant now) {
        List<String> sql = new ArrayList<>();
        long count = 0;
        Events events = new Events(now);
        if (hospital != null) {
            SqlValues h = new SqlValues("hospital", "id, code, name, address, phone, created_at, updated_at, version",
                    ROWS_PER_STATEMENT);
            h.row().add(hospital.id()).add(hospital.code()).add(hospital.name()).add(hospital.address())
                    .add(hospital.phone()).add(now).add(now).add(0L).end();
            sql.addAll(h.statements());
            count++;
        }
        if (!departments.isEmpty()) {
            SqlValues d = new SqlValues("department", "id, hospital_id, code, name, description, created_at, "
                    + "updated_at, version", ROWS_PER_STATEMENT);
            for (DepartmentRow row : departments) {
                d.row().add(row.id()).add(row.hospitalId()).add(row.code()).add(row.name()).add(row.description())
                        .add(now).add(now).add(0L).end();
                events.add(EntityType.DEPARTMENT, row.id(),
                        new DepartmentChange(row.id(), row.hospitalId(), row.code(), row.name()));
            }
            sql.addAll(d.statements());
            count += d.rowCount();
        }
        if (!users.isEmpty()) {
            SqlValues u = new SqlValues("user_account", "id, username, password_hash, role, display_name, enabled, "
                    + "created_at, updated_at, version", ROWS_PER_STATEMENT);
            for (UserRow row : users) {
                u.row().add(row.id()).add(row.username()).add(passwordHash).add(row.role()).add(row.displayName())
                        .add(true).add(now).add(now).add(0L).end();
            }
            sql.addAll(u.statements());
            count += u.rowCount();
        }
        if (!staff.isEmpty()) {
            SqlValues s = new SqlValues("staff", "id, user_id, department_id, staff_no, name, kind, title, phone, "
                    + "email, active, created_at, updated_at, version", ROWS_PER_STATEMENT);
            for (StaffRow row : staff) {
                s.row().add(row.id()).add(row.userId()).add(row.departmentId()).add(row.staffNo()).add(row.name())
                        .add(row.kind()).add(row.title()).add(row.phone()).add(row.email()).add(true).add(now)
                        .add(now).add(0L).end();
                events.add(EntityType.STAFF, row.id(), new StaffChange(row.id(), row.userId(), row.departmentId(),
                        Staff.Kind.valueOf(row.kind()), row.name(), row.title(), true));
            }
            sql.addAll(s.statements());
            count += s.rowCount();
        }
        return events.statements(sql, count);
    }

    // ------------------------------------------------------------------ patients and their care

    /** The SQL of one batch; built on a worker thread, it is the CPU-heavy half of seeding. */
    Statements batch(Batch batch, Instant now) {
        Events events = new Events(now);
        SqlValues patients = new SqlValues("patient", "id, user_id, mrn, name, gender, birth_date, id_number, phone, "
                + "email, address, blood_type, allergies, emergency_contact_name, emergency_contact_phone, "
                + "created_at, updated_at, version", ROWS_PER_STATEMENT);
        for (PatientRow p : batch.patients()) {
            patients.row().add(p.id()).add(p.userId()).add(p.mrn()).add(p.name()).add(p.gender()).add(p.birthDate())
                    .add(p.idNumber()).add(p.phone()).add(p.email()).add(p.address()).add(p.bloodType())
                    .add(p.allergies()).add(p.emergencyContactName()).add(p.emergencyContactPhone()).add(now)
                    .add(now).add(0L).end();
            events.addJson(EntityType.PATIENT, p.id(), PayloadJson.patient(p));
        }
        SqlValues visits = new SqlValues("visit", "id, patient_id, doctor_id, department_id, type, status, "
                + "started_at, ended_at, chief_complaint, diagnosis, diagnosis_code, created_at, updated_at, version",
                ROWS_PER_STATEMENT);
        for (VisitRow v : batch.visits()) {
            visits.row().add(v.id()).add(v.patientId()).add(v.doctorId()).add(v.departmentId()).add(v.type())
                    .add(v.status()).add(v.startedAt()).add(v.endedAt()).add(v.chiefComplaint()).add(v.diagnosis())
                    .add(v.diagnosisCode()).add(v.startedAt()).add(v.endedAt() == null ? v.startedAt() : v.endedAt())
                    .add(0L).end();
            events.addJson(EntityType.VISIT, v.id(), PayloadJson.visit(v));
        }
        SqlValues prescriptions = new SqlValues("prescription", "id, visit_id, doctor_id, pharmacist_id, status, "
                + "issued_at, dispensed_at, cancelled_at, cancel_reason, total_amount, created_at, updated_at, version",
                ROWS_PER_STATEMENT);
        SqlValues items = new SqlValues("prescription_item", "id, prescription_id, drug_id, quantity, dosage, "
                + "frequency, days, unit_price, amount", ROWS_PER_STATEMENT);
        for (PrescriptionRow p : batch.prescriptions()) {
            Instant updated = p.dispensedAt() != null ? p.dispensedAt()
                    : p.cancelledAt() != null ? p.cancelledAt() : p.issuedAt();
            prescriptions.row().add(p.id()).add(p.visitId()).add(p.doctorId()).add(p.pharmacistId()).add(p.status())
                    .add(p.issuedAt()).add(p.dispensedAt()).add(p.cancelledAt()).add(p.cancelReason())
                    .add(p.totalAmount()).add(p.issuedAt()).add(updated).add(0L).end();
            for (ItemRow i : p.items()) {
                items.row().add(i.id()).add(i.prescriptionId()).add(i.drugId()).add((long) i.quantity())
                        .add(i.dosage()).add(i.frequency()).add((long) i.days()).add(i.unitPrice()).add(i.amount())
                        .end();
            }
            events.addJson(EntityType.PRESCRIPTION, p.id(), PayloadJson.prescription(p));
        }
        SqlValues examinations = new SqlValues("examination", "id, visit_id, technician_id, item, result, unit, "
                + "reference_range, abnormal, performed_at, created_at, updated_at, version", ROWS_PER_STATEMENT);
        for (ExaminationRow e : batch.examinations()) {
            examinations.row().add(e.id()).add(e.visitId()).add(e.technicianId()).add(e.item()).add(e.result())
                    .add(e.unit()).add(e.referenceRange()).add(e.abnormal()).add(e.performedAt()).add(e.performedAt())
                    .add(e.performedAt()).add(0L).end();
            events.addJson(EntityType.EXAMINATION, e.id(), PayloadJson.examination(e));
        }
        SqlValues vitals = new SqlValues("vital_sign", "id, patient_id, visit_id, type, value, secondary_value, unit, "
                + "abnormal, measured_at, recorded_by, created_at", ROWS_PER_STATEMENT);
        for (VitalSignRow s : batch.vitalSigns()) {
            vitals.row().add(s.id()).add(s.patientId()).add(s.visitId()).add(s.type()).add(s.value())
                    .add(s.secondaryValue()).add(s.unit()).add(s.abnormal()).add(s.measuredAt()).add("seed")
                    .add(s.measuredAt()).end();
            events.addJson(EntityType.VITAL_SIGN, s.id(), PayloadJson.vitalSign(s));
        }
        List<String> sql = new ArrayList<>();
        // parents before children, so every foreign key is satisfied inside the transaction
        for (SqlValues table : List.of(patients, visits, prescriptions, items, examinations, vitals)) {
            sql.addAll(table.statements());
        }
        long count = patients.rowCount() + visits.rowCount() + prescriptions.rowCount() + items.rowCount()
                + examinations.rowCount() + vitals.rowCount();
        return events.statements(sql, count);
    }

    /** Runs one transaction: the rows, then the sequence reservation and the events, then commit. */
    public Uni<Void> execute(Statements statements) {
        return pool.withTransaction(connection -> run(connection, statements.rows(), 0)
                .chain(() -> statements.eventCount() == 0 ? Uni.createFrom().voidItem()
                        : connection.query("UPDATE change_sequence SET last_seq = LAST_INSERT_ID(last_seq + "
                                + statements.eventCount() + ") WHERE id = 1").execute().replaceWithVoid())
                .chain(() -> run(connection, statements.events(), 0)));
    }

    private static Uni<Void> run(SqlConnection connection, List<String> sql, int from) {
        if (from >= sql.size()) {
            return Uni.createFrom().voidItem();
        }
        return connection.query(sql.get(from)).execute().chain(() -> run(connection, sql, from + 1));
    }

    /** Change events of one transaction, numbered LAST_INSERT_ID() - n + 1 ... LAST_INSERT_ID(). */
    private final class Events {
        private final Instant now;
        private final List<Object[]> pending = new ArrayList<>();

        Events(Instant now) {
            this.now = now;
        }

        void add(EntityType type, long id, Object payload) {
            addJson(type, id, toJson(payload));
        }

        void addJson(EntityType type, long id, String payload) {
            pending.add(new Object[]{type, id, payload});
        }

        Statements statements(List<String> rows, long rowCount) {
            int n = pending.size();
            SqlValues events = new SqlValues("change_event", "seq, entity_type, entity_id, operation, occurred_at, "
                    + "payload", EVENTS_PER_STATEMENT);
            for (int k = 0; k < n; k++) {
                Object[] event = pending.get(k);
                events.row().expression("LAST_INSERT_ID()-" + (n - 1 - k)).add(((EntityType) event[0]).name())
                        .add((long) event[1]).add("UPSERT").add(now).add((String) event[2]).end();
            }
            return new Statements(rows, events.statements(), rowCount, n);
        }
    }

    private String toJson(Object payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise change payload", e);
        }
    }
}
