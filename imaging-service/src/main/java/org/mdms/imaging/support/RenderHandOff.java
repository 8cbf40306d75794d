package org.mdms.imaging.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.mdms.imaging.config.ImagingConfig;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands the bytes an upload has just received to its thumbnail render, so that the render does not read the original
 * back from the bucket. Bounded: a body above {@code mdms.imaging.thumbnails.hand-off-max} is not kept, nor one that
 * would take the bodies waiting for their render past {@code hand-off-memory}; those renders read the bucket as
 * before. The render releases what it was handed when it ends (rendered, failed or dropped).
 */
@ApplicationScoped
public class RenderHandOff {

    /** A body kept for its render: the first {@code length} bytes of {@code buffer}, which nobody writes any more. */
    public final class Body {
        private final byte[] buffer;
        private final int length;
        private final AtomicBoolean released = new AtomicBoolean();

        private Body(byte[] buffer, int length) {
            this.buffer = buffer;
            this.length = length;
        }

        public byte[] buffer() {
            return buffer;
        }

        public int length() {
            return length;
        }

        public InputStream open() {
            return new ByteArrayInputStream(buffer, 0, length);
        }

        /** Gives its room back; the render calls it once it is done with the bytes (again: no effect). */
        public void release() {
            if (released.compareAndSet(false, true)) {
                held.addAndGet(-buffer.length);
            }
        }
    }

    private final long maxBody;
    private final long maxTotal;
    private final AtomicLong held = new AtomicLong();

    @Inject
    RenderHandOff(ImagingConfig config) {
        this(config.imaging().thumbnails().handOffMax().asLongValue(),
                config.imaging().thumbnails().handOffMemory().asLongValue());
    }

    RenderHandOff(long maxBody, long maxTotal) {
        this.maxBody = maxBody;
        this.maxTotal = maxTotal;
    }

    /**
     * The body to hand to the render, or null when it is too large or the room is taken (the render reads the bucket).
     * {@code buffer} is counted whole (its spare capacity is heap all the same).
     */
    public Body keep(byte[] buffer, int length) {
        if (buffer == null || length > maxBody || buffer.length > 2 * maxBody) {
            return null;
        }
        long after = held.addAndGet(buffer.length);
        if (after > maxTotal) {
            held.addAndGet(-buffer.length);
            return null;
        }
        return new Body(buffer, length);
    }

    /** Bytes held for renders now (the metric and the tests' view of the bound). */
    public long held() {
        return held.get();
    }
}
