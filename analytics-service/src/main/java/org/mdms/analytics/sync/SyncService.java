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

    public record SyncRun(String outcome, long fromCursor, long toCursor, long events, long prescriptionItems,
                          int batches, boolean hasMore, long millis, String leaseOwner, String error) {
    }

    public record SyncStatus(long cursor, LocalDateTime lastEventAt, LocalDateTime lastSyncedAt, long eventsApplied,
                             Long eventsBehind, boolean eventsBehindIsLowerBound, Long secondsBehind,
                             String leaseOwner, LocalDateTime leaseExpiresAt, boolean thisReplicaHoldsLease,
                             SyncRun lastRun, String feedError) {
    }

    private record Cursor(long lastSeq, LocalDateTime lastEventAt, LocalDateTime lastSyncedAt, long eventsApplied) {
    }

    private final Pool pool;
    private final PatientServiceGateway gateway;
    private final WarehouseWriter writer;
    private final SyncLease lease;
    private final AnalyticsConfig config;
    private final Counter eventsCounter;
    private final Counter itemsCounter;
    private final AtomicReference<SyncRun> lastRun = new AtomicReference<>();
    private final AtomicReference<Long> lagSeconds = new AtomicReference<>(0L);
    private CompletableFuture<SyncRun> tail = CompletableFuture.completedFuture(null);

    public SyncService(Pool pool, PatientServiceGateway gateway, WarehouseWriter writer, SyncLease lease,
                       AnalyticsConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.gateway = gateway;
        this.writer = writer;
        this.lease = lease;
        this.config = config;
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
        return Uni.createFrom().completionStage(this::syncNow).replaceWithVoid()
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
                    return cursor().chain(c -> loop(me, leaseFor, c.lastSeq(), c.lastSeq(), 0, 0, 0, started));
                })
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("sync failed: %s", failure.toString());
                    return new SyncRun("FAILED", 0, 0, 0, 0, 0, true, elapsed(started), me, failure.toString());
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

    private Uni<SyncRun> loop(String me, Duration leaseFor, long from, long cursor, long events, long items, int batches,
                              long started) {
        return gather(cursor, new ArrayList<>(), 0)
                .chain(page -> {
                    if (page.events().isEmpty()) {
                        lagSeconds.set(0L);
                        return Uni.createFrom().item(new SyncRun("UP_TO_DATE", from, cursor, events, items, batches,
                                false, elapsed(started), me, null));
                    }
                    return writer.applyBatch(page, cursor, me, leaseFor)
                            .chain(result -> {
                                eventsCounter.increment(result.events());
                                itemsCounter.increment(result.prescriptionItems());
                                Instant last = page.events().get(page.events().size() - 1).occurredAt();
                                lagSeconds.set(Math.max(0, Duration.between(last, Instant.now()).toSeconds()));
                                long nowEvents = events + result.events();
                                long nowItems = items + result.prescriptionItems();
                                if (page.hasMore() && batches + 1 < config.sync().maxBatchesPerRun()) {
                                    return loop(me, leaseFor, from, page.nextCursor(), nowEvents, nowItems, batches + 1,
                                            started);
                                }
                                return Uni.createFrom().item(new SyncRun(page.hasMore() ? "PARTIAL" : "UP_TO_DATE",
                                        from, page.nextCursor(), nowEvents, nowItems, batches + 1, page.hasMore(),
                                        elapsed(started), me, null));
                            });
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
        return cursor().chain(c -> lease.holder().chain(h -> gateway.changes(c.lastSeq(), 1000)
                .map(page -> {
                    Long secondsBehind = page.events().isEmpty() ? 0L
                            : Math.max(0, Duration.between(page.events().get(0).occurredAt(), Instant.now()).toSeconds());
                    return new SyncStatus(c.lastSeq(), c.lastEventAt(), c.lastSyncedAt(), c.eventsApplied(),
                            (long) page.events().size(), page.hasMore(), secondsBehind, h.owner(), h.expiresAt(),
                            lease.me().equals(h.owner()) && h.expiresAt().isAfter(LocalDateTime.now(ZoneOffset.UTC)),
                            lastRun.get(), null);
                })
                .onFailure().recoverWithItem(failure -> new SyncStatus(c.lastSeq(), c.lastEventAt(), c.lastSyncedAt(),
                        c.eventsApplied(), null, false, null, h.owner(), h.expiresAt(), lease.me().equals(h.owner()),
                        lastRun.get(), "change feed unreachable: " + failure))));
    }

    private Uni<Cursor> cursor() {
        return Sql.query(pool, "SELECT last_seq, last_event_at, last_synced_at, events_applied FROM sync_cursor WHERE id = 1")
                .map(rows -> {
                    var row = rows.iterator().next();
                    return new Cursor(row.getLong("last_seq"), row.getLocalDateTime("last_event_at"),
                            row.getLocalDateTime("last_synced_at"), row.getLong("events_applied"));
                });
    }

    private static long elapsed(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    /** For the benchmark and tests that feed pages they built themselves into the same apply path. */
    public Uni<WarehouseWriter.BatchResult> applyPage(ChangePage page) {
        Duration leaseFor = config.sync().leaseDuration();
        return lease.acquire(lease.me(), leaseFor)
                .chain(held -> {
                    if (!held) {
                        return Uni.createFrom().failure(new IllegalStateException("sync lease held elsewhere"));
                    }
                    return cursor().chain(c -> writer.applyBatch(page, c.lastSeq(), lease.me(), leaseFor));
                });
    }
}
