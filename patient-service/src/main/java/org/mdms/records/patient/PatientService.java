package org.mdms.records.patient;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.records.audit.AuditLog;
import org.mdms.records.audit.AuditLog.Action;
import org.mdms.records.auth.Caller;
import org.mdms.records.auth.Role;
import org.mdms.records.auth.UserAccountRepository;
import org.mdms.records.care.CareRelationship;
import org.mdms.records.care.ConfirmedCare;
import org.mdms.records.care.Relation;
import org.mdms.records.changes.ChangeFeed;
import org.mdms.common.DomainException;
import org.mdms.records.common.Page;
import org.mdms.common.PageRequest;
import org.mdms.records.patient.PatientDtos.PatientAccess;
import org.mdms.records.patient.PatientDtos.Detail;
import org.mdms.records.patient.PatientDtos.PatientChange;
import org.mdms.records.patient.PatientDtos.PatientRequest;
import org.mdms.records.patient.PatientDtos.PatientView;

@ApplicationScoped
public class PatientService {

    private static final String RESOURCE = "PATIENT";

    private final PatientRepository patients;
    private final UserAccountRepository users;
    private final AuditLog audit;
    private final ChangeFeed changes;
    private final CareRelationship care;
    private final ConfirmedCare confirmedCare;

    PatientService(PatientRepository patients, UserAccountRepository users, AuditLog audit, ChangeFeed changes,
                   CareRelationship care, ConfirmedCare confirmedCare) {
        this.patients = patients;
        this.users = users;
        this.audit = audit;
        this.changes = changes;
        this.care = care;
        this.confirmedCare = confirmedCare;
    }

    /** Admins get full rows; everyone else the LISTING view (enough to find a patient, nothing clinical). */
    @WithTransaction
    public Uni<Page<PatientView>> search(PatientRepository.Criteria criteria, PageRequest page, Caller caller) {
        if (criteria.includeDeleted() && !caller.is(Role.ADMIN)) {
            throw DomainException.forbidden("only admins may list deleted patients");
        }
        Detail detail = caller.is(Role.ADMIN) ? Detail.FULL : Detail.LISTING;
        return Page.of(patients.search(criteria, page.sort()), page, patient -> PatientView.of(patient, detail))
                .call(result -> Panache.getSession().chain(session -> audit.record(session, caller, Action.SEARCH,
                        RESOURCE, null, null, describe(criteria) + " -> " + result.totalItems() + " found")));
    }

    /**
     * The record in the view the caller's care relationship allows; staff who do not treat the patient: 403. A doctor,
     * nurse or technician gets the patient row and the care answer from one statement; a relationship confirmed in
     * the last {@code mdms.care.confirmed-for} (2 s) is not asked again ({@link ConfirmedCare}).
     */
    @WithTransaction
    public Uni<PatientView> get(long id, Caller caller) {
        caller.checkMayAccessPatient(id);
        Relation recent = confirmedCare.recent(caller, id);
        Uni<Seen> seen = recent != null
                ? findVisible(id, caller).map(patient -> new Seen(patient, recent))
                : CareRelationship.answersInSql(caller)
                ? patients.findWithCareAnswer(id, caller)
                        .onItem().ifNull().failWith(() -> DomainException.notFound("patient", id))
                        .invoke(row -> hideDeleted(row.patient(), caller))
                        .chain(row -> care.fromClinicalAnswer(row.careAnswer(), id, caller)
                                .map(relation -> new Seen(row.patient(), confirmedCare.remember(caller, id, relation))))
                : findVisible(id, caller).chain(patient -> care.of(id, caller)
                        .map(relation -> new Seen(patient, relation)));
        return seen.chain(found -> {
            Detail detail = detailFor(found.relation(), caller.role(), id);
            return auditOf(caller, Action.READ, found.patient(), detail == Detail.FULL ? null : detail.name())
                    .replaceWith(PatientView.of(found.patient(), detail));
        });
    }

    /** A patient and how the caller relates to them. */
    private record Seen(Patient patient, Relation relation) {
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

    /** Admins, or the doctor or nurse who treats the patient (the roles that see the full record). */
    @WithTransaction
    public Uni<PatientView> update(long id, PatientRequest request, Caller caller) {
        return findVisible(id, caller)
                .call(patient -> care.of(id, caller).invoke(relation -> {
                    if (detailFor(relation, caller.role(), id) != Detail.FULL) {
                        throw DomainException.forbidden("only admins and the doctor or nurse treating patient " + id
                                + " may change the record");
                    }
                }))
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
     * How the caller relates to the patient (the care relationship); other services use it to decide who may see
     * clinical data. Read-only and not audited (it answers a question about the caller, not the record), so no
     * transaction: imaging-service asks it on every upload and every private image read.
     */
    @WithSession
    public Uni<PatientAccess> access(long id, Caller caller) {
        return find(id).chain(patient -> care.of(id, caller)
                .map(relation -> new PatientAccess(id, relation, patient.isDeleted())));
    }

    /** analytics-service's question 6, a summary of one patient's vital signs, audited here (it keeps no trail). */
    public static final String VITAL_SIGN_SUMMARY = "VITAL_SIGN_SUMMARY";

    /**
     * As {@link #access}, asked by analytics-service before it answers question 6: when the relationship lets the
     * caller read the vital signs there (admins; staff treating the patient or with break-the-glass; not a deleted
     * patient but for admins), the read is audited as this service's vital-sign reads are.
     */
    public Uni<PatientAccess> accessForVitalSignSummary(long id, Caller caller) {
        return access(id, caller).call(access -> readsVitalSignSummary(access)
                ? auditVitalSignSummary(id, caller) : Uni.createFrom().voidItem());
    }

    private static boolean readsVitalSignSummary(PatientAccess access) {
        return switch (access.relation()) {
            case ADMIN -> true;
            case TREATING, EMERGENCY -> !access.deleted();
            default -> false;
        };
    }

    @WithTransaction
    Uni<Void> auditVitalSignSummary(long id, Caller caller) {
        return Panache.getSession().chain(session -> audit.record(session, caller, Action.SEARCH, "VITAL_SIGN", null,
                id, "vital-sign summary in analytics-service (question 6)"));
    }

    /** FULL for admins, the patient and a treating doctor or nurse; CLINICAL for a treating technician. */
    private static Detail detailFor(Relation relation, Role role, long id) {
        return switch (relation) {
            case ADMIN, SELF -> Detail.FULL;
            case TREATING, EMERGENCY -> role == Role.DOCTOR || role == Role.NURSE ? Detail.FULL : Detail.CLINICAL;
            case DISPENSING -> Detail.DISPENSING;
            case STAFF, NONE -> throw DomainException.forbidden("you do not treat patient " + id + "; search shows "
                    + "who they are, and in an emergency you may request break-the-glass access (POST "
                    + "/api/v1/patients/" + id + "/emergency-access with a reason)");
        };
    }

    public Uni<Patient> find(long id) {
        return patients.findById(id).onItem().ifNull().failWith(() -> DomainException.notFound("patient", id));
    }

    /** Deleted patients exist only for admins. */
    private Uni<Patient> findVisible(long id, Caller caller) {
        return find(id).invoke(patient -> hideDeleted(patient, caller));
    }

    private static void hideDeleted(Patient patient, Caller caller) {
        if (patient.isDeleted() && !caller.is(Role.ADMIN)) {
            throw DomainException.notFound("patient", patient.getId());
        }
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
