package org.mdms.analytics.reconciliation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

public final class ReconciliationDtos {

    private ReconciliationDtos() {
    }

    /**
     * One figure of one month that differs: where (the warehouse table compared), source and warehouse values;
     * dimension and dimensionId name the department, doctor or drug for a per-dimension figure (null for a
     * month total).
     */
    public record Mismatch(String month, String figure, String warehouseTable, BigDecimal source, BigDecimal warehouse,
                           String dimension, Long dimensionId) {
        public Mismatch(String month, String figure, String warehouseTable, BigDecimal source, BigDecimal warehouse) {
            this(month, figure, warehouseTable, source, warehouse, null, null);
        }
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
