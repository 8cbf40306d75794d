package org.mdms.records.common;

import java.time.Duration;
import java.util.List;
import org.mdms.common.DomainException;

/** 429: too many failed sign-ins (or batches in flight); the error mapper adds Retry-After. */
public class TooManyAttempts extends DomainException {

    private final long retryAfterSeconds;

    public TooManyAttempts(String detail, Duration retryAfter) {
        this(429, "Too Many Requests", detail, retryAfter);
    }

    protected TooManyAttempts(int status, String title, String detail, Duration retryAfter) {
        super(status, title, detail, List.of());
        this.retryAfterSeconds = Math.max(1, retryAfter.toSeconds() + (retryAfter.toMillisPart() > 0 ? 1 : 0));
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
