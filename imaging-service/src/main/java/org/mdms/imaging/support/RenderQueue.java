package org.mdms.imaging.support;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The render threads of a thumbnail worker (photos' ThumbnailWorker, DicomThumbnails): a fixed pool with a bounded
 * queue, never the event loop; each id queued at most once at a time; the body an upload handed over (kept by the
 * {@link RenderHandOff}) waits here until its render ends, then gives its room back. The state lives in the rows:
 * an id refused here (queue full, stopping) stays PENDING and the worker's scan queues it again.
 */
public final class RenderQueue {

    /** One render, blocking, on a render thread: {@code handedOver} is null when the bucket must be read. */
    @FunctionalInterface
    public interface Render {
        void render(long id, RenderHandOff.Body handedOver) throws InterruptedException;
    }

    private static final Logger LOG = Logger.getLogger(RenderQueue.class);

    private final String threadName;
    private final String what;
    private final RenderHandOff handOff;
    private final Supplier<Duration> delay;
    private final Render render;
    /** Ids queued or being rendered, so that a scan does not queue one twice. */
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    /** Bodies handed over by uploads, by id, until their render ends. */
    private final Map<Long, RenderHandOff.Body> handedOver = new ConcurrentHashMap<>();
    private volatile ThreadPoolExecutor executor;

    /**
     * @param threadName the threads' name before their number
     * @param what       what an id names, for the log ("image", "DICOM instance")
     * @param delay      how long a render waits before it starts (the configuration's, read at each render)
     */
    public RenderQueue(String threadName, String what, RenderHandOff handOff, Supplier<Duration> delay, Render render) {
        this.threadName = threadName;
        this.what = what;
        this.handOff = handOff;
        this.delay = delay;
        this.render = render;
    }

    /** Starts {@code workers} threads with a queue of {@code queueSize}, and runs {@code scan} on one of them. */
    public void start(int workers, int queueSize, Runnable scan) {
        AtomicInteger n = new AtomicInteger();
        executor = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(Math.max(1, queueSize)), work -> {
            Thread t = new Thread(work, threadName + "-" + n.incrementAndGet());
            t.setDaemon(true);
            // uploads answer first; on a busy box the renders can wait (a hint only, Linux may ignore it)
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
        executor.execute(scan);
    }

    /** Interrupts the renders; they stay PENDING in the database and are picked up at the next start. */
    public void stop() {
        ThreadPoolExecutor e = executor;
        if (e != null) {
            e.shutdownNow();
        }
    }

    /** Queues an id with the first {@code length} bytes of {@code body}, which its render reads if the hand-off keeps them. */
    public boolean submit(long id, byte[] body, int length) {
        RenderHandOff.Body kept = body == null ? null : handOff.keep(body, length);
        if (kept != null) {
            release(handedOver.put(id, kept));
        }
        return submit(id);
    }

    /** Queues one id; false when it is queued already, the queue is full or the pool stopped (it stays PENDING). */
    public boolean submit(long id) {
        ThreadPoolExecutor e = executor;
        if (e == null || e.isShutdown()) {
            release(handedOver.remove(id));
            return false;
        }
        if (!inFlight.add(id)) {
            // queued or running already (the scan was first): that render uses the body if it has not started yet,
            // and drops it when it ends
            return false;
        }
        try {
            e.execute(() -> run(id));
            return true;
        } catch (RejectedExecutionException fullOrStopped) {
            inFlight.remove(id);
            release(handedOver.remove(id));
            return false;
        }
    }

    private void run(long id) {
        try {
            Duration wait = delay.get();
            if (!wait.isZero()) {
                Thread.sleep(wait.toMillis());
            }
            render.render(id, handedOver.get(id));
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException failure) {
            LOG.warnf("thumbnails of %s %d not rendered now (%s); it stays PENDING and is retried by the next scan",
                    what, id, failure.toString());
        } finally {
            // in this order: a body handed over while this render ran is dropped here, not left behind
            inFlight.remove(id);
            release(handedOver.remove(id));
        }
    }

    /** Runs {@code scan} on a render thread unless the queue is full (the next tick tries again) or stopped. */
    public void schedule(Runnable scan) {
        ThreadPoolExecutor e = executor;
        if (e != null && !e.isShutdown()) {
            try {
                e.execute(scan);
            } catch (RejectedExecutionException full) {
                // the queue is full of renders already; the next tick tries again
            }
        }
    }

    /** Free places in the queue (0 before the start). */
    public int room() {
        ThreadPoolExecutor e = executor;
        return e == null ? 0 : e.getQueue().remainingCapacity();
    }

    /** Ids queued or being rendered. */
    public int inFlight() {
        return inFlight.size();
    }

    /** Renders waiting in the queue. */
    public int queued() {
        ThreadPoolExecutor e = executor;
        return e == null ? 0 : e.getQueue().size();
    }

    private static void release(RenderHandOff.Body body) {
        if (body != null) {
            body.release();
        }
    }
}
