package org.mdms.analytics.reconciliation;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
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
public class ReconciliationRun extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "started_at", nullable = false)
    public LocalDateTime startedAt;

    @Column(name = "from_month", nullable = false, length = 7)
    public String fromMonth;

    @Column(name = "to_month", nullable = false, length = 7)
    public String toMonth;

    @Column(name = "trigger_kind", nullable = false, length = 20)
    public String triggerKind;

    @Column(name = "months_checked", nullable = false)
    public int monthsChecked;

    @Column(nullable = false)
    public int mismatches;

    @Column(columnDefinition = "LONGTEXT")
    public String details;

    /** Months not compared because their rollups wait for the rebuild after a bulk catch-up (comma-separated). */
    @Column(name = "pending_months", length = 1000)
    public String pendingMonths;
}
