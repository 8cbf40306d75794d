package org.mdms.records.common;

import java.time.Duration;

/** 503: a part the request needs (the readings' Kafka broker) did not take it; nothing was kept; Retry-After says when. */
public class TryAgainLater extends TooManyAttempts {

    public TryAgainLater(String detail, Duration retryAfter) {
        super(503, "Service Unavailable", detail, retryAfter);
    }
}
