package org.mdms.analytics.sync;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.analytics.common.AnalyticsConfig;
import org.mdms.analytics.warehouse.ChangePage;
import org.mdms.analytics.warehouse.WarehouseWriter;

import java.time.Duration;
import java.util.function.BiFunction;

/**
 * For the benchmarks and tests that feed pages they built themselves into the sync's apply path (one transaction per
 * page, cursor and lease checked) and rebuild the months bulk batches left stale, as a run does once caught up.
 */
@ApplicationScoped
public class SyncDriver {

    private final SyncService sync;
    private final WarehouseWriter writer;
    private final SyncLease lease;
    private final AnalyticsConfig config;

    public SyncDriver(SyncService sync, WarehouseWriter writer, SyncLease lease, AnalyticsConfig config) {
        this.sync = sync;
        this.writer = writer;
        this.lease = lease;
        this.config = config;
    }

    public Uni<WarehouseWriter.BatchResult> applyPage(ChangePage page) {
        return applyPage(page, false);
    }

    /** As {@link #applyPage(ChangePage)}; {@code bulk} as a sync run far behind applies it (facts only). */
    public Uni<WarehouseWriter.BatchResult> applyPage(ChangePage page, boolean bulk) {
        return underLease((me, leaseFor) -> sync.cursor()
                .chain(c -> writer.applyBatch(page, c.lastSeq(), me, leaseFor, bulk)));
    }

    /** Rebuilds the months bulk batches left stale, as a run does once caught up; returns how many. */
    public Uni<Integer> rebuildStaleMonths() {
        return underLease(sync::rebuildStale);
    }

    /** Takes (or renews) the lease for this replica, then does the work; fails when another replica holds it. */
    private <T> Uni<T> underLease(BiFunction<String, Duration, Uni<T>> work) {
        Duration leaseFor = config.sync().leaseDuration();
        return lease.acquire(lease.me(), leaseFor).chain(held -> held ? work.apply(lease.me(), leaseFor)
                : Uni.createFrom().failure(new IllegalStateException("sync lease held elsewhere")));
    }
}
