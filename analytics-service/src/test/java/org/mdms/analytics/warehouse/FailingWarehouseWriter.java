package org.mdms.analytics.warehouse;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The warehouse writer of the test application: the real one, which a test can arm to make the next batch die half
 * way, inside its transaction, after a given number of events (the crash the sync must survive). Selected for every
 * {@code @QuarkusTest} by its priority, so all test classes keep sharing one application and one set of peers.
 */
@Alternative
@Priority(1)
@Singleton // no client proxy: its superclass has no no-args constructor
public class FailingWarehouseWriter extends WarehouseWriter {

    /** The failure a test asked for: the batch's transaction rolls back. */
    public static class InjectedFailure extends RuntimeException {
        public InjectedFailure(String message) {
            super(message);
        }
    }

    private final AtomicInteger failAfterEvents = new AtomicInteger(-1);

    public FailingWarehouseWriter(Pool pool, FeedReader feed, DimensionApplier dimensions, VisitApplier visits,
                                  PrescriptionApplier prescriptions, VitalSignApplier vitalSigns,
                                  ExaminationApplier examinations, RollupWriter rollups, MonthRebuild rebuild) {
        super(pool, feed, dimensions, visits, prescriptions, vitalSigns, examinations, rollups, rebuild);
    }

    /** Makes the next batch fail after {@code events} events have been written (its transaction rolls back). */
    public void injectFailureAfter(int events) {
        failAfterEvents.set(events);
    }

    @Override
    public Uni<Integer> apply(SqlConnection conn, List<ChangeEvent> events, boolean bulk) {
        int failAfter = failAfterEvents.getAndSet(-1);
        if (failAfter < 0) {
            return super.apply(conn, events, bulk);
        }
        List<ChangeEvent> part = events.subList(0, Math.min(failAfter, events.size()));
        return super.apply(conn, part, bulk).chain(() -> Uni.createFrom().failure(
                new InjectedFailure("injected failure after " + part.size() + " events")));
    }
}
