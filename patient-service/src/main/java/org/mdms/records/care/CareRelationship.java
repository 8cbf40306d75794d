package org.mdms.records.care;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.records.auth.Caller;
import org.mdms.records.common.DomainException;

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

    private static final String QUERY = """
            SELECT CASE
                WHEN s.kind IN ('DOCTOR', 'NURSE', 'TECHNICIAN') AND (
                     EXISTS (SELECT 1 FROM visit v WHERE v.patient_id = ?1
                             AND (v.doctor_id = s.id OR (v.status = 'OPEN' AND v.department_id = s.department_id)))
                  OR EXISTS (SELECT 1 FROM examination e JOIN visit v ON v.id = e.visit_id
                             WHERE e.technician_id = s.id AND v.patient_id = ?1)) THEN 'TREATING'
                WHEN EXISTS (SELECT 1 FROM emergency_access g
                             WHERE g.patient_id = ?1 AND g.user_id = ?3 AND g.expires_at > ?4) THEN 'EMERGENCY'
                WHEN s.kind = 'PHARMACIST' AND EXISTS (SELECT 1 FROM prescription p JOIN visit v ON v.id = p.visit_id
                             WHERE v.patient_id = ?1 AND (p.status = 'ISSUED' OR p.pharmacist_id = s.id))
                     THEN 'DISPENSING'
                ELSE 'STAFF' END
            FROM (SELECT 1 AS one) caller LEFT JOIN staff s ON s.id = ?2 AND s.active""";

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
            default -> Panache.getSession().chain(session -> session.createNativeQuery(QUERY, Object.class)
                            .setParameter(1, patientId)
                            .setParameter(2, caller.staffId() == null ? -1L : caller.staffId())
                            .setParameter(3, caller.userId() == null ? -1L : caller.userId())
                            .setParameter(4, Instant.now())
                            .getSingleResult())
                    .map(answer -> Relation.valueOf(answer.toString()));
        };
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
