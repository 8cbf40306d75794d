package org.mdms.records.device;

/**
 * A record of the readings topic that is not a readings record this service can read (another producer, a newer
 * version's format, a damaged value): reading it again will not help, so it is set aside, not retried.
 */
class UnreadableRecord extends RuntimeException {

    UnreadableRecord(String message) {
        super(message, null, false, false);
    }
}
