package org.mdms.records.examination;

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
import org.mdms.records.examination.ExaminationDtos.ExaminationChange;
import org.mdms.records.examination.ExaminationDtos.ExaminationRequest;
import org.mdms.records.examination.ExaminationDtos.ExaminationView;
import org.mdms.records.staff.Staff;
import org.mdms.records.staff.StaffRepository;
import org.mdms.records.visit.PatientScope;
import org.mdms.records.visit.TimeWindow;
import org.mdms.records.visit.Visit;
import org.mdms.records.visit.VisitRepository;
import org.mdms.records.visit.VisitService;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

@ApplicationScoped
public class ExaminationService {

    private static final String RESOURCE = "EXAMINATION";

    private final ExaminationRepository examinations;
    private final VisitRepository visitRepository;
    private final VisitService visits;
    private final StaffRepository staff;
    private final AuditLog audit;
    private final ChangeFeed changes;
    private final CareRelationship care;

    ExaminationService(ExaminationRepository examinations, VisitRepository visitRepository, VisitService visits,
                       StaffRepository staff, AuditLog audit, ChangeFeed changes, CareRelationship care) {
        this.care = care;
        this.examinations = examinations;
        this.visitRepository = visitRepository;
        this.visits = visits;
        this.staff = staff;
        this.audit = audit;
        this.changes = changes;
    }

    /** Per visit or per patient; a patient sees only their own (their filter defaults to themselves). */
    @WithTransaction
    public Uni<Page<ExaminationView>> search(ExaminationRepository.Criteria criteria, PageRequest page,
                                             Caller caller) {
        if (criteria.visitId() == null && criteria.patientId() == null && !caller.is(Role.PATIENT)) {
            throw DomainException.invalid("patientId", "give a visitId or a patientId");
        }
        ExaminationRepository.Criteria c = new ExaminationRepository.Criteria(criteria.visitId(),
                PatientScope.restrict(caller, criteria.patientId()), criteria.technicianId(), criteria.abnormal(),
                criteria.performedIn());
        // a visit filter names a record: unknown is a 404, another patient's is a 403; its patient goes to the audit
        Uni<Long> auditedPatient = c.visitId() == null
                ? care.requireClinical(c.patientId(), caller).replaceWith(c.patientId())
                : visits.findVisible(c.visitId(), caller).map(Visit::getPatientId);
        var paged = examinations.search(c, page.sort()).page(page.panachePage());
        return auditedPatient.chain(patientId -> paged.list()
                .chain(rows -> paged.count()
                        .chain(total -> patientsOf(rows).map(patientOf -> Page.of(rows.stream()
                                .map(e -> ExaminationView.of(e, patientOf.get(e.getVisitId()))).toList(),
                                page, total))))
                .call(result -> Panache.getSession().chain(session -> audit.record(session, caller,
                        Action.SEARCH, RESOURCE, null, patientId, "examinations visitId=" + c.visitId()
                                + " patientId=" + c.patientId() + " -> " + result.totalItems() + " found"))));
    }

    @WithTransaction
    public Uni<ExaminationView> get(long id, Caller caller) {
        return find(id).chain(exam -> visits.findVisible(exam.getVisitId(), caller)
                .call(visit -> auditOf(caller, Action.READ, exam, visit))
                .map(visit -> ExaminationView.of(exam, visit.getPatientId())));
    }

    @WithTransaction
    public Uni<ExaminationView> create(ExaminationRequest request, Caller caller) {
        TimeWindow.checkNotInFuture("performedAt", request.performedAt());
        Long technicianId = request.technicianId() != null ? request.technicianId()
                : caller.is(Role.TECHNICIAN) ? caller.staffId() : null;
        Examination exam = new Examination();
        return visits.findReferenced("visitId", request.visitId())
                .invoke(visit -> {
                    if (visit.getStatus() == Visit.Status.CANCELLED) {
                        throw DomainException.conflict("visitId", "visit " + visit.getId() + " is cancelled");
                    }
                })
                .call(visit -> care.requireWrite(visit.getPatientId(), caller))
                .call(visit -> checkTechnician(technicianId))
                .invoke(visit -> {
                    exam.setVisitId(visit.getId());
                    exam.setTechnicianId(technicianId);
                    exam.setItem(request.item());
                    exam.setResult(request.result());
                    exam.setUnit(request.unit());
                    exam.setReferenceRange(request.referenceRange());
                    exam.setAbnormal(Boolean.TRUE.equals(request.abnormal()));
                    exam.setPerformedAt(TimeWindow.micros(request.performedAt()));
                })
                .call(visit -> examinations.persist(exam))
                .call(visit -> auditOf(caller, Action.CREATE, exam, visit))
                .call(visit -> Panache.getSession().chain(session -> changes.append(session,
                        ChangeFeed.EntityType.EXAMINATION, exam.getId(), ChangeFeed.Operation.UPSERT,
                        ExaminationChange.of(exam, visit.getPatientId()))))
                .map(visit -> ExaminationView.of(exam, visit.getPatientId()));
    }

    private Uni<Examination> find(long id) {
        return examinations.findById(id).onItem().ifNull()
                .failWith(() -> DomainException.notFound("examination", id));
    }

    private Uni<Void> checkTechnician(Long technicianId) {
        if (technicianId == null) {
            return Uni.createFrom().voidItem();
        }
        return staff.findById(technicianId).invoke(member -> {
            if (member == null) {
                throw DomainException.unknownReference("technicianId", "staff member", technicianId);
            }
            if (member.getKind() != Staff.Kind.TECHNICIAN) {
                throw new DomainException(422, "Unprocessable Content", "staff member " + technicianId
                        + " is not a technician", List.of(new DomainException.FieldError("technicianId",
                        "must be a staff member of kind TECHNICIAN")));
            }
        }).replaceWithVoid();
    }

    private Uni<Map<Long, Long>> patientsOf(List<Examination> rows) {
        List<Long> visitIds = rows.stream().map(Examination::getVisitId).distinct().toList();
        if (visitIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return visitRepository.find("id in ?1", visitIds).list().map(found -> found.stream()
                .collect(Collectors.toMap(Visit::getId, Visit::getPatientId, (a, b) -> a)));
    }

    private Uni<Void> auditOf(Caller caller, Action action, Examination exam, Visit visit) {
        return Panache.getSession().chain(session -> audit.record(session, caller, action, RESOURCE,
                exam.getId(), visit.getPatientId(), null));
    }
}
