package org.mdms.records.console;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.common.DomainException;
import org.mdms.common.PageRequest;
import org.mdms.records.auth.Caller;
import org.mdms.records.auth.Role;
import org.mdms.records.common.Page;
import org.mdms.records.drug.Drug;
import org.mdms.records.examination.ExaminationDtos.ExaminationView;
import org.mdms.records.examination.ExaminationRepository;
import org.mdms.records.examination.ExaminationResource;
import org.mdms.records.examination.ExaminationService;
import org.mdms.records.patient.Patient;
import org.mdms.records.patient.PatientDtos.PatientView;
import org.mdms.records.patient.PatientService;
import org.mdms.records.prescription.Prescription;
import org.mdms.records.prescription.PrescriptionDtos.ItemView;
import org.mdms.records.prescription.PrescriptionDtos.PrescriptionView;
import org.mdms.records.prescription.PrescriptionRepository;
import org.mdms.records.prescription.PrescriptionResource;
import org.mdms.records.prescription.PrescriptionService;
import org.mdms.records.visit.TimeWindow;
import org.mdms.records.visit.VisitDtos.VisitView;
import org.mdms.records.visit.VisitRepository;
import org.mdms.records.visit.VisitResource;
import org.mdms.records.visit.VisitService;
import org.mdms.records.vitals.VitalSignDtos.VitalSignView;
import org.mdms.records.vitals.VitalSignRepository;
import org.mdms.records.vitals.VitalSignResource;
import org.mdms.records.vitals.VitalSignService;
import org.mdms.records.vitals.VitalType;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the clinical pages show, read through the same services as the API (care relationship, masking, audit)
 * with the signed-in caller: a doctor's visits of the day, one visit with its examinations, vital signs and
 * prescriptions, the dispensing queue, and the chart's clinical sections.
 */
@ApplicationScoped
public class ClinicalDesk {

    /** The newest entries of a list; the pages link to nothing older yet. */
    static final int LIST_SIZE = 50;
    /** Vital signs drawn per chart: the newest, all types together. */
    static final int VITALS_SHOWN = PageRequest.MAX_SIZE;
    private static final Set<Role> PRESCRIPTION_READERS = Set.of(Role.ADMIN, Role.DOCTOR, Role.NURSE,
            Role.PHARMACIST, Role.PATIENT);
    private static final Set<Role> CLINICAL_READERS = Set.of(Role.ADMIN, Role.DOCTOR, Role.NURSE,
            Role.TECHNICIAN, Role.PATIENT);

    /** Times as the hospital reads them (stored in UTC). */
    public record Times(ZoneId zone) {
        private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
        private static final DateTimeFormatter TYPED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

        public String at(Instant time) {
            return time == null ? "" : SHOWN.format(time.atZone(zone));
        }

        /** The value of a datetime-local field. */
        public String typed(Instant time) {
            return time == null ? "" : TYPED.format(time.atZone(zone));
        }

        public Instant startOfToday() {
            return LocalDate.now(zone).atStartOfDay(zone).toInstant();
        }
    }

    /** A visit in a list with the patient's name and MRN. */
    public record VisitRow(VisitView visit, String patientName, String patientMrn) {
    }

    /** One item with the catalogue's drug name and unit. */
    public record Line(ItemView item, String drugName, String drugUnit) {
    }

    /** A prescription with its items named; the patient's name where a list of several patients needs it. */
    public record Rx(PrescriptionView view, List<Line> lines, String patientName, String patientMrn) {

        public boolean selected(Long id) {
            return id != null && id == view.id();
        }

        public boolean issued() {
            return view.status() == Prescription.Status.ISSUED;
        }

        /** The API's rule: the prescribing doctor or an admin, while ISSUED. */
        public boolean cancellableBy(Caller caller) {
            return issued() && (caller.is(Role.ADMIN)
                    || caller.is(Role.DOCTOR) && Long.valueOf(view.doctorId()).equals(caller.staffId()));
        }
    }

    /** The readings of one type, oldest first, with DESIGN's normal band. */
    public record VitalSeries(VitalType type, List<VitalSignView> readings) {

        public BigDecimal normalMin() {
            return type.normalMin();
        }

        public BigDecimal normalMax() {
            return type.normalMax();
        }

        public String secondaryNormalMin() {
            return type.secondaryNormalMin() == null ? "" : type.secondaryNormalMin().toPlainString();
        }

        public String secondaryNormalMax() {
            return type.secondaryNormalMax() == null ? "" : type.secondaryNormalMax().toPlainString();
        }

        public long abnormalCount() {
            return readings.stream().filter(VitalSignView::abnormal).count();
        }
    }

    public record VisitDesk(VisitView visit, PatientView patient, PatientChart.Section<ExaminationView> examinations,
                            PatientChart.Section<VitalSignView> vitals, PatientChart.Section<Rx> prescriptions) {

        public boolean open() {
            return visit.status() == org.mdms.records.visit.Visit.Status.OPEN;
        }
    }

    private final VisitService visits;
    private final PatientService patients;
    private final ExaminationService examinations;
    private final VitalSignService vitals;
    private final PrescriptionService prescriptions;
    private final ConsoleLookups lookups;

    ClinicalDesk(VisitService visits, PatientService patients, ExaminationService examinations,
                 VitalSignService vitals, PrescriptionService prescriptions, ConsoleLookups lookups) {
        this.visits = visits;
        this.patients = patients;
        this.examinations = examinations;
        this.vitals = vitals;
        this.prescriptions = prescriptions;
        this.lookups = lookups;
    }

    /** The caller's own visits started today in the hospital's zone (the API's default list for a doctor). */
    public Uni<List<VisitRow>> todaysVisits(Caller caller, Times times) {
        PageRequest all = PageRequest.of(0, PageRequest.MAX_SIZE, null, VisitResource.SORTABLE, "startedAt");
        return visits.search(new VisitRepository.Criteria(null, null, null, null, null,
                        new TimeWindow(times.startOfToday(), null)), all, caller)
                .chain(page -> lookups.patients(page.items().stream().map(VisitView::patientId).toList())
                        .map(named -> page.items().stream().map(v -> {
                            Patient p = named.get(v.patientId());
                            return new VisitRow(v, p == null ? "" : p.getName(), p == null ? "" : p.getMrn());
                        }).toList()));
    }

    /** 403/404 as GET /api/v1/visits/{id} answers; each list the caller's role may not read is left out. */
    public Uni<VisitDesk> visit(long visitId, Caller caller) {
        return visits.get(visitId, caller)
                .chain(visit -> patients.get(visit.patientId(), caller)
                        .chain(patient -> examinationsOf(null, visitId, caller)
                                .chain(exams -> vitalsOf(visit.patientId(), visitId, caller)
                                        .chain(readings -> prescriptionsOf(null, visitId, caller)
                                                .map(rx -> new VisitDesk(visit, patient, exams, readings, rx))))));
    }

    /** The pharmacist's queue: ISSUED prescriptions, oldest first (GET /api/v1/prescriptions?status=ISSUED). */
    public Uni<List<Rx>> dispensingQueue(Caller caller) {
        PageRequest oldest = PageRequest.of(0, PageRequest.MAX_SIZE, null, PrescriptionResource.SORTABLE, "issuedAt");
        return prescriptions.search(new PrescriptionRepository.Criteria(null, null, null, null,
                        Prescription.Status.ISSUED, TimeWindow.parse(null, null)), oldest, caller)
                .chain(page -> named(page.items(), true));
    }

    public Uni<PatientChart.Section<ExaminationView>> examinationsOf(Long patientId, Long visitId, Caller caller) {
        if (!CLINICAL_READERS.contains(caller.role())) {
            return Uni.createFrom().item(PatientChart.Section.hidden());
        }
        PageRequest newest = PageRequest.of(0, LIST_SIZE, null, ExaminationResource.SORTABLE,
                "performedAt,desc");
        return hiddenIfForbidden(Uni.createFrom().deferred(() -> examinations.search(
                new ExaminationRepository.Criteria(visitId, patientId, null, null, TimeWindow.parse(null, null)),
                newest, caller)));
    }

    public Uni<PatientChart.Section<VitalSignView>> vitalsOf(long patientId, Long visitId, Caller caller) {
        if (!CLINICAL_READERS.contains(caller.role())) {
            return Uni.createFrom().item(PatientChart.Section.hidden());
        }
        PageRequest newest = PageRequest.of(0, VITALS_SHOWN, null, VitalSignResource.SORTABLE,
                "measuredAt,desc");
        return hiddenIfForbidden(Uni.createFrom().deferred(() -> vitals.search(new VitalSignRepository.Criteria(
                patientId, visitId, null, null, TimeWindow.parse(null, null)), newest, caller)));
    }

    public Uni<PatientChart.Section<Rx>> prescriptionsOf(Long patientId, Long visitId, Caller caller) {
        if (!PRESCRIPTION_READERS.contains(caller.role())) {
            return Uni.createFrom().item(PatientChart.Section.hidden());
        }
        PageRequest newest = PageRequest.of(0, LIST_SIZE, null, PrescriptionResource.SORTABLE, "issuedAt,desc");
        Uni<Page<PrescriptionView>> page = Uni.createFrom().deferred(() -> prescriptions.search(
                new PrescriptionRepository.Criteria(visitId, patientId, null, null, null,
                        TimeWindow.parse(null, null)), newest, caller));
        return hiddenIfForbidden(page.chain(found -> named(found.items(), false).map(rx -> new Page<>(rx,
                found.page(), found.size(), found.totalItems(), found.totalPages()))));
    }

    /** Vital signs per type, oldest first, for the charts. */
    public static List<VitalSeries> series(List<VitalSignView> readings) {
        Map<VitalType, List<VitalSignView>> byType = new EnumMap<>(VitalType.class);
        readings.stream().sorted(Comparator.comparing(VitalSignView::measuredAt))
                .forEach(v -> byType.computeIfAbsent(v.type(), t -> new ArrayList<>()).add(v));
        return byType.entrySet().stream().map(e -> new VitalSeries(e.getKey(), e.getValue())).toList();
    }

    public Uni<Rx> named(PrescriptionView view) {
        return named(List.of(view), false).map(list -> list.get(0));
    }

    private Uni<List<Rx>> named(List<PrescriptionView> views, boolean withPatients) {
        List<Long> drugIds = views.stream().flatMap(v -> v.items().stream()).map(ItemView::drugId).toList();
        List<Long> patientIds = withPatients ? views.stream().map(PrescriptionView::patientId).toList() : List.of();
        return lookups.drugs(drugIds).chain(drugs -> lookups.patients(patientIds).map(people -> views.stream()
                .map(v -> {
                    Patient p = people.get(v.patientId());
                    return new Rx(v, v.items().stream().map(i -> line(i, drugs.get(i.drugId()))).toList(),
                            p == null ? null : p.getName(), p == null ? null : p.getMrn());
                }).toList()));
    }

    private static Line line(ItemView item, Drug drug) {
        return new Line(item, drug == null ? "#" + item.drugId() : drug.getName(), drug == null ? "" : drug.getUnit());
    }

    private static <T> Uni<PatientChart.Section<T>> hiddenIfForbidden(Uni<Page<T>> list) {
        return list.map(PatientChart.Section::new)
                .onFailure(e -> e instanceof DomainException refused && refused.status() == 403)
                .recoverWithItem(PatientChart.Section.hidden());
    }
}
