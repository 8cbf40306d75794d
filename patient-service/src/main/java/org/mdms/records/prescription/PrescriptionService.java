package org.mdms.records.prescription;

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
import org.mdms.records.drug.Drug;
import org.mdms.records.drug.DrugRepository;
import org.mdms.records.prescription.PrescriptionDtos.ItemRequest;
import org.mdms.records.prescription.PrescriptionDtos.PrescriptionChange;
import org.mdms.records.prescription.PrescriptionDtos.PrescriptionRequest;
import org.mdms.records.prescription.PrescriptionDtos.PrescriptionView;
import org.mdms.records.prescription.PrescriptionRepository.ItemRepository;
import org.mdms.records.staff.Staff;
import org.mdms.records.staff.StaffRepository;
import org.mdms.records.visit.PatientScope;
import org.mdms.records.visit.Visit;
import org.mdms.records.visit.VisitRepository;
import org.mdms.records.visit.VisitService;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

@ApplicationScoped
public class PrescriptionService {

    private static final String RESOURCE = "PRESCRIPTION";
    /** total_amount is DECIMAL(12,2). */
    private static final BigDecimal MAX_TOTAL = new BigDecimal("9999999999.99");

    private final PrescriptionRepository prescriptions;
    private final ItemRepository items;
    private final VisitRepository visitRepository;
    private final VisitService visits;
    private final DrugRepository drugs;
    private final StaffRepository staff;
    private final AuditLog audit;
    private final ChangeFeed changes;
    private final CareRelationship care;

    PrescriptionService(PrescriptionRepository prescriptions, ItemRepository items, VisitRepository visitRepository,
                        VisitService visits, DrugRepository drugs, StaffRepository staff, AuditLog audit,
                        ChangeFeed changes, CareRelationship care) {
        this.care = care;
        this.prescriptions = prescriptions;
        this.items = items;
        this.visitRepository = visitRepository;
        this.visits = visits;
        this.drugs = drugs;
        this.staff = staff;
        this.audit = audit;
        this.changes = changes;
    }

    /**
     * A patient sees only their own prescriptions: their filter defaults to themselves, another is a 403. Staff name
     * a patient or visit they may read prescriptions of; without one, a doctor lists their own, a pharmacist the
     * dispensing queue (ISSUED) or what they dispensed, nurses and technicians nothing (403).
     */
    @WithTransaction
    public Uni<Page<PrescriptionView>> search(PrescriptionRepository.Criteria criteria, PageRequest page,
                                              Caller caller) {
        Long doctorId = criteria.doctorId();
        if (criteria.visitId() == null && criteria.patientId() == null && caller.role() != null
                && caller.role().isStaff()) {
            doctorId = unnamedPatientScope(criteria, caller);
        }
        PrescriptionRepository.Criteria query = new PrescriptionRepository.Criteria(criteria.visitId(),
                PatientScope.restrict(caller, criteria.patientId()), doctorId, criteria.pharmacistId(),
                criteria.status(), criteria.issuedIn());
        // a visit filter names a record: unknown is a 404, an unrelated patient's is a 403; its patient is audited
        Uni<Long> auditedPatient = query.visitId() != null
                ? visits.find(query.visitId()).call(visit -> care.requirePrescriptions(visit.getPatientId(), caller))
                .map(Visit::getPatientId)
                : query.patientId() == null ? Uni.createFrom().nullItem()
                : care.requirePrescriptions(query.patientId(), caller).replaceWith(query.patientId());
        var paged = prescriptions.search(query, page.sort()).page(page.panachePage());
        return auditedPatient.chain(patientId -> paged.list()
                .chain(rows -> paged.count().chain(total -> views(rows).map(list -> Page.of(list, page, total))))
                .call(result -> Panache.getSession().chain(session -> audit.record(session, caller, Action.SEARCH,
                        RESOURCE, null, patientId, "prescriptions visitId=" + query.visitId()
                                + " patientId=" + query.patientId() + " doctorId=" + query.doctorId() + " status="
                                + query.status() + " -> " + result.totalItems() + " found"))));
    }

    @WithTransaction
    public Uni<PrescriptionView> get(long id, Caller caller) {
        return find(id).chain(prescription -> visits.find(prescription.getVisitId())
                .call(visit -> care.requirePrescriptions(visit.getPatientId(), caller))
                .chain(visit -> items.ofPrescriptions(List.of(id))
                        .call(lines -> auditOf(caller, Action.READ, prescription, visit, null))
                        .map(lines -> PrescriptionView.of(prescription, visit.getPatientId(),
                                visit.getDepartmentId(), lines))));
    }

    /**
     * Issues a prescription by the calling doctor. Unit prices are copied from the catalogue and every amount is
     * computed here; the request cannot carry any (the DTO refuses them).
     */
    @WithTransaction
    public Uni<PrescriptionView> create(PrescriptionRequest request, Caller caller) {
        Prescription prescription = new Prescription();
        List<PrescriptionItem> lines = new ArrayList<>();
        return prescriber(caller)
                .chain(doctor -> visits.findReferenced("visitId", request.visitId()))
                .invoke(visit -> {
                    if (visit.getStatus() != Visit.Status.OPEN) {
                        throw DomainException.conflict("visitId", "visit " + visit.getId() + " is "
                                + visit.getStatus() + "; prescriptions are written on OPEN visits only");
                    }
                })
                .call(visit -> care.requireWrite(visit.getPatientId(), caller))
                .call(visit -> priced(request.items()).invoke(lines::addAll))
                .invoke(visit -> {
                    BigDecimal total = lines.stream().map(PrescriptionItem::getAmount)
                            .reduce(BigDecimal.ZERO, BigDecimal::add);
                    if (total.compareTo(MAX_TOTAL) > 0) {
                        throw new DomainException(422, "Unprocessable Content", "the prescription's total is too "
                                + "large", List.of(new DomainException.FieldError("items",
                                "total amount exceeds " + MAX_TOTAL)));
                    }
                    prescription.setVisitId(visit.getId());
                    prescription.setDoctorId(caller.staffId());
                    prescription.setStatus(Prescription.Status.ISSUED);
                    prescription.setIssuedAt(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
                    prescription.setNote(request.note());
                    prescription.setTotalAmount(total);
                })
                .call(visit -> prescriptions.persist(prescription))
                .call(visit -> {
                    lines.forEach(line -> line.setPrescriptionId(prescription.getId()));
                    return items.persist(lines);
                })
                .call(visit -> auditOf(caller, Action.CREATE, prescription, visit, null))
                .call(visit -> publish(prescription, visit, lines))
                .map(visit -> PrescriptionView.of(prescription, visit.getPatientId(), visit.getDepartmentId(),
                        lines));
    }

    @WithTransaction
    public Uni<PrescriptionView> dispense(long id, Caller caller) {
        if (caller.staffId() == null) {
            throw DomainException.forbidden("only pharmacists with a staff record may dispense");
        }
        return find(id)
                .invoke(prescription -> prescription.dispense(caller.staffId()))
                .chain(prescription -> transitioned(prescription, caller, Action.DISPENSE, null));
    }

    /** The prescribing doctor or an admin may cancel, only while the prescription is ISSUED. */
    @WithTransaction
    public Uni<PrescriptionView> cancel(long id, String reason, Caller caller) {
        return find(id)
                .invoke(prescription -> {
                    if (caller.is(Role.DOCTOR) && !prescription.getDoctorId().equals(caller.staffId())) {
                        throw DomainException.forbidden("only the prescribing doctor or an admin may cancel");
                    }
                    prescription.cancel(reason);
                })
                .chain(prescription -> transitioned(prescription, caller, Action.CANCEL, reason));
    }

    private Uni<PrescriptionView> transitioned(Prescription prescription, Caller caller, Action action,
                                               String detail) {
        return visitRepository.findById(prescription.getVisitId())
                .chain(visit -> items.ofPrescriptions(List.of(prescription.getId()))
                        .call(lines -> auditOf(caller, action, prescription, visit, detail))
                        .call(lines -> publish(prescription, visit, lines))
                        .map(lines -> PrescriptionView.of(prescription, visit.getPatientId(),
                                visit.getDepartmentId(), lines)));
    }

    /** The doctor filter for a staff list that names no patient: their own, or the pharmacist's queue. */
    private static Long unnamedPatientScope(PrescriptionRepository.Criteria criteria, Caller caller) {
        Long me = caller.staffId() == null ? -1L : caller.staffId();
        return switch (caller.role()) {
            case DOCTOR -> {
                if (criteria.doctorId() != null && !criteria.doctorId().equals(me)) {
                    throw DomainException.forbidden("doctors list their own prescriptions (doctorId = their staff "
                            + "id) or those of a patient they treat (patientId)");
                }
                yield me;
            }
            case PHARMACIST -> {
                if (criteria.status() != Prescription.Status.ISSUED && !me.equals(criteria.pharmacistId())) {
                    throw DomainException.forbidden("pharmacists list the dispensing queue (status=ISSUED), what "
                            + "they dispensed (pharmacistId = their staff id) or a patient's prescriptions");
                }
                yield criteria.doctorId();
            }
            default -> throw DomainException.forbidden("name the patient (patientId) or visit (visitId) whose "
                    + "prescriptions you need");
        };
    }

    private Uni<Prescription> find(long id) {
        return prescriptions.findById(id).onItem().ifNull()
                .failWith(() -> DomainException.notFound("prescription", id));
    }

    /** The doctor is the caller, never a field of the request. */
    private Uni<Staff> prescriber(Caller caller) {
        if (caller.staffId() == null) {
            return Uni.createFrom().failure(DomainException.forbidden("only doctors with a staff record may "
                    + "prescribe"));
        }
        return staff.findById(caller.staffId()).invoke(doctor -> {
            if (doctor == null || doctor.getKind() != Staff.Kind.DOCTOR || !doctor.isActive()) {
                throw DomainException.forbidden("only active doctors may prescribe");
            }
        });
    }

    /** Items priced from the catalogue: unknown or inactive drugs are a 422 naming the item's drugId. */
    private Uni<List<PrescriptionItem>> priced(List<ItemRequest> requested) {
        List<Long> drugIds = requested.stream().map(ItemRequest::drugId).distinct().toList();
        return drugs.find("id in ?1", drugIds).list().map(found -> {
            Map<Long, Drug> byId = found.stream().collect(Collectors.toMap(Drug::getId, Function.identity()));
            List<PrescriptionItem> lines = new ArrayList<>(requested.size());
            for (int i = 0; i < requested.size(); i++) {
                ItemRequest item = requested.get(i);
                String field = "items[" + i + "].drugId";
                Drug drug = byId.get(item.drugId());
                if (drug == null) {
                    throw DomainException.unknownReference(field, "drug", item.drugId());
                }
                if (!drug.isActive()) {
                    throw new DomainException(422, "Unprocessable Content", "drug " + drug.getId() + " ("
                            + drug.getCode() + ") is inactive and cannot be prescribed",
                            List.of(new DomainException.FieldError(field, "drug " + drug.getId() + " is inactive")));
                }
                PrescriptionItem line = new PrescriptionItem();
                line.setDrugId(drug.getId());
                line.setQuantity(item.quantity());
                line.setDosage(item.dosage());
                line.setFrequency(item.frequency());
                line.setDays(item.days());
                line.setUnitPrice(drug.getPrice());
                line.setAmount(drug.getPrice().multiply(BigDecimal.valueOf(item.quantity()))
                        .setScale(2, RoundingMode.HALF_UP));
                lines.add(line);
            }
            return lines;
        });
    }

    private Uni<List<PrescriptionView>> views(List<Prescription> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Long> visitIds = rows.stream().map(Prescription::getVisitId).distinct().toList();
        List<Long> ids = rows.stream().map(Prescription::getId).toList();
        return visitRepository.find("id in ?1", visitIds).list()
                .chain(found -> items.ofPrescriptions(ids).map(lines -> {
                    Map<Long, Visit> visitById = found.stream()
                            .collect(Collectors.toMap(Visit::getId, Function.identity()));
                    Map<Long, List<PrescriptionItem>> linesOf = lines.stream()
                            .collect(Collectors.groupingBy(PrescriptionItem::getPrescriptionId));
                    return rows.stream().map(p -> {
                        Visit visit = visitById.get(p.getVisitId());
                        return PrescriptionView.of(p, visit.getPatientId(), visit.getDepartmentId(),
                                linesOf.getOrDefault(p.getId(), List.of()));
                    }).toList();
                }));
    }

    private Uni<Void> auditOf(Caller caller, Action action, Prescription prescription, Visit visit, String detail) {
        return Panache.getSession().chain(session -> audit.record(session, caller, action, RESOURCE,
                prescription.getId(), visit.getPatientId(), detail));
    }

    private Uni<Void> publish(Prescription prescription, Visit visit, List<PrescriptionItem> lines) {
        return Panache.getSession().chain(session -> changes.append(session, ChangeFeed.EntityType.PRESCRIPTION,
                prescription.getId(), ChangeFeed.Operation.UPSERT,
                PrescriptionChange.of(prescription, visit.getPatientId(), visit.getDepartmentId(), lines)));
    }
}
