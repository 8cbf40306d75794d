package org.mdms.imaging.dicom;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.common.DomainException;
import org.mdms.imaging.audit.AuditService;
import org.mdms.imaging.dicom.DicomDtos.InstanceView;
import org.mdms.imaging.patient.Caller;
import org.mdms.imaging.patient.PatientDirectory;
import org.mdms.imaging.patient.PeerFailures;
import org.mdms.imaging.patient.Role;

import java.time.Instant;

/**
 * Soft delete and restore of DICOM instances, with the rules of images: the uploader, a doctor treating the patient
 * and admins delete (with a reason); admins restore until the purge job has removed the file after
 * {@code mdms.images.retention} (MaintenanceService's purge covers DICOM instances too).
 */
@ApplicationScoped
public class DicomLifecycle {

    private final DicomQueries queries;
    private final PatientDirectory directory;
    private final AuditService audit;

    DicomLifecycle(DicomQueries queries, PatientDirectory directory, AuditService audit) {
        this.queries = queries;
        this.directory = directory;
        this.audit = audit;
    }

    public Uni<InstanceView> delete(Caller caller, String studyUid, String seriesUid, String sopUid, String reason) {
        if (reason == null || reason.isBlank()) {
            throw DomainException.invalid("reason", "a reason is required to delete a DICOM instance");
        }
        if (reason.length() > 500) {
            throw DomainException.invalid("reason", "at most 500 characters");
        }
        return located(studyUid, seriesUid, sopUid)
                .invoke(s -> {
                    if (s.deleted()) {
                        throw DomainException.notFound("instance", sopUid + " of series " + seriesUid
                                + " of study " + studyUid);
                    }
                })
                .call(s -> authorizeDelete(caller, s))
                .call(s -> queries.softDelete(s.id(), caller.username(), caller.userId(), caller.roleName(),
                        reason.trim(), Instant.now()))
                .chain(s -> queries.instance(s.id()))
                .map(s -> s.orElseThrow().view());
    }

    public Uni<InstanceView> restore(Caller caller, String studyUid, String seriesUid, String sopUid) {
        return located(studyUid, seriesUid, sopUid)
                .invoke(s -> {
                    if (s.purged()) {
                        throw DomainException.conflict(null, "instance " + sopUid + " was purged at "
                                + s.view().purgedAt() + " after the retention period; it cannot be restored");
                    }
                    if (!s.deleted()) {
                        throw DomainException.conflict(null, "instance " + sopUid + " is not deleted");
                    }
                })
                .call(s -> queries.restore(s.id(), caller.username(), caller.userId(), caller.roleName(),
                        Instant.now()))
                .chain(s -> queries.instance(s.id()))
                .map(s -> s.orElseThrow().view());
    }

    private Uni<DicomQueries.Stored> located(String studyUid, String seriesUid, String sopUid) {
        return queries.instance(sopUid).map(found -> found
                .filter(s -> s.studyUid().equals(studyUid) && s.seriesUid().equals(seriesUid))
                .orElseThrow(() -> DomainException.notFound("instance", sopUid + " of series " + seriesUid
                        + " of study " + studyUid)));
    }

    private Uni<Void> authorizeDelete(Caller caller, DicomQueries.Stored s) {
        Uni<Boolean> allowed = caller.isAdmin() || caller.username() != null
                && caller.username().equals(s.view().uploadedBy()) ? Uni.createFrom().item(true)
                : !caller.is(Role.DOCTOR) ? Uni.createFrom().item(false)
                : directory.access(s.patientId(), caller.bearer()).onFailure().transform(PeerFailures::toProblem)
                .map(a -> a.map(x -> x.treats()).orElse(false));
        return allowed.chain(ok -> ok ? Uni.createFrom().voidItem()
                : audit.record(caller, "DENIED", "DICOM_INSTANCE", s.id(), s.patientId(), "DELETE")
                .chain(() -> Uni.createFrom().failure(DomainException.forbidden("only admins, the uploader and a "
                        + "doctor treating patient " + s.patientId() + " may delete this instance"))));
    }
}
