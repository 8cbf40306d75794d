package org.mdms.records.device;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.InboundProcessingMode;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.PathParam;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;
import org.mdms.common.DomainException;
import org.mdms.records.common.TooManyAttempts;
import org.mdms.records.device.DeviceDtos.IngestResult;
import org.mdms.records.device.DeviceDtos.Refusal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A continuous monitor's stream: {@code GET /api/v1/devices/{id}/stream} upgraded to a WebSocket with the device's
 * credential in the upgrade's Authorization header (checked by {@link DeviceStreamCheck}). Each text frame is one
 * reading or a JSON array of readings, stored exactly as a batch of POST .../measurements; each frame is answered
 * by one acknowledgement frame, sent only after its readings are committed (StreamWrites looks up and writes the
 * frames of all streams together). Frames are processed concurrently (acknowledgements carry the frame's number); a device that
 * runs more than streamFramesAhead frames ahead of its acknowledgements, or whose frame does not fit in the bounded
 * write queue, is closed with 1013 (try again later): nothing is buffered on its behalf, and what was not
 * acknowledged must be resent (duplicates make that safe).
 */
@WebSocket(path = "/api/v1/devices/{id}/stream", inboundProcessingMode = InboundProcessingMode.CONCURRENT)
public class DeviceStream {

    /** Close codes of the stream (RFC 6455 §7.4.1 and the IANA registry), documented in the README. */
    static final int POLICY_VIOLATION = 1008;
    static final int INTERNAL_ERROR = 1011;
    static final int TRY_AGAIN_LATER = 1013;

    private static final Logger LOG = Logger.getLogger(DeviceStream.class);
    private static final UserData.TypedKey<Frames> FRAMES = new UserData.TypedKey<>("mdms.device-stream.frames");

    /** What a frame became; the fields of a batch's answer plus the frame's number on this connection. */
    public record Acknowledgement(long frame, int received, int accepted, int duplicates, int refused, int abnormal,
                                  List<Refusal> refusals) {
        static Acknowledgement of(long frame, IngestResult result) {
            return new Acknowledgement(frame, result.received(), result.accepted(), result.duplicates(),
                    result.refused(), result.abnormal(), result.refusals());
        }
    }

    /** A frame that is not a batch at all (not JSON, too many readings, too large): nothing of it was stored. */
    public record FrameProblem(long frame, int status, String detail, List<DomainException.FieldError> errors) {
    }

    /** Per connection: frames received and frames not yet acknowledged. */
    private static final class Frames {
        final AtomicLong received = new AtomicLong();
        final AtomicInteger unacknowledged = new AtomicInteger();
    }

    private final MeasurementIngest ingest;
    private final StreamWrites writes;
    private final IngestSettings settings;
    private final ObjectMapper json;

    DeviceStream(MeasurementIngest ingest, StreamWrites writes, IngestSettings settings, ObjectMapper json) {
        this.ingest = ingest;
        this.writes = writes;
        this.settings = settings;
        this.json = json;
    }

    @OnOpen
    void opened(WebSocketConnection connection) {
        frames(connection);
    }

    /** Processing is concurrent, so a first frame can arrive before @OnOpen ran. */
    private static Frames frames(WebSocketConnection connection) {
        synchronized (connection) {
            Frames frames = connection.userData().get(FRAMES);
            if (frames == null) {
                frames = new Frames();
                connection.userData().put(FRAMES, frames);
            }
            return frames;
        }
    }

    @OnTextMessage
    Uni<Void> frame(String frame, WebSocketConnection connection, @PathParam("id") String id) {
        Frames frames = frames(connection);
        long number = frames.received.incrementAndGet();
        if (frames.unacknowledged.incrementAndGet() > settings.streamFramesAhead()) {
            frames.unacknowledged.decrementAndGet();
            return close(connection, TRY_AGAIN_LATER, "more than " + settings.streamFramesAhead()
                    + " frames unacknowledged; reconnect and resend what was not acknowledged");
        }
        String authorization = connection.handshakeRequest().header("Authorization");
        return Uni.createFrom().item(() -> ingest.checkFrame(Long.parseLong(id), authorization, frame))
                .chain(checked -> writes.write(checked, connection::isOpen))
                .chain(result -> send(connection, Acknowledgement.of(number, result)))
                .onFailure().recoverWithUni(failure -> refused(connection, number, failure))
                .eventually(frames.unacknowledged::decrementAndGet);
    }

    private Uni<Void> refused(WebSocketConnection connection, long number, Throwable failure) {
        if (connection.isClosed()) {
            return Uni.createFrom().voidItem(); // nothing to answer: the device resends what was not acknowledged
        }
        if (failure instanceof TooManyAttempts busy) {
            return close(connection, TRY_AGAIN_LATER, "ingest busy: reconnect after " + busy.retryAfterSeconds()
                    + " s and resend frame " + number + " on");
        }
        if (failure instanceof DomainException problem && (problem.status() == 400 || problem.status() == 413)) {
            return send(connection, new FrameProblem(number, problem.status(), problem.getMessage(),
                    problem.errors()));
        }
        if (failure instanceof DomainException problem) {
            // 401, 403, 409: a replaced secret, a device taken out of service; the device must not go on sending
            return close(connection, POLICY_VIOLATION, problem.status() + " " + problem.getMessage());
        }
        LOG.errorf(failure, "device stream %s: frame %d failed", connection.id(), number);
        return close(connection, INTERNAL_ERROR, "frame " + number + " was not stored; resend it");
    }

    private Uni<Void> send(WebSocketConnection connection, Object answer) {
        try {
            return connection.sendText(json.writeValueAsString(answer));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
    }

    private static Uni<Void> close(WebSocketConnection connection, int code, String reason) {
        return connection.isClosed() ? Uni.createFrom().voidItem()
                : connection.close(new CloseReason(code, fit(reason)));
    }

    /** A close frame's reason holds at most 123 bytes of UTF-8. */
    private static String fit(String reason) {
        String text = reason;
        while (text.getBytes(StandardCharsets.UTF_8).length > 123) {
            text = text.substring(0, text.length() - 1);
        }
        return text;
    }
}
