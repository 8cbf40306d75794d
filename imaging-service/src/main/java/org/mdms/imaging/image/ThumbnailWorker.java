package org.mdms.imaging.image;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.minio.GetObjectResponse;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.mdms.imaging.config.ImagingConfig;
import org.mdms.common.DomainException;
import org.mdms.imaging.maintenance.Finding;
import org.mdms.imaging.maintenance.JobReport;
import org.mdms.imaging.maintenance.MaintenanceReportQueries;
import org.mdms.imaging.storage.ObjectStore;
import org.mdms.imaging.support.RenderHandOff;
import org.mdms.imaging.support.RenderQueue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Renders the thumbnail and preview of images stored with thumbnailStatus PENDING (mode async), on its own small
 * thread pool with a bounded queue, never on the event loop. An upload hands its body over in memory when it fits
 * the {@link RenderHandOff}; otherwise (and for rows found by the scan) the original is read back from the bucket.
 * <p>
 * Nothing is lost when the queue is full or the service stops: the state lives in the row, not in memory. At
 * start-up and every {@code mdms.imaging.thumbnails.scan-every} the PENDING rows are queued again; a render that
 * fails for a passing reason (storage or database down) leaves the row PENDING for the next scan. A render that
 * fails because the pixels cannot be decoded (a truncated file behind a valid header, an unsupported colour model)
 * marks the row FAILED with the reason and files a THUMBNAIL report (GET /api/v1/admin/images/reports?job=THUMBNAIL).
 */
@ApplicationScoped
public class ThumbnailWorker {

    private static final Logger LOG = Logger.getLogger(ThumbnailWorker.class);
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final ImagingConfig config;
    private final ImageProcessor processor;
    private final ObjectStore store;
    private final ThumbnailQueries images;
    private final MaintenanceReportQueries reports;
    private final MeterRegistry metrics;
    private final RenderQueue renders;

    ThumbnailWorker(ImagingConfig config, ImageProcessor processor, ObjectStore store, ThumbnailQueries images,
                    MaintenanceReportQueries reports, MeterRegistry metrics, RenderHandOff handOff) {
        this.config = config;
        this.processor = processor;
        this.store = store;
        this.images = images;
        this.reports = reports;
        this.metrics = metrics;
        this.renders = new RenderQueue("thumbnailer", "image", handOff, () -> config.imaging().thumbnails().delay(),
                this::render);
    }

    void start(@Observes StartupEvent event) {
        ImagingConfig.Thumbnails settings = config.imaging().thumbnails();
        // the scan at start-up picks up what a previous run (or a crash) left PENDING; not on this thread
        renders.start(settings.workers(), settings.queueSize(), this::scanQuietly);
    }

    void stop(@Observes ShutdownEvent event) {
        renders.stop();
    }

    /** Queues the image just uploaded with its body, which the render uses instead of the bucket when it fits. */
    public boolean submit(long id, byte[] original) {
        return renders.submit(id, original, original == null ? 0 : original.length);
    }

    /** Queues one image; false when the queue is full (the row stays PENDING and a later scan queues it). */
    public boolean submit(long id) {
        return renders.submit(id);
    }

    public int queued() {
        return renders.queued();
    }

    @Scheduled(identity = "thumbnail-scan", every = "${mdms.imaging.thumbnails.scan-every}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledScan() {
        renders.schedule(this::scanQuietly);
    }

    private void scanQuietly() {
        try {
            int queued = scan();
            if (queued > 0) {
                LOG.infof("thumbnail scan: %d PENDING image(s) queued", queued);
            }
        } catch (RuntimeException e) {
            LOG.warnf("thumbnail scan did not complete (%s); next tick retries", e.toString());
        }
    }

    /** Queues PENDING rows (oldest first) up to the free room in the queue; answers how many were queued. */
    public int scan() {
        int room = renders.room();
        if (room <= 0) {
            return 0;
        }
        List<Long> pending = images.pending(room + renders.inFlight()).await().atMost(WAIT);
        int queued = 0;
        for (long id : pending) {
            if (submit(id)) {
                queued++;
            }
        }
        return queued;
    }

    /**
     * Blocking (this runs on a thumbnailer thread): the original (handed over by the upload, else from the bucket) ->
     * preview + thumbnail -> READY.
     */
    void render(long id, RenderHandOff.Body handedOver) throws InterruptedException {
        Optional<ThumbnailQueries.Render> found = images.render(id).await().atMost(WAIT);
        if (found.isEmpty() || !found.get().pending()) {
            return;
        }
        ThumbnailQueries.Render row = found.get();
        String originalKey = row.originalKey();
        long start = System.nanoTime();
        if (handedOver != null) {
            byte[][] derived;
            try {
                derived = processor.render(handedOver.buffer(), handedOver.length());
            } catch (DomainException undecodable) {
                fail(id, originalKey, undecodable.getMessage());
                return;
            }
            store(id, row, derived, start);
            return;
        }
        Optional<GetObjectResponse> original = store.open(originalKey, null, null).await().atMost(WAIT);
        if (original.isEmpty()) {
            fail(id, originalKey, "the original is missing from object storage");
            return;
        }
        Path file = null;
        try {
            file = Files.createTempFile("mdms-thumbnail-", ".img");
            try (GetObjectResponse in = original.get()) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            byte[][] derived;
            try {
                derived = processor.render(file);
            } catch (DomainException undecodable) {
                fail(id, originalKey, undecodable.getMessage());
                return;
            }
            store(id, row, derived, start);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("reading the original of image " + id + " failed: " + e.getMessage(), e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (java.io.IOException ignored) {
                    // a temp file in the OS temp folder; nothing else refers to it
                }
            }
        }
    }

    private void store(long id, ThumbnailQueries.Render row, byte[][] derived, long start) {
        // preview and thumbnail written side by side: one round trip's wait instead of two
        Uni.join().all(store.putBytes(row.previewKey(), derived[0], "image/jpeg"),
                        store.putBytes(row.thumbnailKey(), derived[1], "image/jpeg"))
                .andFailFast().await().atMost(WAIT);
        images.markReady(id).await().atMost(WAIT);
        Timer.builder("mdms.image.thumbnail.render")
                .description("async thumbnails: original read + decode + preview/thumbnail written")
                .register(metrics).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }

    /** The original cannot be rendered: mark the row, and report it where admins read the maintenance findings. */
    private void fail(long id, String key, String reason) {
        String why = reason.length() > 500 ? reason.substring(0, 500) : reason;
        LOG.warnf("thumbnails of image %d cannot be made: %s (marked FAILED, reported as job THUMBNAIL)", id, why);
        Instant now = Instant.now();
        images.markFailed(id, why).await().atMost(WAIT);
        reports.save(new JobReport(null, "THUMBNAIL", now, Instant.now(), 1, 1,
                List.of(new Finding(id, key, "THUMBNAIL_FAILED: " + why, null, null, "MARKED_FAILED"))))
                .await().atMost(WAIT);
    }
}
