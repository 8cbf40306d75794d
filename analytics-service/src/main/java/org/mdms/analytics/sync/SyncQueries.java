package org.mdms.analytics.sync;

/** The sync's own SQL: the cursor row and the lease row (the batch's cursor move is WarehouseQueries.MOVE_CURSOR). */
final class SyncQueries {

    private SyncQueries() {
    }

    static final String CURSOR =
            "SELECT last_seq, last_event_at, last_synced_at, events_applied FROM sync_cursor WHERE id = 1";

    /** Takes the lease when it is free, expired or already ours. */
    static final String ACQUIRE_LEASE = """
            UPDATE sync_lease SET owner = ?, expires_at = UTC_TIMESTAMP(6) + INTERVAL ? MICROSECOND
             WHERE name = 'sync' AND (owner = ? OR owner IS NULL OR expires_at <= UTC_TIMESTAMP(6))""";
    static final String RELEASE_LEASE =
            "UPDATE sync_lease SET owner = NULL, expires_at = UTC_TIMESTAMP(6) WHERE name = 'sync' AND owner = ?";
    static final String LEASE_HOLDER = "SELECT owner, expires_at FROM sync_lease WHERE name = 'sync'";
}
