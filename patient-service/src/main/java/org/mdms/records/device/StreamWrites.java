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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The streams' frames are small (a few readings each, from hundreds of devices): one transaction per frame would
 * spend the database on commits and on the change-sequence lock. Checked frames wait here instead and are written
 * together, all that waited (up to max-readings) in one transaction by MeasurementIngest.write, one such write at a
 * time; each frame's acknowledgement follows that commit. The queue is bounded (stream-max-queued readings): a
 * frame that does not fit is refused (the stream closes with 1013), never buffered.
 */
@ApplicationScoped
public class StreamWrites {

    private record Waiting(MeasurementIngest.Prepared frame, UniEmitter<? super IngestResult> answer) {
    }

    private final ReadingPipeline pipeline;
    private final IngestSettings settings;
    private final Queue<Waiting> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queuedReadings = new AtomicInteger();
    private final AtomicBoolean writing = new AtomicBoolean();

    StreamWrites(ReadingPipeline pipeline, IngestSettings settings) {
        this.pipeline = pipeline;
        this.settings = settings;
    }

    /** The frame's result once it is committed with the others; TooManyAttempts when the queue is full. */
    public Uni<IngestResult> write(MeasurementIngest.Prepared frame) {
        return Uni.createFrom().emitter(answer -> {
            int readings = frame.readings().size();
            if (readings > 0 && queuedReadings.addAndGet(readings) > settings.streamMaxQueued()) {
                queuedReadings.addAndGet(-readings);
                answer.fail(new TooManyAttempts(settings.streamMaxQueued() + " readings of device streams are "
                        + "waiting to be stored; retry later", settings.retryAfter()));
                return;
            }
            waiting.add(new Waiting(frame, answer));
            drain();
        });
    }

    private void drain() {
        if (waiting.isEmpty() || !writing.compareAndSet(false, true)) {
            return;
        }
        List<Waiting> group = new ArrayList<>();
        int readings = 0;
        for (Waiting next = waiting.peek(); next != null && (group.isEmpty()
                || readings + next.frame().readings().size() <= settings.maxReadings()); next = waiting.peek()) {
            group.add(waiting.poll());
            readings += next.frame().readings().size();
        }
        int taken = readings;
        pipeline.accept(group.stream().map(Waiting::frame).toList())
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
        writing.set(false);
        drain(); // frames that arrived while this write ran
    }
}
