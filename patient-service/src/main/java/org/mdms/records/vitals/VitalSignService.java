package org.mdms.records.vitals;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import org.mdms.records.audit.AuditLog;
import org.mdms.records.audit.AuditLog.Action;
import org.mdms.records.auth.Caller;
import org.mdms.records.care.CareRelationship;
import org.mdms.records.changes.ChangeFeed;
import org.mdms.common.DomainException;
import org.mdms.records.common.Page;
import org.mdms.common.PageRequest;
import org.mdms.records.patient.Patient;
import org.mdms.records.patient.PatientRepository;
import org.mdms.records.visit.PatientScope;
import org.mdms.records.visit.TimeWindow;
import org.mdms.records.visit.Visit;
import org.mdms.records.visit.VisitRepository;
import org.mdms.records.vitals.VitalSignDtos.BatchResult;
import org.mdms.records.vitals.VitalSignDtos.VitalSignChange;
import org.mdms.records.vitals.VitalSignDtos.VitalSignRequest;
import org.mdms.records.vitals.VitalSignDtos.VitalSignView;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

@ApplicationScoped
public class VitalSignService {

    private static final String RESOURCE = "VITAL_SIGN";

    private final VitalSignRepository vitals;
    private final PatientRepository patients;
    private final VisitRepository visits;
    private final AuditLog audit;
    private final ChangeFeed changes;
    private final CareRelationship care;
    private final Event<ReadingsStored> stored;

    VitalSignService(VitalSignRepository vitals, PatientRepository patients, VisitRepository visits,
                     AuditLog audit, ChangeFeed changes, CareRelationship care, Event<ReadingsStored> stored) {
        this.care = care;
        this.stored = stored;
        this.vitals = vitals;
        this.patients = patients;
        this.visits = visits;
        this.audit = audit;
        this.changes = changes;
    }

    /** Per patient; a patient's own filter defaults to themselves, another patientId is a 403. */
    @WithTransaction
    public Uni<Page<VitalSignView>> search(VitalSignRepository.Criteria criteria, PageRequest page, Caller caller) {
        Long patientId = PatientScope.restrict(caller, criteria.patientId());
        if (patientId == null) {
            throw DomainException.invalid("patientId", "patientId is required");
        }
        VitalSignRepository.Criteria query = new VitalSignRepository.Criteria(patientId, criteria.visitId(),
                criteria.type(), criteria.abnormal(), criteria.measuredIn());
        return care.requireClinical(patientId, caller)
                .chain(() -> Page.of(vitals.search(query, page.sort()), page, VitalSignView::of))
                .call(result -> Panache.getSession().chain(session -> audit.record(session, caller, Action.SEARCH,
                        RESOURCE, null, query.patientId(), "vital signs type=" + query.type() + " from="
                                + query.measuredIn().from() + " to<" + query.measuredIn().toExclusive() + " -> "
                                + result.totalItems() + " found")));
    }

    @WithTransaction
    public Uni<VitalSignView> get(long id, Caller caller) {
        return vitals.findById(id).onItem().ifNull().failWith(() -> DomainException.notFound("vital sign", id))
                .call(vital -> care.requireClinical(vital.getPatientId(), caller))
                .call(vital -> Panache.getSession().chain(session -> audit.record(session, caller, Action.READ,
                        RESOURCE, vital.getId(), vital.getPatientId(), null)))
                .map(VitalSignView::of);
    }

    public Uni<VitalSignView> record(VitalSignRequest request, Caller caller) {
        // a programmatic transaction: ReadingsStored is fired after the commit, never for a rolled-back row
        return Panache.withTransaction(() -> store(List.of(request), i -> "", caller))
                .invoke(this::fireStored)
                .map(rows -> VitalSignView.of(rows.get(0)));
    }

    /** A device upload: every reading is checked first; one bad reading refuses the whole batch. */
    public Uni<BatchResult> recordBatch(List<VitalSignRequest> readings, Caller caller) {
        // a programmatic transaction, as in record: the event follows the commit
        return Panache.withTransaction(() -> store(readings, i -> "readings[" + i + "].", caller))
                .invoke(this::fireStored)
                .map(stored -> new BatchResult(stored.size(),
                (int) stored.stream().filter(VitalSign::isAbnormal).count(),
                stored.stream().map(VitalSignView::of).toList()));
    }

    private void fireStored(List<VitalSign> rows) {
        stored.fireAsync(new ReadingsStored(rows.stream().map(row -> new ReadingsStored.Reading(row.getId(),
                row.getPatientId(), row.getType(), row.getValue(), row.getSecondaryValue(), row.isAbnormal(),
                row.getMeasuredAt(), null)).toList()));
    }

    private Uni<List<VitalSign>> store(List<VitalSignRequest> requests, Function<Integer, String> prefixOf,
                                       Caller caller) {
        List<VitalSign> rows = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            rows.add(checked(requests.get(i), prefixOf.apply(i), caller));
        }
        List<Long> patientIds = rows.stream().map(VitalSign::getPatientId).distinct().toList();
        List<Long> visitIds = rows.stream().map(VitalSign::getVisitId).filter(java.util.Objects::nonNull)
                .distinct().toList();
        return patients.find("id in ?1", patientIds).list()
                .chain(foundPatients -> (visitIds.isEmpty() ? Uni.createFrom().item(List.<Visit>of())
                        : visits.find("id in ?1", visitIds).list())
                        .invoke(foundVisits -> checkReferences(rows, prefixOf, foundPatients, foundVisits)))
                .call(() -> Multi.createFrom().iterable(patientIds)
                        .onItem().transformToUniAndConcatenate(id -> care.requireWrite(id, caller))
                        .collect().last())
                .chain(() -> vitals.persist(rows))
                .call(() -> auditStored(rows, caller))
                .call(() -> Panache.getSession().chain(session -> publishAll(session, rows)))
                .replaceWith(rows);
    }

    private static VitalSign checked(VitalSignRequest request, String prefix, Caller caller) {
        TimeWindow.checkNotInFuture(prefix + "measuredAt", request.measuredAt());
        VitalType type = request.type();
        VitalSign vital = new VitalSign();
        vital.setPatientId(request.patientId());
        vital.setVisitId(request.visitId());
        vital.setDeviceId(request.deviceId() == null || request.deviceId().isBlank() ? null : request.deviceId());
        vital.setType(type);
        vital.setUnit(type.checkUnit(prefix + "unit", request.unit()));
        vital.setAbnormal(type.checkAndFlag(prefix, request.value(), request.secondaryValue()));
        vital.setValue(request.value());
        vital.setSecondaryValue(request.secondaryValue());
        vital.setMeasuredAt(TimeWindow.micros(request.measuredAt()));
        vital.setRecordedBy(caller.username());
        return vital;
    }

    private static void checkReferences(List<VitalSign> rows, Function<Integer, String> prefixOf,
                                        List<Patient> foundPatients, List<Visit> foundVisits) {
        Map<Long, Patient> patientById = foundPatients.stream()
                .collect(Collectors.toMap(Patient::getId, Function.identity()));
        Map<Long, Visit> visitById = foundVisits.stream().collect(Collectors.toMap(Visit::getId, Function.identity()));
        for (int i = 0; i < rows.size(); i++) {
            VitalSign row = rows.get(i);
            Patient patient = patientById.get(row.getPatientId());
            if (patient == null || patient.isDeleted()) {
                throw DomainException.unknownReference(prefixOf.apply(i) + "patientId", "patient",
                        row.getPatientId());
            }
            if (row.getVisitId() != null) {
                Visit visit = visitById.get(row.getVisitId());
                if (visit == null) {
                    throw DomainException.unknownReference(prefixOf.apply(i) + "visitId", "visit", row.getVisitId());
                }
                if (!visit.getPatientId().equals(row.getPatientId())) {
                    String field = prefixOf.apply(i) + "visitId";
                    throw new DomainException(422, "Unprocessable Content", "visit " + visit.getId()
                            + " belongs to another patient", List.of(new DomainException.FieldError(field,
                            "visit " + visit.getId() + " is not a visit of patient " + row.getPatientId())));
                }
            }
        }
    }

    /** One audit row per patient of the upload, not one per reading. */
    private Uni<Void> auditStored(List<VitalSign> rows, Caller caller) {
        if (rows.size() == 1) {
            VitalSign only = rows.get(0);
            return Panache.getSession().chain(session -> audit.record(session, caller, Action.CREATE, RESOURCE,
                    only.getId(), only.getPatientId(), only.getDeviceId() == null ? null : "device " + only.getDeviceId()));
        }
        Map<Long, List<VitalSign>> byPatient = rows.stream()
                .collect(Collectors.groupingBy(VitalSign::getPatientId, LinkedHashMap::new, Collectors.toList()));
        return Panache.getSession().chain(session -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Map.Entry<Long, List<VitalSign>> entry : byPatient.entrySet()) {
                String detail = "batch of " + entry.getValue().size() + " readings, ids "
                        + entry.getValue().get(0).getId() + ".." + entry.getValue().get(entry.getValue().size() - 1)
                        .getId();
                chain = chain.chain(() -> audit.record(session, caller, Action.CREATE, RESOURCE, null,
                        entry.getKey(), detail));
            }
            return chain;
        });
    }

    private Uni<Void> publishAll(org.hibernate.reactive.mutiny.Mutiny.Session session, List<VitalSign> rows) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (VitalSign row : rows) {
            chain = chain.chain(() -> changes.append(session, ChangeFeed.EntityType.VITAL_SIGN, row.getId(),
                    ChangeFeed.Operation.UPSERT, VitalSignChange.of(row)));
        }
        return chain;
    }
}
