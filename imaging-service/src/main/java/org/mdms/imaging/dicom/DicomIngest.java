package org.mdms.imaging.dicom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.mdms.common.DomainException;
import org.mdms.imaging.dicom.DicomDtos.InstanceView;
import org.mdms.imaging.patient.Caller;
import org.mdms.imaging.patient.PatientChecks;
import org.mdms.imaging.patient.PatientRefs.PatientRef;
import org.mdms.imaging.patient.PeerFailures;
import org.mdms.imaging.patient.Role;
import org.mdms.imaging.storage.ObjectStore;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The DICOM upload after {@link DicomReceiver} has read the body: find the patient by MRN at patient-service, store the file under
 * {@code dicom/{patientId}/{studyUID}/{seriesUID}/{sopUID}.dcm}, then index it with its audit row in one
 * transaction. Re-sending an instance with the same bytes answers the stored one; other bytes under the same SOP
 * Instance UID are a 409.
 */
@ApplicationScoped
public class DicomIngest {

    private static final Logger LOG = Logger.getLogger(DicomIngest.class);
    private static final Set<Role> UPLOADER_ROLES = EnumSet.of(Role.ADMIN, Role.DOCTOR, Role.NURSE, Role.TECHNICIAN);
    private static final Pattern UID = Pattern.compile("[0-9]+(\\.[0-9]+)*");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APPLICATION_DICOM = "application/dicom";
    /** A claim older than this was left by a crashed upload and is taken over. */
    private static final java.time.Duration CLAIM_TAKEOVER = java.time.Duration.ofMinutes(15);

    /** The answer: the instance and whether this request stored it (201) or found it stored (200). */
    public record Outcome(InstanceView instance, boolean created) {
    }

    private final PatientChecks checks;
    private final ObjectStore store;
    private final DicomQueries queries;
    private final DicomThumbnails thumbnails;

    DicomIngest(PatientChecks checks, ObjectStore store, DicomQueries queries,
                DicomThumbnails thumbnails) {
        this.checks = checks;
        this.store = store;
        this.queries = queries;
        this.thumbnails = thumbnails;
    }

    public void checkRole(Caller caller) {
        if (!UPLOADER_ROLES.contains(caller.role())) {
            throw DomainException.forbidden("role " + caller.roleName() + " may not upload DICOM instances");
        }
    }

    /** Everything after the file is received: patient, duplicates, storage, index. */
    public Uni<Outcome> ingest(Caller caller, DicomReceiver.Received received) {
        DicomInstance d = received.dicom();
        String mrn = required(d, DicomTag.PATIENT_ID);
        String study = uid(d, DicomTag.STUDY_INSTANCE_UID);
        String series = uid(d, DicomTag.SERIES_INSTANCE_UID);
        String sop = uid(d, DicomTag.SOP_INSTANCE_UID);
        required(d, DicomTag.MODALITY);
        LocalDate studyDate = studyDate(d);
        // the object key is fixed by the UIDs: claim the UID first, so other bytes sent at the same time get a 409
        // instead of overwriting the file of the upload whose row wins; the claim is read together with the instance
        // stored under the UID (a resend finds it there), and a stored instance decides over the claim
        return patient(caller, mrn)
                .chain(patient -> {
                    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    return queries.claim(sop, received.sha256(), now, now.minus(CLAIM_TAKEOVER))
                            .chain(claim -> {
                                if (claim.stored().isPresent()) {
                                    return Uni.createFrom().item(resend(claim.stored().get(), received));
                                }
                                if (!claim.holder().equals(received.sha256())) {
                                    throw DomainException.conflict("SOPInstanceUID", "SOPInstanceUID (0008,0018) "
                                            + sop + " is being stored with other content (SHA-256 "
                                            + claim.holder() + ") by a concurrent upload; a changed instance needs "
                                            + "a new SOP Instance UID");
                                }
                                // a stored instance's claim stays for the sweep (the row decides from now on);
                                // a failed upload gives it up at once, so that other bytes may be sent
                                return store(caller, received, patient, studyDate, now)
                                        .map(view -> new Outcome(view, true))
                                        .onFailure().call(() -> queries.release(sop, received.sha256())
                                                .onFailure().recoverWithNull());
                            });
                });
    }

    /** Every {@code mdms.dicom.claim-sweep-every}: claims older than the takeover age go. */
    @Scheduled(identity = "dicom-claim-sweep", every = "${mdms.dicom.claim-sweep-every}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweepClaims() {
        return queries.sweepClaims(Instant.now().minus(CLAIM_TAKEOVER))
                .onFailure().invoke(e -> LOG.warnf("DICOM claims not swept now (%s); the next sweep retries", e))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private Outcome resend(DicomQueries.Stored existing, DicomReceiver.Received received) {
        if (existing.deleted()) {
            throw DomainException.conflict("SOPInstanceUID", "SOPInstanceUID (0008,0018) "
                    + existing.view().sopInstanceUid() + " belongs to a deleted instance"
                    + (existing.purged() ? " whose file was purged" : "; an admin can restore it"));
        }
        if (!existing.sha256().equals(received.sha256())) {
            throw DomainException.conflict("SOPInstanceUID", "SOPInstanceUID (0008,0018) "
                    + existing.view().sopInstanceUid() + " is stored with other content (SHA-256 "
                    + existing.sha256() + "); a changed instance needs a new SOP Instance UID");
        }
        return new Outcome(existing.view(), false);
    }

    /** The patient the MRN names, which the caller may add images to (as for photos: staff must treat them). */
    private Uni<PatientRef> patient(Caller caller, String mrn) {
        return checks.byMrn(mrn, caller.bearer())
                .onFailure().transform(PeerFailures::toProblem)
                .map(found -> found.orElseThrow(() -> DomainException.unprocessable("PatientID",
                        "PatientID (0010,0020) '" + mrn + "' is not the MRN of any patient")))
                .call(p -> checks.access(p.id(), caller.bearer())
                        .onFailure().transform(PeerFailures::toProblem)
                        .invoke(access -> {
                            if (access.isEmpty() || access.get().deleted()) {
                                throw DomainException.unprocessable("PatientID", "PatientID (0010,0020) '" + mrn
                                        + "' names a deleted patient");
                            }
                            if (caller.isStaff() && !access.get().treats()) {
                                throw DomainException.forbidden("you do not treat patient " + p.id()
                                        + "; only their treating staff and admins add images");
                            }
                        }));
    }

    private Uni<InstanceView> store(Caller caller, DicomReceiver.Received received, PatientRef patient, LocalDate studyDate,
                                    Instant at) {
        DicomInstance d = received.dicom();
        String sop = d.get(DicomTag.SOP_INSTANCE_UID);
        String key = "dicom/" + patient.id() + "/" + d.get(DicomTag.STUDY_INSTANCE_UID) + "/"
                + d.get(DicomTag.SERIES_INSTANCE_UID) + "/" + sop + ".dcm";
        String whyNoThumbnail = DicomRendering.whyNot(d);
        DicomQueries.NewInstance row = new DicomQueries.NewInstance(patient.id(), d, studyDate, received.sha256(),
                received.size(), key, whyNoThumbnail == null ? "PENDING" : "NONE", whyNoThumbnail,
                identityNote(d, patient), json(d), caller.username(), caller.userId(), caller.roleName(), at);
        SpillBuffer body = received.body();
        // a body kept in memory goes out from the array it was received into (no copy; nothing writes to it now)
        Uni<Void> put = body.file() != null ? store.putFile(key, body.file(), APPLICATION_DICOM)
                : store.putBytes(key, body.memoryBytes(), (int) received.size(), APPLICATION_DICOM);
        return put
                .chain(() -> queries.insert(row)
                        .map(id -> DicomQueries.written(id, row))
                        // the row is not there: the file must not stay (unless the same bytes were stored by a
                        // concurrent upload of this instance, whose row now points at it)
                        .onFailure().call(t -> queries.instance(sop)
                                .chain(other -> other.isPresent() ? Uni.createFrom().voidItem() : store.delete(key))
                                .onFailure().invoke(e -> LOG.warnf("could not remove %s now (%s)", key, e))
                                .onFailure().recoverWithNull())
                        .onFailure(t -> !(t instanceof DomainException)).recoverWithUni(t ->
                                queries.instance(sop).map(other -> other.orElseThrow(() ->
                                        DomainException.unavailable("the image database is unavailable; nothing "
                                                + "was stored, try again later", t)))))
                .map(s -> {
                    if (!s.sha256().equals(received.sha256())) {
                        resend(s, received);
                    }
                    if ("PENDING".equals(s.thumbnailStatus())) {
                        // the render reads the body this upload received (when it fits the hand-off), not the bucket
                        thumbnails.submit(s.id(), received.body());
                    }
                    return s.view();
                });
    }

    /**
     * The MRN decides the patient; a name or birth date in the file that differs from patient-service's record is
     * kept as a note on the instance (and in the audit entry) for review, not refused.
     */
    static String identityNote(DicomInstance d, PatientRef patient) {
        StringBuilder note = new StringBuilder();
        String name = d.get(DicomTag.PATIENT_NAME);
        if (name != null && !name.isBlank() && patient.name() != null && !sameName(name, patient.name())) {
            note.append("PatientName (0010,0010) '").append(name).append("' differs from the record's name '")
                    .append(patient.name()).append("'");
        }
        String birth = d.get(DicomTag.PATIENT_BIRTH_DATE);
        if (birth != null && !birth.isBlank() && patient.birthDate() != null
                && !birth.equals(patient.birthDate().format(DateTimeFormatter.BASIC_ISO_DATE))) {
            note.append(note.isEmpty() ? "" : "; ").append("PatientBirthDate (0010,0030) ").append(birth)
                    .append(" differs from the record's ").append(patient.birthDate());
        }
        return note.isEmpty() ? null : note.toString();
    }

    /** Any component group of the DICOM name ("Zhang^Wei=张^伟") equal to the record's name, ignoring ^ and spaces. */
    private static boolean sameName(String dicomName, String recordName) {
        String wanted = recordName.replace(" ", "").toLowerCase(Locale.ROOT);
        for (String group : dicomName.split("=")) {
            if (group.replace("^", "").replace(" ", "").toLowerCase(Locale.ROOT).equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    private static String required(DicomInstance d, DicomTag tag) {
        String v = d.get(tag);
        if (v == null || v.isBlank()) {
            throw DomainException.invalid(tag.keyword(), tag.label() + " is missing or empty");
        }
        return v;
    }

    /** A UID goes into the object key: digits and dots only, at most 64 characters (PS3.5 9.1). */
    private static String uid(DicomInstance d, DicomTag tag) {
        String v = required(d, tag);
        if (v.length() > 64 || !UID.matcher(v).matches()) {
            throw DomainException.invalid(tag.keyword(), tag.label() + " '" + (v.length() > 80 ? v.substring(0, 80)
                    + "…" : v) + "' is not a UID (digits and dots, at most 64 characters)");
        }
        return v;
    }

    private static LocalDate studyDate(DicomInstance d) {
        String v = d.get(DicomTag.STUDY_DATE);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(v.trim(), DateTimeFormatter.BASIC_ISO_DATE);
        } catch (DateTimeParseException e) {
            throw DomainException.invalid("StudyDate", DicomTag.STUDY_DATE.label() + " '" + v
                    + "' is not a date (YYYYMMDD)");
        }
    }

    private static String json(DicomInstance d) {
        try {
            return JSON.writeValueAsString(d.dicomJson());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

}
