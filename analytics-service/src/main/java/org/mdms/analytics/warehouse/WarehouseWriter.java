package org.mdms.analytics.warehouse;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Applies change-feed batches to the warehouse: dimensions and facts are upserted (the feed carries each entity's
 * full state), rollups receive deltas (old contribution out, new contribution in), and the cursor moves in the same
 * transaction, guarded by the sync lease. Replaying a batch therefore changes nothing. Each entity has its applier;
 * this class only orders them and owns the transaction.
 */
@ApplicationScoped
public class WarehouseWriter {

    public record BatchResult(int events, int prescriptionItems, long cursor) {
    }

    private final Pool pool;
    private final FeedReader feed;
    private final DimensionApplier dimensions;
    private final VisitApplier visits;
    private final PrescriptionApplier prescriptions;
    private final VitalSignApplier vitalSigns;
    private final ExaminationApplier examinations;
    private final RollupWriter rollups;
    private final MonthRebuild rebuild;

    public WarehouseWriter(Pool pool, FeedReader feed, DimensionApplier dimensions, VisitApplier visits,
                           PrescriptionApplier prescriptions, VitalSignApplier vitalSigns,
                           ExaminationApplier examinations, RollupWriter rollups, MonthRebuild rebuild) {
        this.pool = pool;
        this.feed = feed;
        this.dimensions = dimensions;
        this.visits = visits;
        this.prescriptions = prescriptions;
        this.vitalSigns = vitalSigns;
        this.examinations = examinations;
        this.rollups = rollups;
        this.rebuild = rebuild;
    }

    /**
     * Applies one page in one transaction and moves the cursor from {@code expectedCursor} to the page's
     * nextCursor, only while {@code leaseOwner} holds the lease and nobody else moved the cursor.
     */
    public Uni<BatchResult> applyBatch(ChangePage page, long expectedCursor, String leaseOwner, Duration leaseDuration) {
        return applyBatch(page, expectedCursor, leaseOwner, leaseDuration, false);
    }

    /**
     * As {@link #applyBatch(ChangePage, long, String, Duration)}; with {@code bulk} the prescription rollups get no
     * deltas: the months the batch touches are marked stale instead (same transaction) and
     * {@link #rebuildMonth} recomputes them from the facts later. Used while the sync is far behind.
     */
    public Uni<BatchResult> applyBatch(ChangePage page, long expectedCursor, String leaseOwner, Duration leaseDuration,
                                       boolean bulk) {
        List<ChangeEvent> events = page.events();
        Instant lastOccurred = events.isEmpty() ? null : events.get(events.size() - 1).occurredAt();
        return pool.withTransaction(conn -> apply(conn, events, bulk).chain(items -> Sql.query(conn,
                    WarehouseQueries.MOVE_CURSOR,
                    page.nextCursor(), Sql.utc(lastOccurred), (long) events.size(),
                    leaseDuration.toNanos() / 1000, expectedCursor, leaseOwner)
                    .map(rows -> {
                        if (rows.rowCount() == 0) {
                            throw new StaleBatchException("cursor moved from " + expectedCursor
                                    + " or the sync lease was lost; batch rolled back");
                        }
                        return new BatchResult(events.size(), items, page.nextCursor());
                    })));
    }

    /** Applies events inside an open transaction; returns the number of prescription items written. */
    public Uni<Integer> apply(SqlConnection conn, List<ChangeEvent> events) {
        return apply(conn, events, false);
    }

    /**
     * Applies events inside an open transaction; with {@code bulk} the prescription rollups are not touched and the
     * months of the changed prescriptions (old and new state) are marked in rollup_stale_month instead.
     */
    public Uni<Integer> apply(SqlConnection conn, List<ChangeEvent> events, boolean bulk) {
        // the whole batch is read before anything is written: an event off the contract fails it with nothing written
        return Uni.createFrom().item(() -> feed.read(events)).chain(batch -> write(conn, batch, bulk));
    }

    private Uni<Integer> write(SqlConnection conn, FeedReader.Batch batch, boolean bulk) {
        Deltas deltas = new Deltas();
        AtomicInteger items = new AtomicInteger();
        return dimensions.departments(conn, batch.departments())
                .chain(() -> dimensions.staff(conn, batch.staff()))
                .chain(() -> dimensions.patients(conn, batch.patients()))
                .chain(() -> dimensions.drugs(conn, batch.drugs()))
                .chain(() -> visits.apply(conn, batch.visits(), deltas, bulk))
                .chain(() -> bulk
                        ? prescriptions.factsOnly(conn, batch.prescriptions(), items)
                        : prescriptions.withDeltas(conn, batch.prescriptions(), deltas, items))
                .chain(() -> vitalSigns.apply(conn, batch.vitalSigns(), deltas))
                .chain(() -> examinations.apply(conn, batch.examinations()))
                .chain(() -> rollups.write(conn, deltas))
                .map(ignored -> items.get());
    }

    /** Months whose prescription rollups wait for a rebuild (marked by bulk batches), oldest first. */
    public Uni<List<Integer>> staleMonths() {
        return rebuild.staleMonths();
    }

    /** Recomputes one stale month's prescription rollups from the facts, under the lease (see {@link MonthRebuild}). */
    public Uni<Void> rebuildMonth(int month, String leaseOwner, Duration leaseDuration) {
        return rebuild.rebuildMonth(month, leaseOwner, leaseDuration);
    }
}
