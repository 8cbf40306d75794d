package org.mdms.records.device;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.records.common.TooManyAttempts;
import org.mdms.records.device.DeviceDtos.IngestResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Batches (POST .../measurements) and the streams' frames wait here and are written together: all that waited (up
 * to max-readings) in one transaction by MeasurementIngest.write, at most mdms.devices.ingest.writers such writes
 * at a time. One transaction per batch or frame would spend the database on commits and on concurrent transactions
 * queueing for the change-sequence lock; a few writers seldom wait for that lock, and each commit covers every
 * batch of its group. Each batch's or frame's answer follows that commit. The queue is bounded (stream-max-queued
 * readings): a batch or frame that does not fit is refused (429 with Retry-After; a stream closes with 1013), never
 * buffered.
 */
@ApplicationScoped
public class StreamWrites {

    private record Waiting(MeasurementIngest.Prepared frame, UniEmitter<? super IngestResult> answer) {
    }

    private final MeasurementIngest ingest;
    private final IngestSettings settings;
    private final Queue<Waiting> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queuedReadings = new AtomicInteger();
    /** Writes running now (at most mdms.devices.ingest.writers). */
    private final AtomicInteger writing = new AtomicInteger();

    StreamWrites(MeasurementIngest ingest, IngestSettings settings) {
        this.ingest = ingest;
        this.settings = settings;
    }

    /** The batch's or frame's result once it is committed with the others; TooManyAttempts when the queue is full. */
    public Uni<IngestResult> write(MeasurementIngest.Prepared frame) {
        return Uni.createFrom().emitter(answer -> {
            int readings = frame.readings().size();
            if (readings > 0 && queuedReadings.addAndGet(readings) > settings.streamMaxQueued()) {
                queuedReadings.addAndGet(-readings);
                answer.fail(new TooManyAttempts(settings.streamMaxQueued() + " readings of devices are waiting to "
                        + "be stored; retry later", settings.retryAfter()));
                return;
            }
            waiting.add(new Waiting(frame, answer));
            drain();
        });
    }

    /** Starts writes while groups wait and fewer than the configured writers run. */
    private void drain() {
        while (!waiting.isEmpty()) {
            int running = writing.get();
            if (running >= settings.writers()) {
                return; // a running write drains again when it ends
            }
            if (!writing.compareAndSet(running, running + 1)) {
                continue;
            }
            List<Waiting> group = group();
            if (group.isEmpty()) {
                writing.decrementAndGet(); // another writer took them; look again
                continue;
            }
            write(group);
        }
    }

    /** What waits, in arrival order, up to max-readings (at least one batch or frame). */
    private synchronized List<Waiting> group() {
        List<Waiting> group = new ArrayList<>();
        int readings = 0;
        for (Waiting next = waiting.peek(); next != null && (group.isEmpty()
                || readings + next.frame().readings().size() <= settings.maxReadings()); next = waiting.peek()) {
            group.add(waiting.poll());
            readings += next.frame().readings().size();
        }
        return group;
    }

    private void write(List<Waiting> group) {
        int taken = group.stream().mapToInt(waiting -> waiting.frame().readings().size()).sum();
        ingest.write(group.stream().map(Waiting::frame).toList())
                .onTermination().invoke(() -> queuedReadings.addAndGet(-taken))
                .subscribe().with(results -> {
                    for (int i = 0; i < group.size(); i++) {
                        group.get(i).answer().complete(results.get(i));
                    }
                    done();
                }, failure -> {
                    group.forEach(frame -> frame.answer().fail(failure));
                    done();
                });
    }

    private void done() {
        writing.decrementAndGet();
        drain(); // what arrived while this write ran
    }
}
