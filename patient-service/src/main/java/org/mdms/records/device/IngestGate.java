package org.mdms.records.device;

import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.records.common.TooManyAttempts;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Back-pressure on the ingest path: at most maxInFlight batches are parsed and stored at once; the next is told to
 * come back (429 + Retry-After) instead of queueing in memory. A refused batch was not acknowledged, so the device
 * keeps it and resends; duplicates make the resend safe.
 */
@ApplicationScoped
public class IngestGate {

    private final AtomicInteger inFlight = new AtomicInteger();
    private final IngestSettings settings;

    IngestGate(IngestSettings settings) {
        this.settings = settings;
    }

    /** Takes a place or throws; the caller must {@link #leave()} once it took one. */
    public void enter() {
        if (inFlight.incrementAndGet() > settings.maxInFlight()) {
            inFlight.decrementAndGet();
            throw new TooManyAttempts(settings.maxInFlight() + " batches of readings are being stored; retry later",
                    settings.retryAfter());
        }
    }

    public void leave() {
        inFlight.decrementAndGet();
    }
}
