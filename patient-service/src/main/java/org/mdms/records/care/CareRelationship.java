package org.mdms.records.care;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;
import org.mdms.records.auth.Caller;
import org.mdms.records.auth.Role;
import org.mdms.common.DomainException;

import java.time.Instant;

/**
 * The care relationship, defined once. A staff member treats a patient when they are the doctor of any visit of
 * the patient, a doctor, nurse or technician of the department of one of the patient's OPEN visits, or the
 * technician of one of the patient's examinations; a break-the-glass grant counts as treating until it expires.
 * A pharmacist relates to a patient only for dispensing: the patient has an ISSUED prescription or one the
 * pharmacist dispensed. Staff get the answer from one indexed query; other roles need none.
 */
@ApplicationScoped
public class CareRelationship {

    private static final String TREATS = """
            s.kind IN ('DOCTOR', 'NURSE', 'TECHNICIAN') AND (
                 EXISTS (SELECT 1 FROM visit v WHERE v.patient_id = ?1
                         AND (v.doctor_id = s.id OR (v.status = 'OPEN' AND v.department_id = s.department_id)))
              OR EXISTS (SELECT 1 FROM examination e JOIN visit v ON v.id = e.visit_id
                         WHERE e.technician_id = s.id AND v.patient_id = ?1))""";

    private static final String EMERGENCY = """
            EXISTS (SELECT 1 FROM emergency_access g WHERE g.patient_id = ?1 AND g.user_id = ?3 AND g.expires_at > ?4)""";

    private static final String QUERY = """
            SELECT CASE
                WHEN %s THEN 'TREATING'
                WHEN %s THEN 'EMERGENCY'
                WHEN s.kind = 'PHARMACIST' AND EXISTS (SELECT 1 FROM prescription p JOIN visit v ON v.id = p.visit_id
                             WHERE v.patient_id = ?1 AND (p.status = 'ISSUED' OR p.pharmacist_id = s.id))
                     THEN 'DISPENSING'
                ELSE 'STAFF' END
            FROM (SELECT 1 AS one) caller LEFT JOIN staff s ON s.id = ?2 AND s.active""".formatted(TREATS, EMERGENCY);

    /**
     * The same rule without the dispensing branch, for callers whose token says DOCTOR, NURSE or TECHNICIAN: MariaDB
     * plans every subquery of a statement on every execution, and planning (not running) is most of its cost. A
     * staff row of kind PHARMACIST answers UNDECIDED and is asked the whole rule, so the answer is always
     * {@link #QUERY}'s. Columns of {@code s} (the caller's active staff row, joined on ?2); ?1 the patient, ?3 the
     * user, ?4 now.
     */
    public static final String CLINICAL_ANSWER = """
            CASE WHEN %s THEN 'TREATING'
                 WHEN %s THEN 'EMERGENCY'
                 WHEN s.kind = 'PHARMACIST' THEN 'UNDECIDED'
                 ELSE 'STAFF' END""".formatted(TREATS, EMERGENCY);

    private static final String CLINICAL_QUERY = "SELECT " + CLINICAL_ANSWER
            + " FROM (SELECT 1 AS one) caller LEFT JOIN staff s ON s.id = ?2 AND s.active";

    private static final String UNDECIDED = "UNDECIDED";

    /** How the caller relates to the patient; needs an open session (every service method has one). */
    public Uni<Relation> of(long patientId, Caller caller) {
        if (caller.role() == null) {
            return Uni.createFrom().item(Relation.NONE);
        }
        return switch (caller.role()) {
            case ADMIN -> Uni.createFrom().item(Relation.ADMIN);
            case PATIENT -> Uni.createFrom().item(caller.patientId() != null && caller.patientId() == patientId
                    ? Relation.SELF : Relation.NONE);
            case ANALYST -> Uni.createFrom().item(Relation.NONE);
            case DOCTOR, NURSE, TECHNICIAN -> ask(CLINICAL_QUERY, patientId, caller)
                    .chain(answer -> fromClinicalAnswer(answer, patientId, caller));
            default -> ask(QUERY, patientId, caller).map(answer -> Relation.valueOf(answer.toString()));
        };
    }

    /** Whether {@link #of} would ask the database for this caller, i.e. whether {@link #CLINICAL_ANSWER} applies. */
    public static boolean answersInSql(Caller caller) {
        return caller.role() == Role.DOCTOR || caller.role() == Role.NURSE || caller.role() == Role.TECHNICIAN;
    }

    /** Binds ?2 (staff), ?3 (user) and ?4 (now) of {@link #CLINICAL_ANSWER}; ?1 is the patient. */
    public static <Q extends Mutiny.AbstractQuery> Q bindCaller(Q query, Caller caller) {
        query.setParameter(2, caller.staffId() == null ? -1L : caller.staffId());
        query.setParameter(3, caller.userId() == null ? -1L : caller.userId());
        query.setParameter(4, Instant.now());
        return query;
    }

    /** The relation a {@link #CLINICAL_ANSWER} stands for; UNDECIDED (a pharmacist's staff row) asks the whole rule. */
    public Uni<Relation> fromClinicalAnswer(Object answer, long patientId, Caller caller) {
        return UNDECIDED.equals(answer.toString())
                ? ask(QUERY, patientId, caller).map(whole -> Relation.valueOf(whole.toString()))
                : Uni.createFrom().item(Relation.valueOf(answer.toString()));
    }

    private static Uni<Object> ask(String query, long patientId, Caller caller) {
        return Panache.getSession().chain(session -> bindCaller(session.createNativeQuery(query, Object.class)
                .setParameter(1, patientId), caller).getSingleResult());
    }

    /** Visits, examinations, vital signs: the patient, treating staff (or break-the-glass) and admins; else 403. */
    public Uni<Relation> requireClinical(long patientId, Caller caller) {
        return of(patientId, caller).invoke(relation -> {
            if (!relation.readsClinical()) {
                throw refused(patientId, caller);
            }
        });
    }

    /** Prescriptions: as clinical, plus pharmacists dispensing for the patient. */
    public Uni<Relation> requirePrescriptions(long patientId, Caller caller) {
        return of(patientId, caller).invoke(relation -> {
            if (!relation.readsPrescriptions()) {
                throw refused(patientId, caller);
            }
        });
    }

    /** New clinical data: treating staff (or break-the-glass) and admins. */
    public Uni<Relation> requireWrite(long patientId, Caller caller) {
        return of(patientId, caller).invoke(relation -> {
            if (!relation.writesClinical()) {
                throw refused(patientId, caller);
            }
        });
    }

    private static DomainException refused(long patientId, Caller caller) {
        return DomainException.forbidden(caller.role() != null && caller.role().isStaff()
                ? "you do not treat patient " + patientId + "; in an emergency, request break-the-glass access "
                + "(POST /api/v1/patients/" + patientId + "/emergency-access with a reason)"
                : "patients may only access their own records");
    }
}
