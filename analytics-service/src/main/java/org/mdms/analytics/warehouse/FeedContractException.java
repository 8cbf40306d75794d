package org.mdms.analytics.warehouse;

import org.mdms.common.DomainException;

import java.util.List;

/**
 * A change event that does not match the feed's contract (a field missing, renamed, null where required or of the
 * wrong type): the sync stops before writing anything of the batch, the cursor stays, and the caller gets a 502.
 */
public class FeedContractException extends DomainException {

    private final long seq;
    private final String entityType;
    private final String field;

    public FeedContractException(ChangeEvent event, String field, String problem) {
        super(502, "Bad Gateway", "change event " + event.seq() + " (" + event.entityType() + " " + event.entityId()
                        + ") does not match the change feed contract: payload." + field + " " + problem
                        + "; the sync stops here and the cursor stays before this batch",
                List.of(new FieldError("payload." + field, problem)));
        this.seq = event.seq();
        this.entityType = event.entityType();
        this.field = field;
    }

    public long seq() {
        return seq;
    }

    public String entityType() {
        return entityType;
    }

    /** The payload field, e.g. {@code status} or {@code items[0].quantity}. */
    public String field() {
        return field;
    }
}
