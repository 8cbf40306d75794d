package org.mdms.imaging.image;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.CompositeException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.mdms.imaging.config.ImagingConfig;
import org.mdms.common.DomainException;
import org.mdms.common.PlainTextParameters;
import org.mdms.imaging.image.ImageDtos.ImageView;
import org.mdms.imaging.image.ImageDtos.UploadCommand;
import org.mdms.imaging.image.ImageProcessor.Processed;
import org.mdms.imaging.patient.Caller;
import org.mdms.imaging.patient.PatientChecks;
import org.mdms.imaging.patient.PatientDirectory;
import org.mdms.imaging.patient.PeerFailures;
import org.mdms.imaging.patient.Role;
import org.mdms.imaging.storage.ObjectStore;
import org.mdms.imaging.support.OffLoop;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The upload pipeline: validate, check references with patient-service, hash (and render thumbnails), store the
 * objects, record the row.
 * <p>
 * Upload order keeps storage and database consistent: the id is taken first, the objects are written under keys
 * carrying it, and only then is the row inserted. A failed write deletes what was written (compensation); a crash in
 * between leaves at most objects without a row, which the reconciler finds.
 */
@ApplicationScoped
public class ImageUpload {

    private static final Logger LOG = Logger.getLogger(ImageUpload.class);
    private static final Set<Role> UPLOADER_ROLES =
            EnumSet.of(Role.ADMIN, Role.DOCTOR, Role.NURSE, Role.TECHNICIAN, Role.PATIENT);

    private final ImagingConfig config;
    private final ImageProcessor processor;
    private final ObjectStore store;
    private final PatientDirectory directory;
    private final PatientChecks checks;
    private final ImageRepository images;
    private final ImageMetadata metadata;
    private final OffLoop offLoop;
    private final MeterRegistry metrics;
    private final ThumbnailWorker thumbnails;

    ImageUpload(ImagingConfig config, ImageProcessor processor, ObjectStore store, PatientDirectory directory,
                ImageRepository images, ImageMetadata metadata, OffLoop offLoop, MeterRegistry metrics,
                ThumbnailWorker thumbnails, PatientChecks checks) {
        this.checks = checks;
        this.config = config;
        this.processor = processor;
        this.store = store;
        this.directory = directory;
        this.images = images;
        this.metadata = metadata;
        this.offLoop = offLoop;
        this.metrics = metrics;
        this.thumbnails = thumbnails;
    }

    /** A validated upload on its way through the pipeline. */
    record Plan(UploadCommand command, long patientId, Long visitId, Long technicianId, ImageCategory category,
                String title, String description, Visibility visibility, Processed processed, byte[] body, Long id,
                Instant at) {

        Plan with(Examined e) {
            return new Plan(command, patientId, visitId, technicianId, category, title, description, visibility,
                    e.processed(), e.body(), id, at);
        }

        Plan with(long newId) {
            return new Plan(command, patientId, visitId, technicianId, category, title, description, visibility,
                    processed, body, newId, Instant.now());
        }

        String originalKey() {
            return ImageKeys.original(patientId, id, at, processed.extension());
        }

        List<String> keys(ImagingConfig config) {
            return List.of(originalKey(), ImageKeys.derived(id, config.images().previewSize()),
                    ImageKeys.derived(id, config.images().thumbnailSize()));
        }
    }

    // ---------------------------------------------------------------------------------------------------- upload

    public Uni<ImageView> upload(Caller caller, UploadCommand command) {
        return Uni.createFrom().item(() -> validate(caller, command))
                // the reference check (network), hashing/decoding (CPU, worker thread) and taking the image id
                // (database) overlap; all must succeed before anything is stored (an id taken by a refused upload
                // is only a gap in the sequence)
                .chain(plan -> Uni.combine().all().unis(
                                checkReferences(caller, plan).replaceWith(Boolean.TRUE),
                                offLoop.run(() -> asyncThumbnails() ? headerOnly(plan.command())
                                        : new Examined(processor.process(plan.command().file()), null)),
                                allocateId())
                        .asTuple().map(all -> plan.with(all.getItem2()).with(all.getItem3())))
                .invoke(plan -> {
                    record("hash", plan.processed().hashNanos());
                    record(asyncThumbnails() ? "inspect" : "thumbnail", plan.processed().renderNanos());
                })
                .chain(this::storeObjects)
                .chain(plan -> insertRow(caller, plan)
                        // the row is committed: the worker may render now, from the body still in memory (if its
                        // queue is full, the periodic scan will, reading the original from the bucket)
                        .invoke(image -> {
                            if (image.getThumbnailStatus() == ThumbnailStatus.PENDING) {
                                thumbnails.submit(image.getId(), plan.body());
                            }
                        }))
                .map(ImageView::of);
    }

    boolean asyncThumbnails() {
        return config.imaging().thumbnails().mode() == ImagingConfig.ThumbnailMode.ASYNC;
    }

    /** What the blocking step found, and the body when it was read into memory (else null: stored from the file). */
    record Examined(Processed processed, byte[] body) {
    }

    /**
     * Async mode: hash + header only; no derived JPEGs (null), renderNanos holds the header-reading time. A body up to
     * {@code hand-off-max} is read from the temporary file once and then hashed, checked, stored and handed to the
     * render from memory; a larger one is hashed from the file and the store reads the file itself.
     */
    private Examined headerOnly(UploadCommand command) {
        byte[] body = null;
        ImageProcessor.Inspected i;
        long readNanos = 0;
        if (command.size() <= config.imaging().thumbnails().handOffMax().asLongValue()) {
            long start = System.nanoTime();
            try {
                body = java.nio.file.Files.readAllBytes(command.file());
            } catch (java.io.IOException e) {
                throw new IllegalStateException("cannot read the uploaded file", e);
            }
            readNanos = System.nanoTime() - start;
            i = processor.inspect(body, body.length);
        } else {
            i = processor.inspect(command.file());
        }
        // the "hash" step counts the one read of the file too
        return new Examined(new Processed(i.sha256(), i.format(), i.contentType(), i.extension(), i.width(),
                i.height(), null, null, readNanos + i.hashNanos(), i.inspectNanos()), body);
    }

    Plan validate(Caller caller, UploadCommand c) {
        if (!UPLOADER_ROLES.contains(caller.role())) {
            throw DomainException.forbidden("role " + caller.roleName() + " may not upload images");
        }
        if (c.file() == null) {
            throw DomainException.invalid("file", "a file part named 'file' is required");
        }
        if (c.size() == 0) {
            throw DomainException.invalid("file", "the file is empty");
        }
        long max = config.images().maxSize().asLongValue();
        if (c.size() > max) {
            throw new DomainException(413, "Content Too Large", "file: " + c.size() + " bytes is more than the "
                    + max + " bytes allowed", List.of(new DomainException.FieldError("file", "larger than " + max
                    + " bytes")), null);
        }
        // every fault of the form's fields in one answer, as the JSON bodies' are
        List<DomainException.FieldError> faults = new ArrayList<>();
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("category", c.category());
        texts.put("description", c.description());
        texts.put("patientId", c.patientId());
        texts.put("technicianId", c.technicianId());
        texts.put("title", c.title());
        texts.put("visibility", c.visibility());
        texts.put("visitId", c.visitId());
        texts.forEach((field, value) -> {
            if (!PlainTextParameters.plainText(value)) {
                faults.add(new DomainException.FieldError(field, PlainTextParameters.MESSAGE));
            }
        });
        Long patientId = id("patientId", c.patientId(), true, faults);
        Long visitId = id("visitId", c.visitId(), false, faults);
        Long technicianId = id("technicianId", c.technicianId(), false, faults);
        ImageCategory category = null;
        if (c.category() == null || c.category().isBlank()) {
            faults.add(new DomainException.FieldError("category", "is required; one of "
                    + List.of(ImageCategory.values())));
        } else if (!faulted(faults, "category")) {
            category = ImageCategory.parse(c.category()).orElse(null);
            if (category == null) {
                faults.add(new DomainException.FieldError("category", ImageCategory.notACategory(c.category())));
            }
        }
        Visibility visibility = Visibility.PRIVATE;
        if (c.visibility() != null && !c.visibility().isBlank() && !faulted(faults, "visibility")) {
            visibility = Visibility.parse(c.visibility()).orElse(null);
            if (visibility == null) {
                faults.add(new DomainException.FieldError("visibility", "must be PUBLIC or PRIVATE"));
            }
        }
        String fileName = c.fileName() == null || c.fileName().isBlank() ? "upload" : c.fileName().trim();
        if (fileName.length() > 255) {
            faults.add(new DomainException.FieldError("file", "file name longer than 255 characters"));
        }
        String title = c.title() == null || c.title().isBlank() ? fileName : c.title().trim();
        if (title.length() > 200 && !faulted(faults, "title")) {
            faults.add(new DomainException.FieldError("title", "at most 200 characters"));
        }
        if (c.description() != null && c.description().length() > 2000 && !faulted(faults, "description")) {
            faults.add(new DomainException.FieldError("description", "at most 2000 characters"));
        }
        if (!faults.isEmpty()) {
            faults.sort(Comparator.comparing(DomainException.FieldError::field));
            throw DomainException.invalid(faults);
        }
        if (caller.isPatient() && !caller.isPatientSelf(patientId)) {
            throw DomainException.forbidden("a patient may upload images only to their own record");
        }
        String description = c.description() == null || c.description().isBlank() ? null : c.description().trim();
        UploadCommand named = new UploadCommand(c.file(), fileName, c.size(), c.patientId(), c.visitId(),
                c.technicianId(), c.category(), c.title(), c.description(), c.visibility());
        return new Plan(named, patientId, visitId, technicianId, category, title, description, visibility, null, null,
                null, null);
    }

    /**
     * Patient must exist and not be deleted (404; an admin, who can see deleted records, gets 422); visit must exist
     * and belong to the patient, technician must be one (422).
     */
    Uni<Void> checkReferences(Caller caller, Plan plan) {
        // the access question, not the record: patient-service answers it without reading the full record or
        // writing an audit entry (the upload itself is audited here)
        Uni<Void> patient = checks.access(plan.patientId(), caller.bearer())
                .onFailure().transform(PeerFailures::toProblem)
                .invoke(p -> {
                    if (p.isEmpty() || p.get().deleted() && !caller.isAdmin()) {
                        throw new DomainException(404, "Patient not found", "patientId: patient " + plan.patientId()
                                + " does not exist", List.of(new DomainException.FieldError("patientId",
                                "no such patient")), null);
                    }
                    if (p.get().deleted()) {
                        throw DomainException.unprocessable("patientId", "patient " + plan.patientId()
                                + " is deleted; restore the record before adding images");
                    }
                    // new clinical data comes from staff in a care relationship (or break-the-glass)
                    if (caller.isStaff() && !p.get().treats()) {
                        throw DomainException.forbidden("you do not treat patient " + plan.patientId()
                                + "; only their treating staff, the patient and admins add images");
                    }
                })
                .replaceWithVoid();
        Uni<Void> visit = plan.visitId() == null ? Uni.createFrom().voidItem()
                : directory.visit(plan.visitId(), caller.bearer())
                .onFailure().transform(PeerFailures::toProblem)
                .invoke(v -> {
                    if (v.isEmpty()) {
                        throw DomainException.unprocessable("visitId", "visit " + plan.visitId() + " does not exist");
                    }
                    if (v.get().patientId() != null && v.get().patientId() != plan.patientId()) {
                        throw DomainException.unprocessable("visitId", "visit " + plan.visitId()
                                + " belongs to another patient");
                    }
                })
                .replaceWithVoid();
        Uni<Void> technician = plan.technicianId() == null ? Uni.createFrom().voidItem()
                : directory.staff(plan.technicianId(), caller.bearer())
                .onFailure().transform(PeerFailures::toProblem)
                .invoke(s -> {
                    if (s.isEmpty()) {
                        throw DomainException.unprocessable("technicianId", "staff member " + plan.technicianId()
                                + " does not exist");
                    }
                    if (!"TECHNICIAN".equals(s.get().kind())) {
                        throw DomainException.unprocessable("technicianId", "staff member " + plan.technicianId()
                                + " is a " + s.get().kind() + ", not a technician");
                    }
                })
                .replaceWithVoid();
        return patient.chain(() -> visit).chain(() -> technician);
    }

    Uni<Long> allocateId() {
        long start = System.nanoTime();
        return images.nextId()
                .invoke(() -> record("database", System.nanoTime() - start))
                .onFailure().transform(t -> DomainException.unavailable(
                        "the image database is unavailable; nothing was stored, try again later", t));
    }

    /**
     * Writes original, preview and thumbnail in parallel (only the original in async mode, the worker writes the
     * others later); if any write fails, removes the others.
     */
    Uni<Plan> storeObjects(Plan plan) {
        long start = System.nanoTime();
        Processed p = plan.processed();
        List<String> keys = plan.keys(config);
        Uni<Void> original = plan.body() != null ? store.putBytes(keys.get(0), plan.body(), p.contentType())
                : store.putFile(keys.get(0), plan.command().file(), p.contentType());
        List<Uni<Void>> writes = p.preview() == null
                ? List.of(original)
                : List.of(original,
                store.putBytes(keys.get(1), p.preview(), "image/jpeg"),
                store.putBytes(keys.get(2), p.thumbnail(), "image/jpeg"));
        return Uni.join().all(writes)
                .andCollectFailures()
                .invoke(() -> record("storage", System.nanoTime() - start))
                .replaceWith(plan)
                .onFailure().call(t -> removeObjects(keys, "storage write failed"))
                .onFailure().transform(ImageUpload::firstProblem);
    }

    Uni<Image> insertRow(Caller caller, Plan plan) {
        long start = System.nanoTime();
        // the row's transaction holds no storage call: a failed insert is compensated here, after its rollback
        return metadata.recordUpload(caller, toEntity(caller, plan))
                .invoke(() -> record("database", System.nanoTime() - start))
                .onFailure().call(t -> removeObjects(plan.keys(config), "metadata insert failed"))
                .onFailure().transform(t -> t instanceof DomainException ? t
                        : DomainException.unavailable("the image database is unavailable; nothing was stored, "
                        + "try again later", t));
    }

    private Image toEntity(Caller caller, Plan plan) {
        Processed p = plan.processed();
        List<String> keys = plan.keys(config);
        return new Image(plan.id(), plan.patientId(), plan.visitId(), plan.technicianId(), plan.category(),
                plan.title(), plan.description(), plan.command().fileName(), p.contentType(), p.format(),
                plan.command().size(), p.width(), p.height(), p.sha256(), keys.get(0), keys.get(1), keys.get(2),
                p.preview() == null ? ThumbnailStatus.PENDING : ThumbnailStatus.READY, plan.visibility(),
                caller.username(), caller.userId(), plan.at());
    }

    /** Compensation: best effort; what cannot be deleted now is left to the reconciler, and logged. */
    Uni<Void> removeObjects(List<String> keys, String why) {
        return Uni.join().all(keys.stream().map(k -> store.delete(k)
                        .onFailure().invoke(t -> LOG.warnf("%s; could not remove %s now (%s), the reconciler will",
                                why, k, t.getMessage()))
                        .onFailure().recoverWithNull()).toList())
                .andCollectFailures().replaceWithVoid();
    }

    private void record(String step, long nanos) {
        Timer.builder("mdms.image.upload.step").description("time spent per upload step")
                .tag("step", step).register(metrics).record(nanos, TimeUnit.NANOSECONDS);
    }

    static Throwable firstProblem(Throwable t) {
        if (t instanceof CompositeException composite) {
            return composite.getCauses().stream().filter(c -> c instanceof DomainException).findFirst()
                    .orElse(composite.getCauses().get(0));
        }
        return t;
    }

    private static boolean faulted(List<DomainException.FieldError> faults, String field) {
        return faults.stream().anyMatch(fault -> fault.field().equals(field));
    }

    /** A form field's id: a positive whole number; its fault added to {@code faults} (null then). */
    private static Long id(String field, String text, boolean required, List<DomainException.FieldError> faults) {
        if (faulted(faults, field)) {
            return null;
        }
        if (text == null || text.isBlank()) {
            if (required) {
                faults.add(new DomainException.FieldError(field, "is required"));
            }
            return null;
        }
        try {
            long id = Long.parseLong(text.trim());
            if (id > 0) {
                return id;
            }
            faults.add(new DomainException.FieldError(field, "must be a positive number"));
        } catch (NumberFormatException e) {
            faults.add(new DomainException.FieldError(field, "'" + text + "' is not a number"));
        }
        return null;
    }
}
