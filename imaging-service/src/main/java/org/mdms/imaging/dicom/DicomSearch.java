package org.mdms.imaging.dicom;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.common.DomainException;
import org.mdms.common.PageRequest;
import org.mdms.common.QueryChecks;
import org.mdms.imaging.audit.AuditService;
import org.mdms.imaging.dicom.DicomDtos.InstanceView;
import org.mdms.imaging.dicom.DicomDtos.SeriesView;
import org.mdms.imaging.dicom.DicomDtos.StudyView;
import org.mdms.imaging.image.ImageContent.Download;
import org.mdms.imaging.patient.Caller;
import org.mdms.imaging.patient.PatientDirectory;
import org.mdms.imaging.patient.PeerFailures;
import org.mdms.imaging.storage.ObjectStore;
import org.mdms.imaging.support.OffLoop;
import org.mdms.imaging.support.PageView;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reading the DICOM index in the manner of DICOMweb (studies of a patient, series of a study, instances of a series,
 * the file, its metadata as DICOM JSON, the thumbnail). DICOM instances are private to the patient: admins, the
 * patient themself, the uploader and staff in a care relationship with the patient (patient-service's answer)
 * read them, as PRIVATE photos; every read and every refusal is audited.
 */
@ApplicationScoped
public class DicomSearch {

    private static final Pattern MODALITY = Pattern.compile("[A-Z0-9]{1,16}");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The study list's filter, parsed. */
    public record StudyFilter(Long patientId, LocalDate from, LocalDate to, String modality) {

        public static StudyFilter of(Long patientId, String from, String to, String modality) {
            QueryChecks checks = new QueryChecks();
            LocalDate f = checks.check(() -> day("from", from));
            LocalDate t = checks.check(() -> day("to", to));
            String m = checks.check(() -> {
                if (modality == null || modality.isBlank()) {
                    return null;
                }
                if (!MODALITY.matcher(modality.trim()).matches()) {
                    throw DomainException.invalid("modality", "must be a DICOM modality code such as CT, MR, "
                            + "CR, DX, US, got '" + modality + "'");
                }
                return modality.trim();
            });
            checks.refuseIfAny();
            if (f != null && t != null && t.isBefore(f)) {
                throw DomainException.invalid("to", "must not be before from, got '" + to + "'");
            }
            return new StudyFilter(patientId, f, t, m);
        }

        private static LocalDate day(String field, String text) {
            if (text == null || text.isBlank()) {
                return null;
            }
            try {
                return LocalDate.parse(text.trim());
            } catch (DateTimeParseException e) {
                throw DomainException.invalid(field, "must be a date as yyyy-MM-dd, got '" + text + "'");
            }
        }
    }

    private final DicomQueries queries;
    private final PatientDirectory directory;
    private final AuditService audit;
    private final ObjectStore store;
    private final OffLoop offLoop;

    DicomSearch(DicomQueries queries, PatientDirectory directory, AuditService audit, ObjectStore store,
                OffLoop offLoop) {
        this.queries = queries;
        this.directory = directory;
        this.audit = audit;
        this.store = store;
        this.offLoop = offLoop;
    }

    /** Refuses (403) a role that reads no DICOM images (analysts), before any parameter is looked at. */
    public void checkRole(Caller caller) {
        if (!caller.readsPatientImages()) {
            throw DomainException.forbidden("role " + caller.roleName() + " does not read patients' DICOM images");
        }
    }

    /**
     * Studies by patient, study date range and modality. Admins may leave out the patient; a patient sees only their
     * own; staff name the patient (a 400 otherwise), whose studies they see when they treat them.
     */
    public Uni<PageView<StudyView>> studies(Caller caller, StudyFilter filter, PageRequest page) {
        checkRole(caller);
        Long patientId = filter.patientId();
        if (caller.isPatient()) {
            if (patientId != null && !caller.isPatientSelf(patientId)) {
                throw DomainException.forbidden("a patient sees only their own studies");
            }
            patientId = caller.patientId();
        } else if (patientId == null && !caller.isAdmin()) {
            throw DomainException.invalid("patientId", "is required: studies are listed per patient");
        }
        Long patient = patientId;
        Uni<Void> allowed = patient == null ? Uni.createFrom().voidItem()
                : authorize(caller, patient, "LIST", "DICOM_STUDY", null, null);
        return allowed.chain(() -> queries.studies(patient, filter.from(), filter.to(), filter.modality(),
                        page.page(), page.size(), page.sort()))
                .map(found -> PageView.of(found.items(), page, found.total()));
    }

    public Uni<List<SeriesView>> series(Caller caller, String studyUid) {
        return studyPatient(studyUid)
                .call(patientId -> authorize(caller, patientId, "READ", "DICOM_STUDY", null, null))
                .chain(() -> queries.series(studyUid));
    }

    public Uni<List<InstanceView>> instances(Caller caller, String studyUid, String seriesUid) {
        return studyPatient(studyUid)
                .call(patientId -> authorize(caller, patientId, "READ", "DICOM_STUDY", null, null))
                .chain(() -> queries.instances(studyUid, seriesUid))
                .invoke(list -> {
                    if (list.isEmpty()) {
                        throw DomainException.notFound("series", seriesUid + " of study " + studyUid);
                    }
                });
    }

    /** The instance at this path, if the caller may read it (audited as {@code action}). */
    Uni<DicomQueries.Stored> instance(Caller caller, String studyUid, String seriesUid, String sopUid, String action) {
        return queries.instance(sopUid)
                .map(found -> found.filter(s -> s.studyUid().equals(studyUid) && s.seriesUid().equals(seriesUid)
                        && !s.deleted())
                        .orElseThrow(() -> DomainException.notFound("instance", sopUid + " of series " + seriesUid
                                + " of study " + studyUid)))
                .call(s -> authorize(caller, s.patientId(), action, "DICOM_INSTANCE", s.id(),
                        s.view().uploadedBy()));
    }

    public Uni<InstanceView> view(Caller caller, String studyUid, String seriesUid, String sopUid) {
        return instance(caller, studyUid, seriesUid, sopUid, "READ").map(DicomQueries.Stored::view);
    }

    /** The attributes read at upload as DICOM JSON: an array of one dataset, as DICOMweb's metadata answers. */
    public Uni<List<Map<String, Object>>> metadata(Caller caller, String studyUid, String seriesUid, String sopUid) {
        return instance(caller, studyUid, seriesUid, sopUid, "READ").chain(s -> queries.metadata(s.id())).map(json -> {
            try {
                Map<String, Object> dataset = JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {
                });
                return List.of(dataset);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Every instance of a study (seriesUid null) or of one of its series as DICOM JSON, one data set each. */
    public Uni<List<Map<String, Object>>> metadata(Caller caller, String studyUid, String seriesUid) {
        return studyPatient(studyUid)
                .call(patientId -> authorize(caller, patientId, "READ", "DICOM_STUDY", null, null))
                .chain(() -> queries.metadata(studyUid, seriesUid))
                .map(all -> {
                    if (all.isEmpty()) {
                        throw DomainException.notFound("series", seriesUid + " of study " + studyUid);
                    }
                    return all.stream().map(DicomSearch::dataset).toList();
                });
    }

    /**
     * Frame {@code frame} (from 1) rendered at full size as JPEG or PNG ({@code format}). Instances whose transfer
     * syntax or pixel format is not rendered are a 422 saying which; a frame past the last is a 404.
     */
    public Uni<Download> rendered(Caller caller, String studyUid, String seriesUid, String sopUid, int frame,
                                  String format) {
        return instance(caller, studyUid, seriesUid, sopUid, "PREVIEW").chain(s -> {
            if ("NONE".equals(s.thumbnailStatus())) {
                throw DomainException.unprocessable("transferSyntaxUid", "this instance is not rendered: "
                        + s.thumbnailNote());
            }
            if (frame > s.view().frames()) {
                String detail = "frame " + frame + " does not exist: instance " + sopUid + " has "
                        + s.view().frames() + " frame(s)";
                throw new DomainException(404, "Not Found", detail,
                        List.of(new DomainException.FieldError("frame", detail)));
            }
            return store.open(s.objectKey(), null, null).chain(found -> {
                var object = found.orElseThrow(() -> new DomainException(502, "Bad Gateway", "the stored file "
                        + s.objectKey() + " is missing from the bucket"));
                // decoding and encoding the frame is CPU work: a worker thread, never the event loop
                return offLoop.run(() -> render(object, s, frame, format));
            });
        });
    }

    private static Download render(java.io.InputStream object, DicomQueries.Stored s, int frame, String format) {
        byte[] bytes;
        try (java.io.InputStream in = new java.io.BufferedInputStream(object, 65536)) {
            DicomInstance d = DicomReader.read(in, s.sizeBytes(), DicomThumbnails.MAX_FRAME_BYTES, frame);
            if (d.frame() == null) {
                throw DomainException.unprocessable("frame", "frame " + frame + " is missing from the pixel data "
                        + "or larger than " + DicomThumbnails.MAX_FRAME_BYTES + " bytes");
            }
            bytes = DicomRendering.encode(DicomRendering.image(d), format);
        } catch (DicomFormatException | IllegalArgumentException e) {
            throw DomainException.unprocessable("frame", "frame " + frame + " could not be rendered: "
                    + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of("image/" + format));
        headers.put("Content-Length", List.of(Integer.toString(bytes.length)));
        headers.put("ETag", List.of("\"" + s.sha256() + "-" + frame + "-" + format + "\""));
        return new Download(200, headers, null, bytes);
    }

    private static Map<String, Object> dataset(String json) {
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Part 10 file, streamed from the bucket (ETag = the SHA-256). */
    public Uni<Download> file(Caller caller, String studyUid, String seriesUid, String sopUid) {
        return instance(caller, studyUid, seriesUid, sopUid, "DOWNLOAD")
                .chain(s -> open(s.objectKey(), "application/dicom", s.sha256()));
    }

    /** The thumbnail of frame 1; 409 while PENDING (Retry-After) and when there is none (thumbnailNote says why). */
    public Uni<Download> thumbnail(Caller caller, String studyUid, String seriesUid, String sopUid, String path) {
        return instance(caller, studyUid, seriesUid, sopUid, "THUMBNAIL").chain(s -> {
            if ("READY".equals(s.thumbnailStatus())) {
                return open(s.thumbnailKey(), "image/jpeg", s.sha256() + "-thumbnail");
            }
            boolean pending = "PENDING".equals(s.thumbnailStatus());
            Download problem = Download.problem(DomainException.conflict(null, pending
                    ? "the thumbnail is being rendered; try again shortly"
                    : "no thumbnail (" + s.thumbnailStatus() + "): " + s.thumbnailNote()), path);
            if (pending) {
                problem.headers().put("Retry-After", List.of("2"));
            }
            return Uni.createFrom().item(problem);
        });
    }

    private Uni<Download> open(String key, String contentType, String etag) {
        return store.open(key, null, null).map(found -> {
            var object = found.orElseThrow(() -> new DomainException(502, "Bad Gateway", "the stored file " + key
                    + " is missing from the bucket"));
            Map<String, List<String>> headers = new LinkedHashMap<>();
            headers.put("Content-Type", List.of(contentType));
            String length = object.headers().get("Content-Length");
            if (length != null) {
                headers.put("Content-Length", List.of(length));
            }
            headers.put("ETag", List.of("\"" + etag + "\""));
            return new Download(200, headers, object, null);
        });
    }

    private Uni<Long> studyPatient(String studyUid) {
        return queries.studyPatient(studyUid).map(p -> p.orElseThrow(() -> DomainException.notFound("study",
                studyUid)));
    }

    /**
     * Admins, the patient themself and the uploader (instance level) read; staff when patient-service reports a care
     * relationship. Audits the read, or the refusal as DENIED.
     */
    private Uni<Void> authorize(Caller caller, long patientId, String action, String resourceType, Long resourceId,
                                String uploadedBy) {
        Uni<Boolean> allowed;
        if (caller.isAdmin() || caller.isPatientSelf(patientId)
                || uploadedBy != null && uploadedBy.equals(caller.username())) {
            allowed = Uni.createFrom().item(true);
        } else if (!caller.isStaff()) {
            allowed = Uni.createFrom().item(false);
        } else {
            allowed = directory.access(patientId, caller.bearer()).onFailure().transform(PeerFailures::toProblem)
                    .map(a -> a.map(x -> x.mayReadPrivate()).orElse(false));
        }
        return allowed.chain(ok -> ok
                ? audit.recordRead(caller, action, resourceType, resourceId, patientId, null)
                : audit.recordRead(caller, "DENIED", resourceType, resourceId, patientId, action)
                .chain(() -> Uni.createFrom().failure(DomainException.forbidden("DICOM images of patient "
                        + patientId + " are private to the patient, their treating staff and admins"))));
    }
}
