package org.mdms.records.device;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.records.common.TooManyAttempts;
import org.mdms.records.device.DeviceDtos.IngestResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The streams' frames are small (a few readings each, from hundreds of devices): one transaction per frame would
 * spend the database on commits and on the change-sequence lock, and one look-up of the device and its assignment
 * per frame on SELECTs (and, with hundreds of monitors starting at once, on the pool's queue, where HTTP batches
 * waited behind them). Frames checked on their own wait here instead; all that waited (up to max-readings) are
 * looked up together (MeasurementIngest.prepareFrames: credentials, device status, assignments, one statement) and
 * written in one transaction by MeasurementIngest.write, one such group at a time; each frame's acknowledgement
 * follows that commit. The queue is bounded (stream-max-queued readings): a frame that does not fit is refused (the
 * stream closes with 1013), never buffered. So a stream's backlog waits here, not on the database's connections.
 */
@ApplicationScoped
public class StreamWrites {

    private record Waiting(MeasurementIngest.CheckedFrame frame, BooleanSupplier wanted,
                           UniEmitter<? super IngestResult> answer) {
    }

    /** What a frame of a group gets: its result, or why it was not stored. */
    private record Answer(IngestResult result, Throwable failure) {
    }

    private final MeasurementIngest ingest;
    private final ReadingPipeline pipeline;
    private final IngestSettings settings;
    private final Queue<Waiting> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queuedReadings = new AtomicInteger();
    private final AtomicBoolean writing = new AtomicBoolean();

    StreamWrites(MeasurementIngest ingest, ReadingPipeline pipeline, IngestSettings settings) {
        this.ingest = ingest;
        this.pipeline = pipeline;
        this.settings = settings;
    }

    /**
     * The frame's result once it is committed with the others; TooManyAttempts when the queue is full, the
     * DomainException of its credential or device (401, 403, 409) when the group's look-up refuses it. A frame no
     * longer wanted when its turn comes (its stream closed: it can never be acknowledged, the device resends it) is
     * dropped unstored.
     */
    Uni<IngestResult> write(MeasurementIngest.CheckedFrame frame, BooleanSupplier wanted) {
        return Uni.createFrom().emitter(answer -> {
            int readings = size(frame);
            if (readings > 0 && queuedReadings.addAndGet(readings) > settings.streamMaxQueued()) {
                queuedReadings.addAndGet(-readings);
                answer.fail(new TooManyAttempts(settings.streamMaxQueued() + " readings of device streams are "
                        + "waiting to be stored; retry later", settings.retryAfter()));
                return;
            }
            waiting.add(new Waiting(frame, wanted, answer));
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
                || readings + size(next.frame()) <= settings.maxReadings()); next = waiting.peek()) {
            waiting.poll();
            if (next.wanted().getAsBoolean()) {
                group.add(next);
                readings += size(next.frame());
            } else {
                queuedReadings.addAndGet(-size(next.frame()));
                next.answer().fail(new IllegalStateException("the stream closed before its frame was stored"));
            }
        }
        if (group.isEmpty()) {
            done();
            return;
        }
        int taken = readings;
        ingest.prepareFrames(group.stream().map(Waiting::frame).toList())
                .chain(this::store)
                // the room is given back before any acknowledgement goes out: a device's next frames must fit
                .onTermination().invoke(() -> queuedReadings.addAndGet(-taken))
                .subscribe().with(answers -> {
                    for (int i = 0; i < group.size(); i++) {
                        Answer answer = answers.get(i);
                        if (answer.failure() == null) {
                            group.get(i).answer().complete(answer.result());
                        } else {
                            group.get(i).answer().fail(answer.failure());
                        }
                    }
                    done();
                }, failure -> {
                    group.forEach(frame -> frame.answer().fail(failure));
                    done();
                });
    }

    /**
     * Each frame's answer, in order: its result once the admitted frames are stored together, or why it was not
     * stored (its refusal; the pipeline's failure).
     */
    private Uni<List<Answer>> store(List<MeasurementIngest.FrameOutcome> outcomes) {
        List<MeasurementIngest.Prepared> prepared = outcomes.stream().map(MeasurementIngest.FrameOutcome::prepared)
                .filter(Objects::nonNull).toList();
        Uni<List<IngestResult>> stored = prepared.isEmpty() ? Uni.createFrom().item(List.of())
                : pipeline.accept(prepared);
        return stored.map(results -> answers(outcomes, results, null))
                .onFailure().recoverWithItem(failure -> answers(outcomes, List.of(), failure));
    }

    private static List<Answer> answers(List<MeasurementIngest.FrameOutcome> outcomes, List<IngestResult> results,
                                        Throwable failure) {
        List<Answer> answers = new ArrayList<>(outcomes.size());
        int next = 0;
        for (MeasurementIngest.FrameOutcome outcome : outcomes) {
            answers.add(outcome.refused() != null ? new Answer(null, outcome.refused())
                    : failure != null ? new Answer(null, failure) : new Answer(results.get(next++), null));
        }
        return answers;
    }

    private static int size(MeasurementIngest.CheckedFrame frame) {
        return frame.readings().checked().size();
    }

    private void done() {
        writing.set(false);
        drain(); // frames that arrived while this write ran
    }
}
