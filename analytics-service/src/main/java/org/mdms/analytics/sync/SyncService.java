package org.mdms.analytics.sync;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.mdms.analytics.common.AnalyticsConfig;
import org.mdms.analytics.warehouse.ChangeEvent;
import org.mdms.analytics.warehouse.ChangePage;
import org.mdms.analytics.warehouse.FeedContractException;
import org.mdms.analytics.warehouse.Sql;
import org.mdms.analytics.warehouse.WarehouseWriter;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Pulls the change feed into the warehouse: on a schedule (mdms.analytics.sync.every, default 5s) and on demand.
 * Within a replica runs are serialised; across replicas the lease row lets one worker run at a time.
 */
@ApplicationScoped
public class SyncService {

    private static final Logger LOG = Logger.getLogger(SyncService.class);

    /**
     * One run. bulkBatches: batches applied in bulk catch-up (facts only); monthsRebuilt: months whose prescription
     * rollups were then recomputed from the facts.
     */
    public record SyncRun(String outcome, long fromCursor, long toCursor, long events, long prescriptionItems,
                          int batches, boolean hasMore, long millis, String leaseOwner, String error, int bulkBatches,
                          int monthsRebuilt) {
        SyncRun(String outcome, long fromCursor, long toCursor, long events, long prescriptionItems, int batches,
                boolean hasMore, long millis, String leaseOwner, String error) {
            this(outcome, fromCursor, toCursor, events, prescriptionItems, batches, hasMore, millis, leaseOwner, error,
                    0, 0);
        }
    }

    public record SyncStatus(long cursor, Instant lastEventAt, Instant lastSyncedAt, long eventsApplied,
                             Long eventsBehind, boolean eventsBehindIsLowerBound, Long secondsBehind,
                             String leaseOwner, Instant leaseExpiresAt, boolean thisReplicaHoldsLease,
                             SyncRun lastRun, String feedError, List<Integer> staleMonths) {
    }

    record Cursor(long lastSeq, LocalDateTime lastEventAt, LocalDateTime lastSyncedAt, long eventsApplied) {
    }

    private final Pool pool;
    private final PatientServiceGateway gateway;
    private final WarehouseWriter writer;
    private final SyncLease lease;
    private final AnalyticsConfig config;
    private final CatchUp catchUp;
    private final Counter eventsCounter;
    private final Counter itemsCounter;
    private final AtomicReference<SyncRun> lastRun = new AtomicReference<>();
    private final AtomicReference<Long> lagSeconds = new AtomicReference<>(0L);
    private CompletableFuture<SyncRun> tail = CompletableFuture.completedFuture(null);

    public SyncService(Pool pool, PatientServiceGateway gateway, WarehouseWriter writer, SyncLease lease,
                       AnalyticsConfig config, CatchUp catchUp, MeterRegistry registry) {
        this.pool = pool;
        this.gateway = gateway;
        this.writer = writer;
        this.lease = lease;
        this.config = config;
        this.catchUp = catchUp;
        this.eventsCounter = registry.counter("mdms.sync.events.applied");
        this.itemsCounter = registry.counter("mdms.sync.prescription.items.applied");
        registry.gauge("mdms.sync.seconds.behind", lagSeconds, ref -> ref.get() == null ? -1 : ref.get());
    }

    @Scheduled(every = "${mdms.analytics.sync.every:5s}", delayed = "${mdms.analytics.sync.initial-delay:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "warehouse-sync")
    Uni<Void> scheduled() {
        synchronized (this) {
            if (!tail.isDone()) {
                return Uni.createFrom().voidItem();
            }
        }
        // a run that stopped at maxBatchesPerRun (PARTIAL) is followed at once by the next, not at the next tick;
        // each goes through syncNow, so a POST /sync waiting in between gets its turn
        return Uni.createFrom().completionStage(this::syncNow)
                .repeat().whilst(run -> run != null && "PARTIAL".equals(run.outcome()))
                .collect().last().replaceWithVoid()
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Runs a sync now, after any run already in progress in this replica (so the caller sees what is committed). */
    public Uni<SyncRun> sync() {
        return Uni.createFrom().completionStage(this::syncNow);
    }

    private synchronized CompletableFuture<SyncRun> syncNow() {
        CompletableFuture<SyncRun> next = tail.handle((r, e) -> null)
                .thenCompose(ignored -> runOnce().subscribeAsCompletionStage());
        tail = next;
        return next;
    }

    private Uni<SyncRun> runOnce() {
        long started = System.nanoTime();
        String me = lease.me();
        Duration leaseFor = config.sync().leaseDuration();
        return lease.acquire(me, leaseFor)
                .chain(held -> {
                    if (!held) {
                        return lease.holder().map(h -> new SyncRun("LEASE_HELD_ELSEWHERE", 0, 0, 0, 0, 0, false,
                                elapsed(started), h.owner(), null));
                    }
                    return cursor().chain(c -> writer.staleMonths().chain(stale -> {
                        Progress start = new Progress(c.lastSeq(), started, me, leaseFor);
                        start.catchingUp = !stale.isEmpty();
                        return loop(start, c.lastSeq(), fetch(c.lastSeq()));
                    }));
                })
                .onFailure().recoverWithUni(failure -> {
                    SyncRun failed = new SyncRun("FAILED", 0, 0, 0, 0, 0, true, elapsed(started), me,
                            failure.toString());
                    if (failure instanceof FeedContractException) {
                        // the feed and this reader disagree: retrying cannot help, so the caller sees it (502)
                        LOG.errorf("sync stopped: %s", failure.getMessage());
                        lastRun.set(failed);
                        return Uni.createFrom().failure(failure);
                    }
                    LOG.warnf("sync failed: %s", failure.toString());
                    return Uni.createFrom().item(failed);
                })
                .invoke(run -> {
                    lastRun.set(run);
                    if (run.events() > 0) {
                        LOG.infof("sync applied %d events (%d prescription items) in %d batches, cursor %d -> %d, %d ms",
                                run.events(), run.prescriptionItems(), run.batches(), run.fromCursor(), run.toCursor(),
                                run.millis());
                    }
                });
    }

    /** What a run has done so far. */
    private static final class Progress {
        final long from;
        final long started;
        final String me;
        final Duration leaseFor;
        long events;
        long items;
        int batches;
        int bulkBatches;
        int monthsRebuilt;
        /** bulk batches were applied (this run or an earlier one) whose months are not rebuilt yet */
        boolean catchingUp;

        Progress(long from, long started, String me, Duration leaseFor) {
            this.from = from;
            this.started = started;
            this.me = me;
            this.leaseFor = leaseFor;
        }

        SyncRun run(String outcome, long cursor, boolean hasMore) {
            return new SyncRun(outcome, from, cursor, events, items, batches, hasMore, elapsed(started), me, null,
                    bulkBatches, monthsRebuilt);
        }
    }

    /** Starts reading the next batch at once, so the feed is read while the previous batch is being applied. */
    private CompletableFuture<ChangePage> fetch(long cursor) {
        return gather(cursor, new ArrayList<>(), 0).subscribeAsCompletionStage();
    }

    private Uni<SyncRun> loop(Progress run, long cursor, CompletableFuture<ChangePage> pending) {
        return Uni.createFrom().completionStage(pending).chain(page -> {
            if (page.events().isEmpty()) {
                lagSeconds.set(0L);
                return caughtUp(run, cursor);
            }
            // far behind: facts only, rollups rebuilt per month once caught up (see CatchUp)
            boolean bulk = run.catchingUp || catchUp.farBehind(run.events, page);
            boolean more = page.hasMore() && run.batches + 1 < config.sync().maxBatchesPerRun();
            CompletableFuture<ChangePage> next = more ? fetch(page.nextCursor()) : null;
            return writer.applyBatch(page, cursor, run.me, run.leaseFor, bulk)
                    .onFailure().invoke(() -> {
                        if (next != null) {
                            next.cancel(false);
                        }
                    })
                    .chain(result -> {
                        eventsCounter.increment(result.events());
                        itemsCounter.increment(result.prescriptionItems());
                        Instant last = page.events().get(page.events().size() - 1).occurredAt();
                        lagSeconds.set(Math.max(0, Duration.between(last, Instant.now()).toSeconds()));
                        run.events += result.events();
                        run.items += result.prescriptionItems();
                        run.batches++;
                        if (bulk) {
                            run.bulkBatches++;
                            run.catchingUp = true;
                        }
                        if (more) {
                            return loop(run, page.nextCursor(), next);
                        }
                        if (page.hasMore()) {
                            // the run yields; a later run continues the catch-up and rebuilds once caught up
                            return Uni.createFrom().item(run.run("PARTIAL", page.nextCursor(), true));
                        }
                        return caughtUp(run, page.nextCursor());
                    });
        });
    }

    /** At the end of the feed: rebuilds the months bulk batches left stale, then reports UP_TO_DATE. */
    private Uni<SyncRun> caughtUp(Progress run, long cursor) {
        if (!run.catchingUp) {
            return Uni.createFrom().item(run.run("UP_TO_DATE", cursor, false));
        }
        return rebuildStale(run.me, run.leaseFor).map(months -> {
            run.monthsRebuilt += months;
            run.catchingUp = false;
            return run.run("UP_TO_DATE", cursor, false);
        });
    }

    /** Rebuilds every stale month, one transaction each, oldest first; returns how many. */
    Uni<Integer> rebuildStale(String me, Duration leaseFor) {
        return writer.staleMonths().chain(months -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (int month : months) {
                chain = chain.chain(() -> writer.rebuildMonth(month, me, leaseFor));
            }
            return chain.replaceWith(months.size());
        });
    }

    /** Reads up to pagesPerTransaction feed pages after {@code cursor} into one page (stops early when caught up). */
    private Uni<ChangePage> gather(long cursor, List<ChangeEvent> events, int pages) {
        return gateway.changes(cursor, config.sync().batchSize()).chain(page -> {
            events.addAll(page.events());
            long next = page.events().isEmpty() ? cursor : page.nextCursor();
            if (page.hasMore() && !page.events().isEmpty() && pages + 1 < config.sync().pagesPerTransaction()) {
                return gather(next, events, pages + 1);
            }
            return Uni.createFrom().item(new ChangePage(events, next, page.hasMore()));
        });
    }

    /** The stored cursor and the lag measured against the feed (events after the cursor, age of the oldest one). */
    public Uni<SyncStatus> status() {
        return cursor().chain(c -> lease.holder().chain(h -> writer.staleMonths().chain(stale -> gateway.changes(c.lastSeq(), 1000)
                .map(page -> {
                    Long secondsBehind = page.events().isEmpty() ? 0L
                            : Math.max(0, Duration.between(page.events().get(0).occurredAt(), Instant.now()).toSeconds());
                    return new SyncStatus(c.lastSeq(), Sql.instant(c.lastEventAt()), Sql.instant(c.lastSyncedAt()),
                            c.eventsApplied(), (long) page.events().size(), page.hasMore(), secondsBehind, h.owner(),
                            Sql.instant(h.expiresAt()),
                            lease.me().equals(h.owner()) && h.expiresAt().isAfter(LocalDateTime.now(ZoneOffset.UTC)),
                            lastRun.get(), null, stale);
                })
                .onFailure().recoverWithItem(failure -> new SyncStatus(c.lastSeq(), Sql.instant(c.lastEventAt()),
                        Sql.instant(c.lastSyncedAt()), c.eventsApplied(), null, false, null, h.owner(),
                        Sql.instant(h.expiresAt()), lease.me().equals(h.owner()),
                        lastRun.get(), "change feed unreachable: " + failure, stale)))));
    }

    Uni<Cursor> cursor() {
        return Sql.query(pool, SyncQueries.CURSOR)
                .map(rows -> {
                    var row = rows.iterator().next();
                    return new Cursor(row.getLong("last_seq"), row.getLocalDateTime("last_event_at"),
                            row.getLocalDateTime("last_synced_at"), row.getLong("events_applied"));
                });
    }

    private static long elapsed(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
