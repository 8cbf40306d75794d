package org.mdms.imaging.dicom;

import io.minio.GetObjectResponse;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.mdms.imaging.config.ImagingConfig;
import org.mdms.imaging.storage.ObjectStore;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * Renders the thumbnail of frame 1 after the upload, as async mode does for photos, on one thread of its own (never
 * the event loop): the file is read back from the bucket (only frame 1 is kept, at most {@link #MAX_FRAME_BYTES}),
 * rendered, written to {@code dicom-thumbnails/{id}-{size}.jpg}, and the row set READY, or FAILED with the reason.
 * The state lives in the row: PENDING rows are queued again at start-up. (ThumbnailWorker is bound to image rows and
 * their two derived sizes, hence a worker of its own.)
 */
@ApplicationScoped
public class DicomThumbnails {

    private static final Logger LOG = Logger.getLogger(DicomThumbnails.class);
    static final long MAX_FRAME_BYTES = 64L * 1024 * 1024;
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final DicomQueries queries;
    private final ObjectStore store;
    private final ImagingConfig config;
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private volatile ExecutorService executor;

    DicomThumbnails(DicomQueries queries, ObjectStore store, ImagingConfig config) {
        this.queries = queries;
        this.store = store;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        executor = Executors.newSingleThreadExecutor(work -> {
            Thread t = new Thread(work, "dicom-thumbnailer");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
        executor.execute(this::queuePending);
    }

    void stop(@Observes ShutdownEvent event) {
        ExecutorService e = executor;
        if (e != null) {
            e.shutdownNow();
        }
    }

    public void submit(long id) {
        ExecutorService e = executor;
        if (e == null || e.isShutdown() || !inFlight.add(id)) {
            return;
        }
        try {
            e.execute(() -> {
                try {
                    render(id);
                } catch (RuntimeException failure) {
                    LOG.warnf("thumbnail of DICOM instance %d not rendered now (%s); it stays PENDING until the next "
                            + "start", id, failure.toString());
                } finally {
                    inFlight.remove(id);
                }
            });
        } catch (RejectedExecutionException stopped) {
            inFlight.remove(id);
        }
    }

    private void queuePending() {
        try {
            List<Long> pending = queries.pendingThumbnails(1000).await().atMost(WAIT);
            pending.forEach(this::submit);
        } catch (RuntimeException e) {
            LOG.warnf("PENDING DICOM thumbnails not queued at start-up (%s)", e.toString());
        }
    }

    /** Blocking, on the thumbnailer thread. A file that cannot be rendered ends FAILED with the reason. */
    void render(long id) {
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
        byte[] jpeg;
        try (InputStream in = new BufferedInputStream(object.get(), 65536)) {
            DicomInstance d = DicomReader.read(in, s.sizeBytes(), MAX_FRAME_BYTES);
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
