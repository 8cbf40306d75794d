package org.mdms.analytics.sync;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import org.mdms.analytics.common.AnalyticsConfig;
import org.mdms.analytics.warehouse.ChangePage;

/**
 * The catch-up rule of the test application: the real one, which a test can switch to apply every batch of the
 * following runs in bulk (as if the sync were far behind). Selected for every {@code @QuarkusTest} by its priority,
 * as {@code FailingWarehouseWriter} is, so all test classes keep sharing one application.
 */
@Alternative
@Priority(1)
@Singleton // no client proxy: its superclass has no no-args constructor
public class BulkCatchUp extends CatchUp {

    private volatile boolean always;

    public BulkCatchUp(AnalyticsConfig config) {
        super(config);
    }

    /** On: every batch of the following runs is applied in bulk; off: the configured rule again. */
    public void always(boolean on) {
        always = on;
    }

    @Override
    public boolean farBehind(long eventsThisRun, ChangePage page) {
        return always || super.farBehind(eventsThisRun, page);
    }
}
