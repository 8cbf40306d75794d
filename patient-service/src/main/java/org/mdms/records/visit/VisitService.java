package org.mdms.records.visit;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.records.audit.AuditLog;
import org.mdms.records.audit.AuditLog.Action;
import org.mdms.records.auth.Caller;
import org.mdms.records.auth.Role;
import org.mdms.records.care.CareRelationship;
import org.mdms.records.changes.ChangeFeed;
import org.mdms.common.DomainException;
import org.mdms.records.common.Page;
import org.mdms.common.PageRequest;
import org.mdms.records.department.DepartmentRepository;
import org.mdms.records.patient.PatientRepository;
import org.mdms.records.staff.Staff;
import org.mdms.records.staff.StaffRepository;
import org.mdms.records.visit.VisitDtos.VisitChange;
import org.mdms.records.visit.VisitDtos.VisitClose;
import org.mdms.records.visit.VisitDtos.VisitRequest;
import org.mdms.records.visit.VisitDtos.VisitView;

import java.time.Instant;
import java.util.List;

@ApplicationScoped
public class VisitService {

    private static final String RESOURCE = "VISIT";

    private final VisitRepository visits;
    private final PatientRepository patients;
    private final StaffRepository staff;
    private final DepartmentRepository departments;
    private final AuditLog audit;
    private final ChangeFeed changes;
    private final CareRelationship care;

    VisitService(VisitRepository visits, PatientRepository patients, StaffRepository staff,
                 DepartmentRepository departments, AuditLog audit, ChangeFeed changes, CareRelationship care) {
        this.care = care;
        this.visits = visits;
        this.patients = patients;
        this.staff = staff;
        this.departments = departments;
        this.audit = audit;
        this.changes = changes;
    }

    /**
     * Patients may only list their own visits: their filter defaults to themselves, any other is a 403. Staff name
     * a patient they treat (403 otherwise), or list their own visits as the doctor (the default without patientId).
     */
    @WithTransaction
    public Uni<Page<VisitView>> search(VisitRepository.Criteria criteria, PageRequest page, Caller caller) {
        Long doctorId = criteria.doctorId();
        if (criteria.patientId() == null && caller.role() != null && caller.role().isStaff()) {
            if (doctorId == null) {
                doctorId = caller.staffId() == null ? -1L : caller.staffId();
            } else if (!doctorId.equals(caller.staffId())) {
                throw DomainException.forbidden("staff list the visits of a patient they treat (patientId) or "
                        + "their own (doctorId = their staff id)");
            }
        }
        VisitRepository.Criteria effective = new VisitRepository.Criteria(
                PatientScope.restrict(caller, criteria.patientId()), doctorId, criteria.departmentId(),
                criteria.status(), criteria.type(), criteria.startedIn());
        Long patientId = effective.patientId();
        Uni<?> allowed = patientId == null ? Uni.createFrom().voidItem() : care.requireClinical(patientId, caller);
        return allowed.chain(() -> Page.of(visits.search(effective, page.sort()), page, VisitView::of))
                .call(result -> Panache.getSession().chain(session -> audit.record(session, caller, Action.SEARCH,
                        RESOURCE, null, patientId, describe(criteria) + " -> " + result.totalItems() + " found")));
    }

    @WithTransaction
    public Uni<VisitView> get(long id, Caller caller) {
        return findVisible(id, caller)
                .call(visit -> auditOf(caller, Action.READ, visit, null))
                .map(VisitView::of);
    }

    @WithTransaction
    public Uni<VisitView> create(VisitRequest request, Caller caller) {
        checkTimes(request.startedAt(), request.endedAt());
        Visit visit = new Visit();
        return checkReferences(request)
                .invoke(() -> apply(visit, request))
                .chain(() -> visits.persist(visit))
                .call(saved -> auditOf(caller, Action.CREATE, saved, null))
                .call(this::publish)
                .map(VisitView::of);
    }

    @WithTransaction
    public Uni<VisitView> update(long id, VisitRequest request, Caller caller) {
        checkTimes(request.startedAt(), request.endedAt());
        return find(id)
                .invoke(visit -> {
                    if (!visit.getPatientId().equals(request.patientId())) {
                        throw DomainException.invalid("patientId", "a visit's patient cannot be changed");
                    }
                })
                .call(visit -> checkReferences(request))
                .invoke(visit -> apply(visit, request))
                .call(visit -> auditOf(caller, Action.UPDATE, visit, null))
                .call(this::publish)
                .map(VisitView::of);
    }

    @WithTransaction
    public Uni<VisitView> close(long id, VisitClose request, Caller caller) {
        Instant endedAt = TimeWindow.micros(request == null || request.endedAt() == null ? Instant.now()
                : request.endedAt());
        return find(id)
                .invoke(visit -> {
                    if (visit.getStatus() != Visit.Status.OPEN) {
                        throw DomainException.conflict("status", "visit " + id + " is " + visit.getStatus()
                                + "; only OPEN visits can be closed");
                    }
                    checkTimes(visit.getStartedAt(), endedAt);
                    visit.setStatus(Visit.Status.CLOSED);
                    visit.setEndedAt(endedAt);
                    if (request != null && request.diagnosis() != null) {
                        visit.setDiagnosis(request.diagnosis());
                    }
                    if (request != null && request.diagnosisCode() != null) {
                        visit.setDiagnosisCode(request.diagnosisCode());
                    }
                })
                .call(visit -> auditOf(caller, Action.UPDATE, visit, "closed"))
                .call(this::publish)
                .map(VisitView::of);
    }

    public Uni<Visit> find(long id) {
        return visits.findById(id).onItem().ifNull().failWith(() -> DomainException.notFound("visit", id));
    }

    /** The visit at a path id, if the caller may read its patient's clinical data (the care relationship). */
    public Uni<Visit> findVisible(long id, Caller caller) {
        return find(id).call(visit -> care.requireClinical(visit.getPatientId(), caller));
    }

    /** A visit named inside a request body: unknown is a 422 naming the field. */
    public Uni<Visit> findReferenced(String field, long id) {
        return visits.findById(id).onItem().ifNull()
                .failWith(() -> DomainException.unknownReference(field, "visit", id));
    }

    private static void checkTimes(Instant startedAt, Instant endedAt) {
        TimeWindow.checkNotInFuture("startedAt", startedAt);
        TimeWindow.checkNotInFuture("endedAt", endedAt);
        if (endedAt != null && startedAt != null && !endedAt.isAfter(startedAt)) {
            throw DomainException.invalid("endedAt", "endedAt must be after startedAt");
        }
    }

    private Uni<Void> checkReferences(VisitRequest request) {
        return patients.findById(request.patientId())
                .invoke(patient -> {
                    if (patient == null || patient.isDeleted()) {
                        throw DomainException.unknownReference("patientId", "patient", request.patientId());
                    }
                })
                .chain(() -> staff.findById(request.doctorId()))
                .invoke(doctor -> {
                    if (doctor == null) {
                        throw DomainException.unknownReference("doctorId", "staff member", request.doctorId());
                    }
                    if (doctor.getKind() != Staff.Kind.DOCTOR || !doctor.isActive()) {
                        throw new DomainException(422, "Unprocessable Content", "staff member " + doctor.getId()
                                + " is not an active doctor", List.of(new DomainException.FieldError("doctorId",
                                "must be an active staff member of kind DOCTOR")));
                    }
                })
                .chain(() -> departments.findById(request.departmentId()))
                .invoke(department -> {
                    if (department == null) {
                        throw DomainException.unknownReference("departmentId", "department", request.departmentId());
                    }
                })
                .replaceWithVoid();
    }

    private Uni<Void> auditOf(Caller caller, Action action, Visit visit, String detail) {
        return Panache.getSession().chain(session -> audit.record(session, caller, action, RESOURCE,
                visit.getId(), visit.getPatientId(), detail));
    }

    private Uni<Void> publish(Visit visit) {
        return Panache.getSession().chain(session -> changes.append(session, ChangeFeed.EntityType.VISIT,
                visit.getId(), ChangeFeed.Operation.UPSERT, VisitChange.of(visit)));
    }

    private static String describe(VisitRepository.Criteria c) {
        StringBuilder text = new StringBuilder("visits");
        if (c.patientId() != null) text.append(" patientId=").append(c.patientId());
        if (c.doctorId() != null) text.append(" doctorId=").append(c.doctorId());
        if (c.departmentId() != null) text.append(" departmentId=").append(c.departmentId());
        if (c.status() != null) text.append(" status=").append(c.status());
        if (c.type() != null) text.append(" type=").append(c.type());
        if (c.startedIn().from() != null) text.append(" from=").append(c.startedIn().from());
        if (c.startedIn().toExclusive() != null) text.append(" to<").append(c.startedIn().toExclusive());
        return text.toString();
    }

    private static void apply(Visit visit, VisitRequest request) {
        visit.setPatientId(request.patientId());
        visit.setDoctorId(request.doctorId());
        visit.setDepartmentId(request.departmentId());
        visit.setType(request.type());
        visit.setStatus(request.status() == null ? Visit.Status.OPEN : request.status());
        visit.setStartedAt(TimeWindow.micros(request.startedAt()));
        visit.setEndedAt(TimeWindow.micros(request.endedAt()));
        visit.setChiefComplaint(request.chiefComplaint());
        visit.setDiagnosis(request.diagnosis());
        visit.setDiagnosisCode(request.diagnosisCode());
    }
}
