package org.mdms.analytics.sync;

import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.analytics.common.AnalyticsConfig;
import org.mdms.analytics.warehouse.ChangePage;

/**
 * When a sync run is far enough behind to catch up in bulk: facts only, each month's rollups rebuilt once caught up
 * ({@code mdms.analytics.sync.bulk-after-events}; a run that started in bulk stays in bulk).
 */
@ApplicationScoped
public class CatchUp {

    private final long bulkAfterEvents;

    public CatchUp(AnalyticsConfig config) {
        this.bulkAfterEvents = config.sync().bulkAfterEvents();
    }

    /** Whether this page, after {@code eventsThisRun} events applied by the run, is applied in bulk. */
    public boolean farBehind(long eventsThisRun, ChangePage page) {
        return bulkAfterEvents >= 0 && page.hasMore() && eventsThisRun + page.events().size() >= bulkAfterEvents;
    }
}
