package org.mdms.records.console;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.common.DomainException;
import org.mdms.common.PageRequest;
import org.mdms.records.auth.Caller;
import org.mdms.records.auth.Role;
import org.mdms.records.common.Page;
import org.mdms.records.patient.PatientDtos.PatientView;
import org.mdms.records.patient.PatientService;
import org.mdms.records.prescription.PrescriptionDtos.PrescriptionView;
import org.mdms.records.prescription.PrescriptionRepository;
import org.mdms.records.prescription.PrescriptionResource;
import org.mdms.records.prescription.PrescriptionService;
import org.mdms.records.visit.TimeWindow;
import org.mdms.records.visit.VisitDtos.VisitView;
import org.mdms.records.visit.VisitRepository;
import org.mdms.records.visit.VisitResource;
import org.mdms.records.visit.VisitService;

import java.util.Set;

/**
 * The patient chart as the console shows it, read through the same services (care relationship, masking, audit) as
 * GET /api/v1/patients/{id}, /visits?patientId= and /prescriptions?patientId=, with the caller's identity.
 */
@ApplicationScoped
public class PatientChart {

    /** The newest entries of each list; the chart links to nothing older yet. */
    static final int LIST_SIZE = 50;
    /** The roles GET /api/v1/prescriptions allows. */
    private static final Set<Role> PRESCRIPTION_READERS = Set.of(Role.ADMIN, Role.DOCTOR, Role.NURSE,
            Role.PHARMACIST, Role.PATIENT);

    public record Chart(PatientView patient, Section<VisitView> visits, Section<PrescriptionView> prescriptions) {
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
    private final PrescriptionService prescriptions;

    PatientChart(PatientService patients, VisitService visits, PrescriptionService prescriptions) {
        this.patients = patients;
        this.visits = visits;
        this.prescriptions = prescriptions;
    }

    /** 403/404 exactly as the API answers for the record; a list the caller may not read is left out, not an error. */
    public Uni<Chart> open(long patientId, Caller caller) {
        return patients.get(patientId, caller)
                .chain(patient -> visitsOf(patientId, caller)
                        .chain(visitList -> prescriptionsOf(patientId, caller)
                                .map(prescriptionList -> new Chart(patient, visitList, prescriptionList))));
    }

    private Uni<Section<VisitView>> visitsOf(long patientId, Caller caller) {
        PageRequest newest = PageRequest.of(0, LIST_SIZE, null, VisitResource.SORTABLE, "startedAt,desc");
        return hiddenIfForbidden(visits.search(new VisitRepository.Criteria(patientId, null, null, null, null,
                TimeWindow.parse(null, null)), newest, caller));
    }

    private Uni<Section<PrescriptionView>> prescriptionsOf(long patientId, Caller caller) {
        if (!PRESCRIPTION_READERS.contains(caller.role())) {
            return Uni.createFrom().item(Section.hidden());
        }
        PageRequest newest = PageRequest.of(0, LIST_SIZE, null, PrescriptionResource.SORTABLE, "issuedAt,desc");
        return hiddenIfForbidden(prescriptions.search(new PrescriptionRepository.Criteria(null, patientId, null, null,
                null, TimeWindow.parse(null, null)), newest, caller));
    }

    private static <T> Uni<Section<T>> hiddenIfForbidden(Uni<Page<T>> list) {
        return list.map(Section::new)
                .onFailure(e -> e instanceof DomainException refused && refused.status() == 403)
                .recoverWithItem(Section.hidden());
    }
}
