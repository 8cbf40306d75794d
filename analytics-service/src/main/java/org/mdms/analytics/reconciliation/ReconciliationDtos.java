package org.mdms.analytics.reconciliation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

public final class ReconciliationDtos {

    private ReconciliationDtos() {
    }

    /** One figure of one month that differs: where (the warehouse table compared), source and warehouse values. */
    public record Mismatch(String month, String figure, String warehouseTable, BigDecimal source, BigDecimal warehouse) {
    }

    /**
     * consistent: every month was compared and none differs. pendingMonths: months not compared because a bulk
     * catch-up marked them stale and their rollups are not rebuilt yet (the sync rebuilds them once it has caught
     * up; GET /api/v1/sync/status lists them too).
     */
    public record Report(Long id, Instant startedAt, String from, String to, String trigger, int monthsChecked,
                         int mismatchCount, boolean consistent, List<Mismatch> mismatches, List<String> pendingMonths) {
    }

    public record ReportPage(List<Report> items, int page, int size, long totalItems, int totalPages) {
    }
}
