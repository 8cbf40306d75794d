package org.mdms.imaging.image;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.CompositeException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mysqlclient.MySQLClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.mdms.imaging.audit.AuditService;
import org.mdms.imaging.config.ImagingConfig;
import org.mdms.imaging.error.DomainException;
import org.mdms.imaging.image.ImageDtos.ImageUpdate;
import org.mdms.imaging.image.ImageDtos.ImageView;
import org.mdms.imaging.image.ImageDtos.UploadCommand;
import org.mdms.imaging.image.ImageProcessor.Processed;
import org.mdms.imaging.patient.Caller;
import org.mdms.imaging.patient.PatientDirectory;
import org.mdms.imaging.patient.PatientRefs;
import org.mdms.imaging.patient.PeerFailures;
import org.mdms.imaging.patient.Role;
import org.mdms.imaging.storage.ObjectStore;
import org.mdms.imaging.support.OffLoop;
import org.mdms.imaging.support.PageRequest;
import org.mdms.imaging.support.PageView;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Image rules: upload (validate, check references with patient-service, hash, thumbnails, store, record), reads with
 * access control and audit, metadata changes, soft delete and restore.
 * <p>
 * Upload order keeps storage and database consistent: the id is taken first, the objects are written under keys
 * carrying it, and only then is the row inserted. A failed write deletes what was written (compensation); a crash in
 * between leaves at most objects without a row, which the reconciler finds.
 */
@ApplicationScoped
public class ImageService {

    private static final Logger LOG = Logger.getLogger(ImageService.class);
    static final Set<Role> UPLOADER_ROLES = EnumSet.of(Role.ADMIN, Role.DOCTOR, Role.NURSE, Role.TECHNICIAN, Role.PATIENT);
    static final Set<Role> EDITOR_ROLES = EnumSet.of(Role.ADMIN, Role.DOCTOR, Role.NURSE, Role.TECHNICIAN);
    public static final Map<String, String> SORTABLE = Map.of(
            "createdAt", "createdAt", "title", "title", "sizeBytes", "sizeBytes", "category", "category",
            "id", "id", "updatedAt", "updatedAt", "deletedAt", "deletedAt");

    private final ImagingConfig config;
    private final ImageProcessor processor;
    private final ObjectStore store;
    private final PatientDirectory directory;
    private final AuditService audit;
    private final OffLoop offLoop;
    private final Pool pool;
    private final MeterRegistry metrics;
    private final ThumbnailWorker thumbnails;

    ImageService(ImagingConfig config, ImageProcessor processor, ObjectStore store, PatientDirectory directory,
                 AuditService audit, OffLoop offLoop, Pool pool, MeterRegistry metrics, ThumbnailWorker thumbnails) {
        this.config = config;
        this.processor = processor;
        this.store = store;
        this.directory = directory;
        this.audit = audit;
        this.offLoop = offLoop;
        this.pool = pool;
        this.metrics = metrics;
        this.thumbnails = thumbnails;
    }

    /** A validated upload on its way through the pipeline. */
    record Plan(UploadCommand command, long patientId, Long visitId, Long technicianId, ImageCategory category,
                String title, String description, Visibility visibility, Processed processed, Long id, Instant at) {

        Plan with(Processed p) {
            return new Plan(command, patientId, visitId, technicianId, category, title, description, visibility, p, id, at);
        }

        Plan with(long newId) {
            return new Plan(command, patientId, visitId, technicianId, category, title, description, visibility,
                    processed, newId, Instant.now());
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
                                offLoop.run(() -> asyncThumbnails() ? headerOnly(plan.command().file())
                                        : processor.process(plan.command().file())),
                                allocateId())
                        .asTuple().map(all -> plan.with(all.getItem2()).with(all.getItem3())))
                .invoke(plan -> {
                    record("hash", plan.processed().hashNanos());
                    record(asyncThumbnails() ? "inspect" : "thumbnail", plan.processed().renderNanos());
                })
                .chain(this::storeObjects)
                .chain(plan -> insertRow(caller, plan))
                // the row is committed: the worker may render now (if its queue is full, the periodic scan will)
                .invoke(image -> {
                    if (image.thumbnailStatus == ThumbnailStatus.PENDING) {
                        thumbnails.submit(image.id);
                    }
                })
                .map(ImageView::of);
    }

    boolean asyncThumbnails() {
        return config.imaging().thumbnails().mode() == ImagingConfig.ThumbnailMode.ASYNC;
    }

    /** Async mode: hash + header only; no derived JPEGs (null), renderNanos holds the header-reading time. */
    private Processed headerOnly(java.nio.file.Path file) {
        ImageProcessor.Inspected i = processor.inspect(file);
        return new Processed(i.sha256(), i.format(), i.contentType(), i.extension(), i.width(), i.height(), null, null,
                i.hashNanos(), i.inspectNanos());
    }

    Plan validate(Caller caller, UploadCommand c) {
        if (!UPLOADER_ROLES.contains(caller.role())) {
            throw DomainException.forbidden("role " + caller.roleName() + " may not upload images");
        }
        if (c.file() == null) {
            throw DomainException.badInput("file", "a file part named 'file' is required");
        }
        if (c.size() == 0) {
            throw DomainException.badInput("file", "the file is empty");
        }
        long max = config.images().maxSize().asLongValue();
        if (c.size() > max) {
            throw new DomainException(413, "Content Too Large", "file: " + c.size() + " bytes is more than the "
                    + max + " bytes allowed", List.of(new DomainException.FieldError("file", "larger than " + max
                    + " bytes")), null);
        }
        long patientId = requiredId("patientId", c.patientId());
        Long visitId = optionalId("visitId", c.visitId());
        Long technicianId = optionalId("technicianId", c.technicianId());
        if (c.category() == null || c.category().isBlank()) {
            throw DomainException.badInput("category", "is required; one of " + List.of(ImageCategory.values()));
        }
        ImageCategory category = ImageCategory.parse(c.category()).orElseThrow(() -> DomainException.badInput(
                "category", "unknown category '" + c.category() + "'; one of " + List.of(ImageCategory.values())));
        Visibility visibility = c.visibility() == null || c.visibility().isBlank() ? Visibility.PRIVATE
                : Visibility.parse(c.visibility()).orElseThrow(() -> DomainException.badInput("visibility",
                "must be PUBLIC or PRIVATE"));
        String fileName = c.fileName() == null || c.fileName().isBlank() ? "upload" : c.fileName().trim();
        if (fileName.length() > 255) {
            throw DomainException.badInput("file", "file name longer than 255 characters");
        }
        String title = c.title() == null || c.title().isBlank() ? fileName : c.title().trim();
        if (title.length() > 200) {
            throw DomainException.badInput("title", "at most 200 characters");
        }
        if (c.description() != null && c.description().length() > 2000) {
            throw DomainException.badInput("description", "at most 2000 characters");
        }
        if (caller.isPatient() && !caller.isPatientSelf(patientId)) {
            throw DomainException.forbidden("a patient may upload images only to their own record");
        }
        String description = c.description() == null || c.description().isBlank() ? null : c.description().trim();
        UploadCommand named = new UploadCommand(c.file(), fileName, c.size(), c.patientId(), c.visitId(),
                c.technicianId(), c.category(), c.title(), c.description(), c.visibility());
        return new Plan(named, patientId, visitId, technicianId, category, title, description, visibility, null, null,
                null);
    }

    /**
     * Patient must exist and not be deleted (404; an admin, who can see deleted records, gets 422); visit must exist
     * and belong to the patient, technician must be one (422).
     */
    Uni<Void> checkReferences(Caller caller, Plan plan) {
        // the access question, not the record: patient-service answers it without reading the full record or
        // writing an audit entry (the upload itself is audited here)
        Uni<Void> patient = directory.access(plan.patientId(), caller.bearer())
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
        return pool.preparedQuery("INSERT INTO image_id_sequence () VALUES ()").execute()
                .map(rows -> (Long) org.mdms.imaging.support.SqlIds.lastInsertedId(rows))
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
        List<Uni<Void>> writes = p.preview() == null
                ? List.of(store.putFile(keys.get(0), plan.command().file(), p.contentType()))
                : List.of(store.putFile(keys.get(0), plan.command().file(), p.contentType()),
                store.putBytes(keys.get(1), p.preview(), "image/jpeg"),
                store.putBytes(keys.get(2), p.thumbnail(), "image/jpeg"));
        return Uni.join().all(writes)
                .andCollectFailures()
                .invoke(() -> record("storage", System.nanoTime() - start))
                .replaceWith(plan)
                .onFailure().call(t -> removeObjects(keys, "storage write failed"))
                .onFailure().transform(ImageService::firstProblem);
    }

    Uni<Image> insertRow(Caller caller, Plan plan) {
        long start = System.nanoTime();
        Image image = toEntity(caller, plan);
        return Panache.withTransaction(() -> image.<Image>persist()
                        .call(() -> audit.record(caller, "UPLOAD", image.id, image.patientId,
                                image.originalFilename + " (" + image.sizeBytes + " bytes, " + image.category + ")")))
                .invoke(() -> record("database", System.nanoTime() - start))
                .onFailure().call(t -> removeObjects(plan.keys(config), "metadata insert failed"))
                .onFailure().transform(t -> t instanceof DomainException ? t
                        : DomainException.unavailable("the image database is unavailable; nothing was stored, "
                        + "try again later", t));
    }

    private Image toEntity(Caller caller, Plan plan) {
        Processed p = plan.processed();
        Image image = new Image();
        image.id = plan.id();
        image.patientId = plan.patientId();
        image.visitId = plan.visitId();
        image.technicianId = plan.technicianId();
        image.category = plan.category();
        image.title = plan.title();
        image.description = plan.description();
        image.originalFilename = plan.command().fileName();
        image.contentType = p.contentType();
        image.format = p.format();
        image.sizeBytes = plan.command().size();
        image.width = p.width();
        image.height = p.height();
        image.sha256 = p.sha256();
        List<String> keys = plan.keys(config);
        image.objectKey = keys.get(0);
        image.previewKey = keys.get(1);
        image.thumbnailKey = keys.get(2);
        image.thumbnailStatus = p.preview() == null ? ThumbnailStatus.PENDING : ThumbnailStatus.READY;
        image.visibility = plan.visibility();
        image.uploadedBy = caller.username();
        image.uploadedById = caller.userId();
        image.createdAt = plan.at();
        image.updatedAt = plan.at();
        return image;
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

    private static long requiredId(String field, String text) {
        if (text == null || text.isBlank()) {
            throw DomainException.badInput(field, "is required");
        }
        Long id = optionalId(field, text);
        return id;
    }

    private static Long optionalId(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            long id = Long.parseLong(text.trim());
            if (id <= 0) {
                throw DomainException.badInput(field, "must be a positive number");
            }
            return id;
        } catch (NumberFormatException e) {
            throw DomainException.badInput(field, "'" + text + "' is not a number");
        }
    }

    // ------------------------------------------------------------------------------------------------------ reads

    /** The image if the caller may see it (deleted images only for admins), audited as {@code action}. */
    public Uni<Image> visible(Caller caller, long id, String action, boolean allowDeleted) {
        return Panache.withSession(() -> Image.<Image>findById(id))
                .invoke(image -> {
                    if (image == null || image.purgedAt != null
                            || image.isDeleted() && !(allowDeleted && caller.isAdmin())) {
                        throw DomainException.notFound("image", id);
                    }
                })
                .call(image -> authorizeRead(caller, image, action));
    }

    Uni<Void> authorizeRead(Caller caller, Image image, String action) {
        return mayRead(caller, image).chain(allowed -> allowed
                ? audit.record(caller, action, image.id, image.patientId, null)
                : audit.record(caller, "DENIED", image.id, image.patientId, action)
                .chain(() -> Uni.createFrom().failure(DomainException.forbidden(
                        "image " + image.id + " is private to the patient, their treating staff and admins"))));
    }

    /**
     * Admins, the patient themself and whoever uploaded it read any image. PUBLIC means "visible to clinical staff"
     * (the roles that find patients in patient-service's search), never to other patients or analysts; PRIVATE
     * images only to staff in a care relationship with the patient (or break-the-glass), as patient-service says.
     */
    Uni<Boolean> mayRead(Caller caller, Image image) {
        if (caller.isAdmin() || caller.isPatientSelf(image.patientId) || isUploader(caller, image)) {
            return Uni.createFrom().item(true);
        }
        if (!caller.isStaff()) {
            return Uni.createFrom().item(false);
        }
        if (image.visibility == Visibility.PUBLIC) {
            return Uni.createFrom().item(true);
        }
        return relation(caller, image.patientId);
    }

    private static boolean isUploader(Caller caller, Image image) {
        return caller.username() != null && caller.username().equals(image.uploadedBy);
    }

    /** true when patient-service says the caller is the patient, treats them, or is an admin. */
    Uni<Boolean> relation(Caller caller, long patientId) {
        return access(caller, patientId).map(access -> access.map(a -> a.mayReadPrivate()).orElse(false));
    }

    Uni<Optional<PatientRefs.PatientAccess>> access(Caller caller, long patientId) {
        return directory.access(patientId, caller.bearer()).onFailure().transform(PeerFailures::toProblem);
    }

    public Uni<ImageView> metadata(Caller caller, long id) {
        return visible(caller, id, "READ", true).map(ImageView::of);
    }

    public record Filter(Long patientId, Long visitId, String category, String from, String to, String q) {
    }

    public Uni<PageView<ImageView>> search(Caller caller, Filter filter, PageRequest page) {
        StringBuilder where = new StringBuilder("deletedAt is null and purgedAt is null");
        Parameters params = new Parameters();
        Long patientId = filter.patientId();
        if (caller.isPatient() && patientId == null) {
            patientId = caller.patientId() == null ? -1L : caller.patientId();
        }
        if (caller.isPatient() && !caller.isPatientSelf(patientId)) {
            throw DomainException.forbidden("patients see only their own images");
        }
        if (!caller.isAdmin() && !caller.isPatient() && !caller.isStaff()) {
            throw DomainException.forbidden("role " + caller.roleName() + " does not read patients' images");
        }
        if (patientId != null) {
            where.append(" and patientId = :patientId");
            params.and("patientId", patientId);
        }
        if (filter.visitId() != null) {
            where.append(" and visitId = :visitId");
            params.and("visitId", filter.visitId());
        }
        if (filter.category() != null && !filter.category().isBlank()) {
            ImageCategory category = ImageCategory.parse(filter.category()).orElseThrow(() ->
                    DomainException.badInput("category", "unknown category '" + filter.category() + "'"));
            where.append(" and category = :category");
            params.and("category", category);
        }
        Instant from = day("from", filter.from(), false);
        Instant to = day("to", filter.to(), true);
        if (from != null && to != null && !from.isBefore(to)) {
            throw DomainException.badInput("to", "must not be before from");
        }
        if (from != null) {
            where.append(" and createdAt >= :from");
            params.and("from", from);
        }
        if (to != null) {
            where.append(" and createdAt < :to");
            params.and("to", to);
        }
        if (filter.q() != null && !filter.q().isBlank()) {
            where.append(" and (lower(title) like :q or lower(originalFilename) like :q)");
            params.and("q", "%" + filter.q().trim().toLowerCase().replace("%", "\\%").replace("_", "\\_") + "%");
        }
        Long auditedPatient = patientId;
        Uni<Boolean> seesPrivate;
        if (caller.isAdmin()) {
            seesPrivate = Uni.createFrom().item(true);
        } else if (patientId == null) {
            seesPrivate = Uni.createFrom().item(false);
        } else if (caller.isPatient()) {
            seesPrivate = Uni.createFrom().item(caller.isPatientSelf(patientId));
        } else {
            seesPrivate = relation(caller, patientId);
        }
        return seesPrivate.chain(all -> {
            if (!all) {
                where.append(" and visibility = :visibility");
                params.and("visibility", Visibility.PUBLIC);
            }
            return page(where.toString(), params, page);
        }).call(result -> audit.record(caller, "LIST", null, auditedPatient,
                result.totalItems() + " images, filter " + filter));
    }

    Uni<PageView<ImageView>> page(String where, Parameters params, PageRequest page) {
        return Panache.withSession(() -> {
            var query = Image.<Image>find(where, page.sort(), params.map()).page(page.page(), page.size());
            return query.list().chain(list -> query.count()
                    .map(total -> PageView.of(list.stream().map(ImageView::of).toList(), page, total)));
        });
    }

    public Uni<PageView<ImageView>> deleted(Caller caller, PageRequest page) {
        return page("deletedAt is not null", new Parameters(), page)
                .call(result -> audit.record(caller, "LIST", null, null, "deleted images"));
    }

    private static Instant day(String field, String text, boolean endOfDay) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(text.trim());
            return (endOfDay ? date.plusDays(1) : date).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw DomainException.badInput(field, "'" + text + "' is not a date (yyyy-MM-dd)");
        }
    }

    // ----------------------------------------------------------------------------------------------------- writes

    /** Staff may change an image of a patient they treat, or one they uploaded; admins any. */
    Uni<Void> authorizeChange(Caller caller, Image image, String action) {
        if (!EDITOR_ROLES.contains(caller.role())) {
            return audit.record(caller, "DENIED", image.id, image.patientId, action)
                    .chain(() -> Uni.createFrom().failure(DomainException.forbidden("role " + caller.roleName()
                            + " may not change images")));
        }
        Uni<Boolean> allowed = caller.isAdmin() || caller.username().equals(image.uploadedBy)
                ? Uni.createFrom().item(true) : relation(caller, image.patientId);
        return allowed.chain(ok -> ok ? Uni.createFrom().voidItem()
                : audit.record(caller, "DENIED", image.id, image.patientId, action)
                .chain(() -> Uni.createFrom().failure(DomainException.forbidden(
                        "only admins, the uploader and staff treating patient " + image.patientId
                                + " may change this image"))));
    }

    /** If-Match: the image's version, bare or as an entity tag ("3", W/"3"); null when absent. */
    private static Integer versionOf(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String tag = ifMatch.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        try {
            return Integer.valueOf(tag);
        } catch (NumberFormatException e) {
            throw DomainException.badInput("If-Match", "'" + ifMatch + "' is not an image version");
        }
    }

    /** Only the uploader, a doctor treating the patient (or with break-the-glass) and admins delete an image. */
    Uni<Void> authorizeDelete(Caller caller, Image image) {
        Uni<Boolean> allowed = caller.isAdmin() || isUploader(caller, image) ? Uni.createFrom().item(true)
                : !caller.is(Role.DOCTOR) ? Uni.createFrom().item(false)
                : access(caller, image.patientId).map(access -> access.map(a -> a.treats()).orElse(false));
        return allowed.chain(ok -> ok ? Uni.createFrom().voidItem()
                : audit.record(caller, "DENIED", image.id, image.patientId, "DELETE")
                .chain(() -> Uni.createFrom().failure(DomainException.forbidden("only admins, the uploader and "
                        + "a doctor treating patient " + image.patientId + " may delete this image"))));
    }

    /** Optimistic locking is not optional: the version comes in the body or as If-Match, else 428. */
    public Uni<ImageView> update(Caller caller, long id, ImageUpdate change, String ifMatch) {
        if (change == null) {
            return Uni.createFrom().failure(DomainException.badInput("body", "a JSON body is required"));
        }
        ImageCategory category = change.category() == null ? null : ImageCategory.parse(change.category())
                .orElseThrow(() -> DomainException.badInput("category", "unknown category '" + change.category() + "'"));
        Visibility visibility = change.visibility() == null ? null : Visibility.parse(change.visibility())
                .orElseThrow(() -> DomainException.badInput("visibility", "must be PUBLIC or PRIVATE"));
        if (change.title() != null && change.title().isBlank()) {
            throw DomainException.badInput("title", "must not be blank");
        }
        Integer expected = change.version() != null ? change.version() : versionOf(ifMatch);
        return findLive(id)
                .call(image -> authorizeChange(caller, image, "UPDATE"))
                .invoke(image -> {
                    if (expected == null) {
                        throw new DomainException(428, "Precondition Required", "version: send the version you "
                                + "read (in the body or as If-Match) so a concurrent change is not overwritten",
                                List.of(new DomainException.FieldError("version",
                                        "is required (or an If-Match header)")), null);
                    }
                })
                .chain(ignored -> Panache.withTransaction(() -> Image.<Image>findById(id).map(image -> {
                    if (expected != image.version) {
                        throw DomainException.conflict(null, "image " + id + " is at version " + image.version
                                + ", not " + expected + "; reload it and try again");
                    }
                    if (category != null) {
                        image.category = category;
                    }
                    if (change.title() != null) {
                        image.title = change.title().trim();
                    }
                    if (change.description() != null) {
                        image.description = change.description().isBlank() ? null : change.description().trim();
                    }
                    if (visibility != null) {
                        image.visibility = visibility;
                    }
                    image.updatedAt = Instant.now();
                    return image;
                }).call(image -> audit.record(caller, "UPDATE", image.id, image.patientId, String.valueOf(change)))
                        .call(Panache::flush)))
                .map(ImageView::of);
    }

    public Uni<ImageView> softDelete(Caller caller, long id, String reason) {
        if (reason == null || reason.isBlank()) {
            return Uni.createFrom().failure(DomainException.badInput("reason", "a reason is required to delete an image"));
        }
        if (reason.length() > 500) {
            return Uni.createFrom().failure(DomainException.badInput("reason", "at most 500 characters"));
        }
        return findLive(id)
                .call(image -> authorizeDelete(caller, image))
                .chain(ignored -> Panache.withTransaction(() -> Image.<Image>findById(id).map(image -> {
                    image.deletedAt = Instant.now();
                    image.deletedBy = caller.username();
                    image.deleteReason = reason.trim();
                    image.updatedAt = image.deletedAt;
                    return image;
                }).call(image -> audit.record(caller, "DELETE", image.id, image.patientId, reason))))
                .map(ImageView::of);
    }

    public Uni<ImageView> restore(Caller caller, long id) {
        return Panache.withTransaction(() -> Image.<Image>findById(id).map(image -> {
                    if (image == null) {
                        throw DomainException.notFound("image", id);
                    }
                    if (image.purgedAt != null) {
                        throw DomainException.conflict(null, "image " + id + " was purged at " + image.purgedAt
                                + " after the retention period; it cannot be restored");
                    }
                    if (!image.isDeleted()) {
                        throw DomainException.conflict(null, "image " + id + " is not deleted");
                    }
                    image.deletedAt = null;
                    image.deletedBy = null;
                    image.deleteReason = null;
                    image.updatedAt = Instant.now();
                    return image;
                }).call(image -> audit.record(caller, "RESTORE", image.id, image.patientId, null)))
                .map(ImageView::of);
    }

    Uni<Image> findLive(long id) {
        return Panache.withSession(() -> Image.<Image>findById(id)).invoke(image -> {
            if (image == null || image.isDeleted() || image.purgedAt != null) {
                throw DomainException.notFound("image", id);
            }
        });
    }
}
