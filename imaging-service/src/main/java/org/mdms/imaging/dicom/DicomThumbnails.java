package org.mdms.imaging.dicom;

import io.minio.GetObjectResponse;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.mdms.imaging.config.ImagingConfig;
import org.mdms.imaging.storage.ObjectStore;
import org.mdms.imaging.support.RenderHandOff;
import org.mdms.imaging.support.RenderQueue;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Renders the thumbnail of frame 1 after the upload, as async mode does for photos, on threads of its own (never the
 * event loop; {@code mdms.imaging.thumbnails.workers}, bounded queue {@code queue-size}): the file as the upload
 * received it when the {@link RenderHandOff} kept it, else read back from the bucket (only frame 1 is kept, at most
 * {@link #MAX_FRAME_BYTES}), rendered, written to {@code dicom-thumbnails/{id}-{size}.jpg}, and the row set READY, or
 * FAILED with the reason. The state lives in the row: PENDING rows are queued again at start-up and by the scan
 * ({@code scan-every}), so a full queue only delays. (ThumbnailWorker is bound to image rows and their two derived
 * sizes, hence a worker of its own.)
 */
@ApplicationScoped
public class DicomThumbnails {

    private static final Logger LOG = Logger.getLogger(DicomThumbnails.class);
    static final long MAX_FRAME_BYTES = 64L * 1024 * 1024;
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final DicomQueries queries;
    private final ObjectStore store;
    private final ImagingConfig config;
    private final RenderQueue renders;

    DicomThumbnails(DicomQueries queries, ObjectStore store, ImagingConfig config, RenderHandOff handOff) {
        this.queries = queries;
        this.store = store;
        this.config = config;
        this.renders = new RenderQueue("dicom-thumbnailer", "DICOM instance", handOff,
                () -> config.imaging().thumbnails().delay(), this::render);
    }

    void start(@Observes StartupEvent event) {
        ImagingConfig.Thumbnails settings = config.imaging().thumbnails();
        renders.start(settings.workers(), settings.queueSize(), this::queuePending);
    }

    void stop(@Observes ShutdownEvent event) {
        renders.stop();
    }

    /** Queues the instance just stored with its received body, which the render reads when the hand-off keeps it. */
    public boolean submit(long id, SpillBuffer received) {
        return renders.submit(id, received.memoryBytes(), (int) received.size());
    }

    /** Queues a PENDING instance (found by the scan: its file is read back from the bucket). */
    public boolean submit(long id) {
        return renders.submit(id);
    }

    @Scheduled(identity = "dicom-thumbnail-scan", every = "${mdms.imaging.thumbnails.scan-every}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledScan() {
        renders.schedule(this::queuePending);
    }

    /** Queues PENDING rows (oldest first) up to the free room in the queue. */
    private void queuePending() {
        try {
            int room = renders.room();
            if (room <= 0) {
                return;
            }
            List<Long> pending = queries.pendingThumbnails(room + renders.inFlight()).await().atMost(WAIT);
            pending.forEach(this::submit);
        } catch (RuntimeException e) {
            LOG.warnf("PENDING DICOM thumbnails not queued now (%s); the next scan retries", e.toString());
        }
    }

    /**
     * Blocking, on a thumbnailer thread: from {@code handedOver} (the bytes the upload received and hashed) when
     * there is one, else from the bucket. A file that cannot be rendered ends FAILED with the reason. A body is handed
     * over only by the upload that has just written the row PENDING, so that render does not read the row (the
     * status update still applies to a PENDING row only).
     */
    void render(long id, RenderHandOff.Body handedOver) {
        InputStream file;
        long size;
        if (handedOver != null) {
            file = handedOver.open();
            size = handedOver.length();
        } else {
            Optional<DicomQueries.Stored> row = queries.instance(id).await().atMost(WAIT);
            if (row.isEmpty() || !"PENDING".equals(row.get().thumbnailStatus())) {
                return;
            }
            DicomQueries.Stored s = row.get();
            Optional<GetObjectResponse> object = store.open(s.objectKey(), null, null).await().atMost(WAIT);
            if (object.isEmpty()) {
                queries.thumbnailDone(id, "FAILED", "", "the file is missing from the bucket").await().atMost(WAIT);
                return;
            }
            file = new BufferedInputStream(object.get(), 65536);
            size = s.sizeBytes();
        }
        byte[] jpeg;
        try (InputStream in = file) {
            DicomInstance d = DicomReader.read(in, size, MAX_FRAME_BYTES);
            if (d.frame() == null) {
                throw new IllegalArgumentException("frame 1 is missing or larger than " + MAX_FRAME_BYTES + " bytes");
            }
            jpeg = DicomRendering.thumbnail(d, config.images().thumbnailSize());
        } catch (DicomFormatException | IllegalArgumentException | java.io.IOException
                 | java.io.UncheckedIOException | ArrayIndexOutOfBoundsException e) {
            queries.thumbnailDone(id, "FAILED", "", e.getMessage()).await().atMost(WAIT);
            return;
        }
        String key = "dicom-thumbnails/" + id + "-" + config.images().thumbnailSize() + ".jpg";
        store.putBytes(key, jpeg, "image/jpeg").await().atMost(WAIT);
        queries.thumbnailDone(id, "READY", key, null).await().atMost(WAIT);
    }
}
