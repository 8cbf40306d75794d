package org.mdms.analytics.reconciliation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDateTime;

/**
 * One comparison of the warehouse with patient-service's per-month totals; details holds the mismatches as JSON,
 * pendingMonths the months left out because a bulk catch-up has not rebuilt their rollups yet.
 */
@Entity
@Table(name = "reconciliation_run")
public class ReconciliationRun {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "started_at", nullable = false)
    private LocalDateTime startedAt;

    @Column(name = "from_month", nullable = false, length = 7)
    private String fromMonth;

    @Column(name = "to_month", nullable = false, length = 7)
    private String toMonth;

    @Column(name = "trigger_kind", nullable = false, length = 20)
    private String triggerKind;

    @Column(name = "months_checked", nullable = false)
    private int monthsChecked;

    @Column(nullable = false)
    private int mismatches;

    @Column(columnDefinition = "LONGTEXT")
    private String details;

    /** Months not compared because their rollups wait for the rebuild after a bulk catch-up (comma-separated). */
    @Column(name = "pending_months", length = 1000)
    private String pendingMonths;

    protected ReconciliationRun() {
    }

    ReconciliationRun(LocalDateTime startedAt, String fromMonth, String toMonth, String triggerKind, int monthsChecked,
                      int mismatches, String details, String pendingMonths) {
        this.startedAt = startedAt;
        this.fromMonth = fromMonth;
        this.toMonth = toMonth;
        this.triggerKind = triggerKind;
        this.monthsChecked = monthsChecked;
        this.mismatches = mismatches;
        this.details = details;
        this.pendingMonths = pendingMonths;
    }

    public Long getId() { return id; }
    public LocalDateTime getStartedAt() { return startedAt; }
    public String getFromMonth() { return fromMonth; }
    public String getToMonth() { return toMonth; }
    public String getTriggerKind() { return triggerKind; }
    public int getMonthsChecked() { return monthsChecked; }
    public int getMismatches() { return mismatches; }
    public String getDetails() { return details; }
    public String getPendingMonths() { return pendingMonths; }
}
