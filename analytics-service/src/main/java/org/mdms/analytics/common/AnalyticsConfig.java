package org.mdms.analytics.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Settings under mdms.analytics.* (each overridable by environment variable, e.g. MDMS_ANALYTICS_SYNC_EVERY). */
@ConfigMapping(prefix = "mdms.analytics")
public interface AnalyticsConfig {

    Sync sync();

    Feed feed();

    Charts charts();

    Reconciliation reconciliation();

    Dashboard dashboard();

    /**
     * How long patient-service's revocation list is used before it is read again: a disabled account's (or a
     * signed-out session's) token is refused here at most this long after patient-service refuses it.
     */
    @WithDefault("PT5S")
    Duration revocationRefresh();

    interface Dashboard {
        /** Serve GET /api/v1/dashboard/chart without a token (aggregates only; on in the local demo profile). */
        @WithDefault("false")
        boolean publicChart();
    }

    interface Sync {
        /** Schedule of the sync (a duration such as 5s, or off); read by the @Scheduled annotation. */
        @WithDefault("5s")
        String every();

        @WithDefault("2s")
        String initialDelay();

        /** Events asked from the feed per batch (the feed allows 1..1000). */
        @WithDefault("1000")
        int batchSize();

        /**
         * Feed pages gathered into one warehouse transaction while catching up: fewer commits, and rollup deltas
         * of consecutive pages merge before they are written.
         */
        @WithDefault("5")
        int pagesPerTransaction();

        /**
         * Bulk catch-up: once a run has applied this many events and the feed still has more, batches load the facts
         * only and mark their months stale; the prescription rollups of those months are rebuilt from the facts
         * (one transaction per month) when the sync has caught up. A negative value switches bulk catch-up off.
         */
        @WithDefault("50000")
        long bulkAfterEvents();

        /** Batches applied in one run; the scheduled sync starts the next run at once, POST /sync returns PARTIAL. */
        @WithDefault("200")
        int maxBatchesPerRun();

        /** How long the sync lease lasts without renewal; another replica takes over after it. */
        @WithDefault("30s")
        Duration leaseDuration();
    }

    interface Reconciliation {
        /** Schedule of the reconciliation against patient-service's totals (a duration, or off). */
        @WithDefault("1h")
        String every();

        /** How many months back (including the current one) a scheduled reconciliation checks. */
        @WithDefault("24")
        int months();
    }

    interface Feed {
        /** The account analytics-service reads the change feed and the totals with (role ANALYST or ADMIN). */
        @WithDefault("analyst")
        String username();

        /** Dev/test default (the demo password); production sets MDMS_ANALYTICS_FEED_PASSWORD. */
        @WithDefault("mdms-demo")
        String password();
    }

    interface Charts {
        /** A TTF/OTF/TTC file with CJK and Latin glyphs; by default the bundled WenQuanYi Micro Hei. */
        Optional<String> fontFile();

        @WithDefault("300")
        int defaultDpi();
    }
}
