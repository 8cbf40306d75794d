package org.mdms.records.patient;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;
import org.mdms.records.audit.AuditLog;
import org.mdms.records.audit.AuditLog.Action;
import org.mdms.records.auth.Caller;
import org.mdms.records.auth.Role;
import org.mdms.records.auth.UserAccountRepository;
import org.mdms.records.changes.ChangeFeed;
import org.mdms.records.common.DomainException;
import org.mdms.records.common.Page;
import org.mdms.records.common.PageRequest;
import org.mdms.records.patient.PatientDtos.PatientAccess;
import org.mdms.records.patient.PatientDtos.PatientChange;
import org.mdms.records.patient.PatientDtos.PatientRequest;
import org.mdms.records.patient.PatientDtos.PatientView;
import org.mdms.records.patient.PatientDtos.Relation;

@ApplicationScoped
public class PatientService {

    private static final String RESOURCE = "PATIENT";

    private final PatientRepository patients;
    private final UserAccountRepository users;
    private final AuditLog audit;
    private final ChangeFeed changes;

    PatientService(PatientRepository patients, UserAccountRepository users, AuditLog audit, ChangeFeed changes) {
        this.patients = patients;
        this.users = users;
        this.audit = audit;
        this.changes = changes;
    }

    @WithTransaction
    public Uni<Page<PatientView>> search(PatientRepository.Criteria criteria, PageRequest page, Caller caller) {
        if (criteria.includeDeleted() && !caller.is(Role.ADMIN)) {
            throw DomainException.forbidden("only admins may list deleted patients");
        }
        return Page.of(patients.search(criteria, page.sort()), page, PatientView::of)
                .call(result -> Panache.getSession().chain(session -> audit.record(session, caller, Action.SEARCH,
                        RESOURCE, null, null, describe(criteria) + " -> " + result.totalItems() + " found")));
    }

    @WithTransaction
    public Uni<PatientView> get(long id, Caller caller) {
        caller.checkMayAccessPatient(id);
        return findVisible(id, caller)
                .call(patient -> auditOf(caller, Action.READ, patient, null))
                .map(PatientView::of);
    }

    @WithTransaction
    public Uni<PatientView> create(PatientRequest request, Caller caller) {
        Patient patient = new Patient();
        apply(patient, request);
        return checkUser(request.userId())
                .chain(() -> checkMrnFree(request.mrn(), null))
                .chain(() -> patients.persist(patient))
                .call(saved -> auditOf(caller, Action.CREATE, saved, null))
                .call(saved -> publish(saved))
                .map(PatientView::of);
    }

    @WithTransaction
    public Uni<PatientView> update(long id, PatientRequest request, Caller caller) {
        return findVisible(id, caller)
                .call(patient -> java.util.Objects.equals(patient.getUserId(), request.userId())
                        ? Uni.createFrom().voidItem() : checkUser(request.userId()))
                .call(patient -> checkMrnFree(request.mrn(), patient.getId()))
                .invoke(patient -> apply(patient, request))
                .call(patient -> auditOf(caller, Action.UPDATE, patient, null))
                .call(this::publish)
                .map(PatientView::of);
    }

    @WithTransaction
    public Uni<PatientView> delete(long id, String reason, Caller caller) {
        return find(id)
                .invoke(patient -> {
                    if (patient.isDeleted()) {
                        throw DomainException.conflict(null, "patient " + id + " is already deleted");
                    }
                    patient.softDelete(caller.username(), reason);
                })
                .call(patient -> auditOf(caller, Action.DELETE, patient, reason))
                .call(this::publish)
                .map(PatientView::of);
    }

    @WithTransaction
    public Uni<PatientView> restore(long id, Caller caller) {
        return find(id)
                .invoke(patient -> {
                    if (!patient.isDeleted()) {
                        throw DomainException.conflict(null, "patient " + id + " is not deleted");
                    }
                    patient.restore();
                })
                .call(patient -> auditOf(caller, Action.RESTORE, patient, null))
                .call(this::publish)
                .map(PatientView::of);
    }

    /**
     * How the caller relates to the patient; other services use it to decide who may see private data. Read-only
     * and not audited (it answers a question about the caller, not the record), so no transaction: imaging-service
     * asks it on every upload and every private image read.
     */
    @WithSession
    public Uni<PatientAccess> access(long id, Caller caller) {
        return find(id).chain(patient -> relation(patient, caller)
                .map(relation -> new PatientAccess(id, relation, patient.isDeleted())));
    }

    private Uni<Relation> relation(Patient patient, Caller caller) {
        if (caller.role() == null) {
            return Uni.createFrom().item(Relation.NONE);
        }
        return switch (caller.role()) {
            case ADMIN -> Uni.createFrom().item(Relation.ADMIN);
            case PATIENT -> Uni.createFrom().item(
                    patient.getId().equals(caller.patientId()) ? Relation.SELF : Relation.NONE);
            case ANALYST -> Uni.createFrom().item(Relation.NONE);
            default -> caller.staffId() == null ? Uni.createFrom().item(Relation.STAFF)
                    : Panache.getSession().chain(session -> treats(session, patient.getId(), caller.staffId()))
                    .map(treating -> treating ? Relation.TREATING : Relation.STAFF);
        };
    }

    /** Doctor of a visit, technician of an examination, pharmacist of a prescription, or nurse of the department. */
    private static Uni<Boolean> treats(Mutiny.Session session, long patientId, long staffId) {
        return session.createNativeQuery("""
                        SELECT EXISTS (SELECT 1 FROM visit v WHERE v.patient_id = ?1 AND v.doctor_id = ?2)
                            OR EXISTS (SELECT 1 FROM examination e JOIN visit v ON v.id = e.visit_id
                                       WHERE v.patient_id = ?1 AND e.technician_id = ?2)
                            OR EXISTS (SELECT 1 FROM prescription p JOIN visit v ON v.id = p.visit_id
                                       WHERE v.patient_id = ?1 AND p.pharmacist_id = ?2)
                            OR EXISTS (SELECT 1 FROM staff s JOIN visit v ON v.department_id = s.department_id
                                       WHERE s.id = ?2 AND s.kind = 'NURSE' AND v.patient_id = ?1)""", Object.class)
                .setParameter(1, patientId)
                .setParameter(2, staffId)
                .getSingleResult()
                .map(value -> value instanceof Number n ? n.intValue() != 0 : Boolean.TRUE.equals(value));
    }

    public Uni<Patient> find(long id) {
        return patients.findById(id).onItem().ifNull().failWith(() -> DomainException.notFound("patient", id));
    }

    /** Deleted patients exist only for admins. */
    private Uni<Patient> findVisible(long id, Caller caller) {
        return find(id).invoke(patient -> {
            if (patient.isDeleted() && !caller.is(Role.ADMIN)) {
                throw DomainException.notFound("patient", id);
            }
        });
    }

    private Uni<Void> checkUser(Long userId) {
        if (userId == null) {
            return Uni.createFrom().voidItem();
        }
        return users.findById(userId).onItem().ifNull()
                .failWith(() -> DomainException.unknownReference("userId", "user", userId))
                .invoke(user -> {
                    if (user.getRole() != Role.PATIENT) {
                        throw new DomainException(422, "Unprocessable Content", "user " + userId + " is not a "
                                + "PATIENT account", java.util.List.of(new DomainException.FieldError("userId",
                                "must be a user with role PATIENT")));
                    }
                })
                .replaceWithVoid();
    }

    private Uni<Void> checkMrnFree(String mrn, Long ownId) {
        return patients.find("mrn", mrn).firstResult().invoke(existing -> {
            if (existing != null && !existing.getId().equals(ownId)) {
                throw DomainException.conflict("mrn", "MRN " + mrn + " is already in use");
            }
        }).replaceWithVoid();
    }

    private Uni<Void> auditOf(Caller caller, Action action, Patient patient, String detail) {
        return Panache.getSession().chain(session -> audit.record(session, caller, action, RESOURCE,
                patient.getId(), patient.getId(), detail));
    }

    private Uni<Void> publish(Patient patient) {
        return Panache.getSession().chain(session -> changes.append(session, ChangeFeed.EntityType.PATIENT,
                patient.getId(), patient.isDeleted() ? ChangeFeed.Operation.DELETE : ChangeFeed.Operation.UPSERT,
                PatientChange.of(patient)));
    }

    private static String describe(PatientRepository.Criteria c) {
        StringBuilder text = new StringBuilder("search");
        if (c.search() != null) text.append(" q=").append(c.search());
        if (c.name() != null) text.append(" name=").append(c.name());
        if (c.mrn() != null) text.append(" mrn=").append(c.mrn());
        if (c.phone() != null) text.append(" phone=").append(c.phone());
        if (c.idNumber() != null) text.append(" idNumber=").append(c.idNumber());
        return text.toString();
    }

    private static void apply(Patient patient, PatientRequest request) {
        patient.setUserId(request.userId());
        patient.setMrn(request.mrn());
        patient.setName(request.name());
        patient.setGender(request.gender());
        patient.setBirthDate(request.birthDate());
        patient.setIdNumber(request.idNumber());
        patient.setPhone(request.phone());
        patient.setEmail(request.email());
        patient.setAddress(request.address());
        patient.setBloodType(request.bloodType());
        patient.setAllergies(request.allergies());
        patient.setEmergencyContactName(request.emergencyContactName());
        patient.setEmergencyContactPhone(request.emergencyContactPhone());
    }
}
