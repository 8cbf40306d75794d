package org.mdms.records.console;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.common.DomainException;
import org.mdms.common.PageRequest;
import org.mdms.records.audit.AuditLog;
import org.mdms.records.auth.Caller;
import org.mdms.records.common.Page;
import org.mdms.records.examination.ExaminationDtos.ExaminationView;
import org.mdms.records.patient.PatientDtos.PatientView;
import org.mdms.records.patient.PatientService;
import org.mdms.records.visit.TimeWindow;
import org.mdms.records.visit.VisitDtos.VisitView;
import org.mdms.records.visit.VisitRepository;
import org.mdms.records.visit.VisitResource;
import org.mdms.records.visit.VisitService;
import org.mdms.records.vitals.VitalSignDtos.VitalSignView;

import java.util.List;


/**
 * The patient chart as the console shows it, read through the same services (care relationship, masking, audit) as
 * GET /api/v1/patients/{id}, /visits, /prescriptions, /examinations and /vital-signs?patientId=, with the caller's
 * identity.
 */
@ApplicationScoped
public class PatientChart {

    /** The newest entries of each list; the chart links to nothing older yet. */
    static final int LIST_SIZE = 50;

    public record Chart(PatientView patient, Section<VisitView> visits, Section<ClinicalDesk.Rx> prescriptions,
                        Section<ExaminationView> examinations, Section<VitalSignView> vitals,
                        ClinicalDesk.Times times) {

        /** The vital signs per type, oldest first, for the charts. */
        public List<ClinicalDesk.VitalSeries> vitalSeries() {
            return vitals.shown() ? ClinicalDesk.series(vitals.page().items()) : List.of();
        }
    }

    /** A list the caller may see (page set), or one their role or care relationship does not show (page null). */
    public record Section<T>(Page<T> page) {

        public boolean shown() {
            return page != null;
        }

        static <T> Section<T> hidden() {
            return new Section<>(null);
        }
    }

    private final PatientService patients;
    private final VisitService visits;
    private final ClinicalDesk desk;
    private final ClinicalDesk.Times times;
    private final AuditLog audit;

    PatientChart(PatientService patients, VisitService visits, ClinicalDesk desk, ClinicalSettings settings,
                 AuditLog audit) {
        this.audit = audit;
        this.patients = patients;
        this.visits = visits;
        this.desk = desk;
        this.times = new ClinicalDesk.Times(settings.zone());
    }

    /**
     * 403/404 exactly as the API answers for the record; a list the caller may not read is left out, not an error.
     * Audited as one READ row of the patient naming the parts read (the API's reads of each part write their own).
     */
    public Uni<Chart> open(long patientId, Caller caller) {
        return audit.asOneRead(caller, patientId, "chart", () -> read(patientId, caller));
    }

    private Uni<Chart> read(long patientId, Caller caller) {
        return patients.get(patientId, caller)
                .chain(patient -> visitsOf(patientId, caller)
                        .chain(visitList -> desk.prescriptionsOf(patientId, null, caller)
                                .chain(prescriptionList -> desk.examinationsOf(patientId, null, caller)
                                        .chain(exams -> desk.vitalsOf(patientId, null, caller)
                                                .map(readings -> new Chart(patient, visitList, prescriptionList,
                                                        exams, readings, times))))));
    }

    private Uni<Section<VisitView>> visitsOf(long patientId, Caller caller) {
        PageRequest newest = PageRequest.of(0, LIST_SIZE, null, VisitResource.SORTABLE, "startedAt,desc");
        return hiddenIfForbidden(visits.search(new VisitRepository.Criteria(patientId, null, null, null, null,
                TimeWindow.parse(null, null)), newest, caller));
    }

    private static <T> Uni<Section<T>> hiddenIfForbidden(Uni<Page<T>> list) {
        return list.map(Section::new)
                .onFailure(e -> e instanceof DomainException refused && refused.status() == 403)
                .recoverWithItem(Section.hidden());
    }
}
