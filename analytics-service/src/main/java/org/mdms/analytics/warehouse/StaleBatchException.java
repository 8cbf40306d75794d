package org.mdms.analytics.warehouse;

/** Thrown when the cursor moved or the lease was lost since the batch was read: the batch is rolled back. */
public class StaleBatchException extends RuntimeException {

    public StaleBatchException(String message) {
        super(message);
    }
}
