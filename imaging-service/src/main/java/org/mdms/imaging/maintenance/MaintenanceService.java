package org.mdms.imaging.maintenance;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.mdms.imaging.config.ImagingConfig;
import org.mdms.imaging.dicom.DicomQueries;
import org.mdms.common.DomainException;
import org.mdms.imaging.image.ImageDtos.IntegrityResult;
import org.mdms.imaging.image.ImageKeys;
import org.mdms.imaging.image.ImageProcessor;
import org.mdms.imaging.image.ThumbnailWorker;
import org.mdms.imaging.storage.ObjectStore;
import org.mdms.imaging.storage.StoredObject;
import org.mdms.imaging.support.OffLoop;
import org.mdms.common.PageRequest;
import org.mdms.imaging.support.PageView;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Keeps bucket and metadata honest: integrity checks (re-hash against the stored SHA-256), the scrub over all
 * images, purge after the retention period, the temp/ sweeper and the reconciler of strays. Every run is
 * written to maintenance_report so admins can read what was found.
 */
@ApplicationScoped
public class MaintenanceService {

    private static final Logger LOG = Logger.getLogger(MaintenanceService.class);

    /** The jobs that write a maintenance report (THUMBNAIL: the thumbnailer's failed renders). */
    public static final List<String> JOBS = List.of("SCRUB", "PURGE", "SWEEP_TEMP", "RECONCILE", "THUMBNAIL");

    private final ObjectStore store;
    private final OffLoop offLoop;
    private final MaintenanceQueries images;
    private final ImagingConfig config;
    private final MaintenanceReportQueries reports;
    private final ThumbnailWorker thumbnails;
    private final DicomQueries dicom;

    MaintenanceService(ObjectStore store, OffLoop offLoop, MaintenanceQueries images, ImagingConfig config,
                       MaintenanceReportQueries reports, ThumbnailWorker thumbnails, DicomQueries dicom) {
        this.dicom = dicom;
        this.store = store;
        this.offLoop = offLoop;
        this.images = images;
        this.config = config;
        this.reports = reports;
        this.thumbnails = thumbnails;
    }

    // ---------------------------------------------------------------------------------------------- integrity

    /** Re-hashes one image's original and records the outcome on the row. */
    public Uni<IntegrityResult> check(long id) {
        return images.stored(id)
                .chain(stored -> stored == null
                        ? Uni.createFrom().failure(DomainException.notFound("image", id))
                        : check(stored));
    }

    Uni<IntegrityResult> check(MaintenanceQueries.Stored stored) {
        return store.open(stored.objectKey(), null, null)
                .chain(object -> object.isEmpty() ? Uni.createFrom().item((String) null)
                        : offLoop.run(() -> {
                    try (var in = object.get()) {
                        return ImageProcessor.sha256(in);
                    }
                }))
                .map(actual -> new IntegrityResult(stored.id(), stored.sha256().equals(actual), actual != null,
                        stored.sha256(), actual, Instant.now()))
                .call(images::recordIntegrity);
    }

    /**
     * Checks every stored image and DICOM file, one at a time so a scrub never crowds out uploads. DICOM findings
     * name the object key (imageId is an image's id only) and say DICOM_ in their problem.
     */
    public Uni<JobReport> scrub() {
        Instant started = Instant.now();
        Uni<List<IntegrityResult>> imageResults = images.allStored()
                .chain(all -> Multi.createFrom().iterable(all)
                        .onItem().transformToUniAndConcatenate(this::check)
                        .collect().asList());
        return imageResults.chain(results -> dicom.allFiles()
                        .chain(files -> Multi.createFrom().iterable(files)
                                .onItem().transformToUniAndConcatenate(this::checkDicom)
                                .collect().asList())
                        .map(dicomFindings -> {
                            List<Finding> findings = new ArrayList<>(results.stream().filter(r -> !r.ok())
                                    .map(r -> new Finding(r.imageId(), null,
                                            r.objectPresent() ? "SHA256_MISMATCH" : "OBJECT_MISSING",
                                            r.expectedSha256(), r.actualSha256(), "REPORTED"))
                                    .toList());
                            dicomFindings.stream().filter(f -> f != null).forEach(findings::add);
                            return new JobReport(null, "SCRUB", started, Instant.now(),
                                    results.size() + dicomFindings.size(), findings.size(), findings);
                        }))
                .chain(reports::save);
    }

    /** Re-hashes one DICOM file and records the outcome on its row; a Finding when it is wrong, else null. */
    private Uni<Finding> checkDicom(DicomQueries.StoredFile file) {
        return store.open(file.objectKey(), null, null)
                .chain(object -> object.isEmpty() ? Uni.createFrom().item((String) null)
                        : offLoop.run(() -> {
                    try (var in = object.get()) {
                        return ImageProcessor.sha256(in);
                    }
                }))
                .call(actual -> dicom.recordIntegrity(file.id(), file.sha256().equals(actual), Instant.now()))
                .map(actual -> file.sha256().equals(actual) ? null : new Finding(null, file.objectKey(),
                        actual == null ? "DICOM_OBJECT_MISSING" : "DICOM_SHA256_MISMATCH", file.sha256(), actual,
                        "REPORTED"));
    }

    // ------------------------------------------------------------------------------------------------- purge

    /** Removes the objects of images soft-deleted longer ago than the retention period; the row stays as a record. */
    public Uni<JobReport> purge() {
        Instant started = Instant.now();
        LocalDateTime cutoff = LocalDateTime.ofInstant(started.minus(config.images().retention()), ZoneOffset.UTC);
        Uni<List<Finding>> imageFindings = images.deletedBefore(cutoff)
                .chain(expired -> Multi.createFrom().iterable(expired)
                        .onItem().transformToUniAndConcatenate(image -> purgeOne(image.id(), image.keys()))
                        .collect().asList());
        // deleted DICOM instances the same way: file and thumbnail removed, the row kept and marked purged
        Uni<List<Finding>> dicomFindings = dicom.deletedBefore(cutoff)
                .chain(expired -> Multi.createFrom().iterable(expired)
                        .onItem().transformToUniAndConcatenate(this::purgeDicom)
                        .collect().asList());
        return imageFindings.chain(found -> dicomFindings.map(more -> {
                    List<Finding> findings = new ArrayList<>(found);
                    findings.addAll(more);
                    return new JobReport(null, "PURGE", started, Instant.now(), findings.size(),
                            (int) findings.stream().filter(f -> !"PURGED".equals(f.action())).count(), findings);
                }))
                .chain(reports::save);
    }

    private Uni<Finding> purgeDicom(DicomQueries.StoredFile file) {
        List<String> keys = file.thumbnailKey() == null || file.thumbnailKey().isEmpty()
                ? List.of(file.objectKey()) : List.of(file.objectKey(), file.thumbnailKey());
        return Multi.createFrom().iterable(keys).onItem().transformToUniAndConcatenate(store::delete)
                .collect().asList()
                .chain(() -> dicom.markPurged(file.id()))
                .map(ignored -> new Finding(null, file.objectKey(), "DICOM_RETENTION_EXPIRED", null, null, "PURGED"))
                .onFailure().recoverWithItem(t -> new Finding(null, file.objectKey(), "PURGE_FAILED: "
                        + t.getMessage(), null, null, "RETRY_NEXT_RUN"));
    }

    private Uni<Finding> purgeOne(long id, List<String> keys) {
        return Multi.createFrom().iterable(keys).onItem().transformToUniAndConcatenate(store::delete)
                .collect().asList()
                .chain(() -> images.markPurged(id))
                .map(ignored -> new Finding(id, keys.get(0), "RETENTION_EXPIRED", null, null, "PURGED"))
                .onFailure().recoverWithItem(t -> new Finding(id, keys.get(0), "PURGE_FAILED: " + t.getMessage(),
                        null, null, "RETRY_NEXT_RUN"));
    }

    // ------------------------------------------------------------------------------------------------- temp/

    /** Deletes temp/ objects older than the configured TTL (S3Proxy has no lifecycle rules). */
    public Uni<JobReport> sweepTemp() {
        Instant started = Instant.now();
        Instant cutoff = started.minus(config.images().tempTtl());
        return store.list(ImageKeys.TEMP)
                .chain(objects -> {
                    List<StoredObject> stale = objects.stream()
                            .filter(o -> o.lastModified() == null || !o.lastModified().toInstant().isAfter(cutoff))
                            .toList();
                    return Multi.createFrom().iterable(stale)
                            .onItem().transformToUniAndConcatenate(o -> store.delete(o.key())
                                    .replaceWith(new Finding(null, o.key(), "STALE_TEMP", null, null, "DELETED"))
                                    .onFailure().recoverWithItem(new Finding(null, o.key(), "STALE_TEMP", null, null,
                                            "DELETE_FAILED")))
                            .collect().asList()
                            .map(findings -> new JobReport(null, "SWEEP_TEMP", started, Instant.now(), objects.size(),
                                    findings.size(), findings));
                })
                .chain(reports::save);
    }

    // --------------------------------------------------------------------------------------------- reconcile

    /**
     * Rows whose original is missing (reported: only a person can decide), and objects without a live row older
     * than the grace period (an upload may still be writing its row): reported, and deleted when {@code fix}.
     */
    public Uni<JobReport> reconcile(boolean fix) {
        Instant started = Instant.now();
        Instant cutoff = started.minus(config.images().strayGrace());
        Uni<List<StoredObject>> objects = store.list(ImageKeys.ORIGINALS)
                .chain(originals -> store.list(ImageKeys.THUMBNAILS).map(derived -> {
                    List<StoredObject> all = new ArrayList<>(originals);
                    all.addAll(derived);
                    return all;
                }));
        Uni<Map<Long, String>> rows = images.liveOriginals();
        // async thumbnails: a PENDING row legitimately lacks its derived objects for a while (not a stray, not
        // missing); one PENDING longer than the grace period is reported and queued again, FAILED ones reported
        LocalDateTime stalledBefore = LocalDateTime.ofInstant(cutoff, ZoneOffset.UTC);
        Uni<List<Finding>> thumbnailFindings = images.thumbnailProblems(stalledBefore)
                .map(found -> found.stream().map(problem -> problem.pending()
                        ? new Finding(problem.id(), problem.objectKey(), "THUMBNAIL_PENDING", null, null,
                        thumbnails.submit(problem.id()) ? "REQUEUED" : "ALREADY_QUEUED")
                        : new Finding(problem.id(), problem.objectKey(), "THUMBNAIL_FAILED: " + problem.error(), null,
                        null, "REPORTED")).toList());
        return objects.chain(all -> rows.chain(live -> thumbnailFindings.chain(thumbnailProblems -> {
            List<Finding> findings = new ArrayList<>(thumbnailProblems);
            Set<String> keys = new HashSet<>();
            all.forEach(o -> keys.add(o.key()));
            live.forEach((id, key) -> {
                if (!keys.contains(key)) {
                    findings.add(new Finding(id, key, "ROW_WITHOUT_OBJECT", null, null, "REPORTED"));
                }
            });
            List<StoredObject> strays = all.stream().filter(o -> {
                OptionalLong id = ImageKeys.imageIdOf(o.key());
                boolean old = o.lastModified() == null || !o.lastModified().toInstant().isAfter(cutoff);
                return (id.isEmpty() || !live.containsKey(id.getAsLong())) && old;
            }).toList();
            // a wrong or emptied database would make every object look stray: never mass-delete on that evidence
            boolean massDeletion = strays.size() > config.images().reconcileMaxDeletes();
            if (fix && massDeletion) {
                LOG.errorf("reconcile: %d objects without rows, more than mdms.images.reconcile-max-deletes=%d; "
                        + "reporting only (check the database before deleting anything)", strays.size(),
                        config.images().reconcileMaxDeletes());
            }
            return Multi.createFrom().iterable(strays)
                    .onItem().transformToUniAndConcatenate(o -> {
                        OptionalLong id = ImageKeys.imageIdOf(o.key());
                        Long imageId = id.isPresent() ? id.getAsLong() : null;
                        if (!fix || massDeletion) {
                            return Uni.createFrom().item(new Finding(imageId, o.key(), "OBJECT_WITHOUT_ROW", null,
                                    null, "REPORTED"));
                        }
                        return store.delete(o.key())
                                .replaceWith(new Finding(imageId, o.key(), "OBJECT_WITHOUT_ROW", null, null, "DELETED"))
                                .onFailure().recoverWithItem(new Finding(imageId, o.key(), "OBJECT_WITHOUT_ROW",
                                        null, null, "DELETE_FAILED"));
                    })
                    .collect().asList()
                    .map(strayFindings -> {
                        findings.addAll(strayFindings);
                        return new JobReport(null, "RECONCILE", started, Instant.now(), all.size() + live.size(),
                                findings.size(), findings);
                    });
        }))).chain(reports::save);
    }

    // ---------------------------------------------------------------------------------------------- reports

    public Uni<PageView<JobReport>> reports(String job, PageRequest page) {
        return reports.page(job, page);
    }
}
