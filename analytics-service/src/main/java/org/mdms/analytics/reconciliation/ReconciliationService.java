package org.mdms.analytics.reconciliation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.mdms.analytics.common.AnalyticsConfig;
import org.mdms.analytics.reconciliation.ReconciliationDtos.Mismatch;
import org.mdms.analytics.reconciliation.ReconciliationDtos.Report;
import org.mdms.analytics.sync.PatientServiceApi;
import org.mdms.analytics.sync.PatientServiceGateway;
import org.mdms.analytics.sync.SyncService;
import org.mdms.analytics.warehouse.Sql;
import org.mdms.analytics.warehouse.WarehouseWriter;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares the warehouse with the source, month by month: patient-service's prescription totals against the month
 * rollup (prescriptions, items, quantity, amount) and against the drug-month rollup summed per month (items,
 * quantity, amount); then per department, doctor and drug within each month ({@link BreakdownComparison}), so a
 * fact counted in the wrong department shows up even when the month totals agree. Runs a sync first, so that lag is not
 * reported as a mismatch; writes that land between the two reads can still cause a transient mismatch. Months that a
 * bulk catch-up marked stale (rollups not rebuilt yet, e.g. the sync is still far behind or another replica holds the
 * lease) are not compared: they are reported as pending instead of as false mismatches.
 */
@ApplicationScoped
public class ReconciliationService {

    private static final Logger LOG = Logger.getLogger(ReconciliationService.class);

    private final ReconciliationQueries queries;
    private final ReconciliationRunRepository reconciliationRuns;
    private final PatientServiceGateway gateway;
    private final SyncService sync;
    private final WarehouseWriter writer;
    private final AnalyticsConfig config;
    private final ObjectMapper json;
    private final BreakdownComparison breakdowns;

    public ReconciliationService(ReconciliationQueries queries, ReconciliationRunRepository reconciliationRuns,
                                 PatientServiceGateway gateway, SyncService sync, WarehouseWriter writer,
                                 AnalyticsConfig config, ObjectMapper json, BreakdownComparison breakdowns) {
        this.queries = queries;
        this.reconciliationRuns = reconciliationRuns;
        this.gateway = gateway;
        this.sync = sync;
        this.writer = writer;
        this.config = config;
        this.json = json;
        this.breakdowns = breakdowns;
    }

    @Scheduled(every = "${mdms.analytics.reconciliation.every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "warehouse-reconciliation")
    Uni<Void> scheduled() {
        YearMonth to = YearMonth.now(ZoneOffset.UTC);
        return reconcile(to.minusMonths(config.reconciliation().months() - 1L), to, "SCHEDULED")
                .onFailure().invoke(e -> LOG.warnf("scheduled reconciliation failed: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    public Uni<Report> reconcile(YearMonth from, YearMonth to, String trigger) {
        LocalDateTime started = LocalDateTime.now(ZoneOffset.UTC);
        return sync.sync()
                .chain(() -> writer.staleMonths())
                .map(stale -> pendingIn(from, to, stale))
                .chain(pending -> gateway.prescriptionTotals(from, to)
                        .chain(source -> queries.monthTotals(from, to)
                                .map(warehouse -> compare(from, to, source, warehouse, pending)))
                        .chain(mismatches -> breakdowns.compare(from, to, pending).map(more -> {
                            List<Mismatch> all = new ArrayList<>(mismatches);
                            all.addAll(more);
                            return all;
                        }))
                        .chain(mismatches -> store(started, from, to, trigger, mismatches, pending)));
    }

    /** The stale month keys (yyyyMM) inside the period, as yyyy-MM. */
    static List<String> pendingIn(YearMonth from, YearMonth to, List<Integer> staleMonthKeys) {
        return staleMonthKeys.stream().map(key -> YearMonth.of(key / 100, key % 100))
                .filter(m -> !m.isBefore(from) && !m.isAfter(to)).map(YearMonth::toString).toList();
    }

    static List<Mismatch> compare(YearMonth from, YearMonth to, List<PatientServiceApi.MonthTotals> source,
                                  Map<String, Map<String, BigDecimal>> warehouse, List<String> pending) {
        Map<String, PatientServiceApi.MonthTotals> bySource = new HashMap<>();
        source.forEach(t -> bySource.put(t.month(), t));
        List<Mismatch> mismatches = new ArrayList<>();
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            String month = m.toString();
            if (pending.contains(month)) {
                continue; // rollups incomplete until the rebuild: a difference is expected, not a mismatch
            }
            PatientServiceApi.MonthTotals s = bySource.get(month);
            Map<String, BigDecimal> w = warehouse.getOrDefault(month, Map.of());
            Map<String, BigDecimal> expected = new HashMap<>();
            expected.put("prescriptions", BigDecimal.valueOf(s == null ? 0 : s.prescriptions()));
            expected.put("items", BigDecimal.valueOf(s == null ? 0 : s.items()));
            expected.put("quantity", BigDecimal.valueOf(s == null ? 0 : s.quantity()));
            expected.put("amount", s == null || s.amount() == null ? BigDecimal.ZERO : s.amount());
            for (String table : List.of("rollup_month", "rollup_drug_month")) {
                for (String figure : List.of("prescriptions", "items", "quantity", "amount")) {
                    if (table.equals("rollup_drug_month") && figure.equals("prescriptions")) {
                        continue; // a prescription with two drugs counts once per drug there
                    }
                    BigDecimal have = w.getOrDefault(table + "." + figure, BigDecimal.ZERO);
                    if (have.compareTo(expected.get(figure)) != 0) {
                        mismatches.add(new Mismatch(month, figure, table, expected.get(figure), have));
                    }
                }
            }
        }
        return mismatches;
    }

    private Uni<Report> store(LocalDateTime started, YearMonth from, YearMonth to, String trigger,
                              List<Mismatch> mismatches, List<String> pending) {
        String details;
        try {
            details = json.writeValueAsString(mismatches);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        ReconciliationRun run = new ReconciliationRun(started, from.toString(), to.toString(), trigger,
                (int) (from.until(to, ChronoUnit.MONTHS) + 1), mismatches.size(), details,
                pending.isEmpty() ? null : String.join(",", pending));
        if (!pending.isEmpty()) {
            LOG.infof("reconciliation %s..%s: months %s not compared, their rollups wait for the rebuild after a bulk "
                    + "catch-up", from, to, run.getPendingMonths());
        }
        if (!mismatches.isEmpty()) {
            LOG.warnf("reconciliation %s..%s: %d mismatches with patient-service: %s", from, to, mismatches.size(),
                    details);
        } else if (pending.isEmpty()) {
            LOG.infof("reconciliation %s..%s: warehouse matches patient-service", from, to);
        }
        // its own transaction, not @WithTransaction on reconcile(): the sync and patient-service calls stay outside it
        return Panache.withTransaction(() -> reconciliationRuns.persist(run)).map(saved -> toReport(run));
    }

    @WithSession
    public Uni<ReconciliationDtos.ReportPage> runs(int page, int size) {
        var query = reconciliationRuns.newestFirst(page, size);
        return query.list().chain(list -> query.count().chain(total -> query.pageCount().map(pages ->
                new ReconciliationDtos.ReportPage(list.stream().map(this::toReport).toList(), page, size, total,
                        pages))));
    }

    private Report toReport(ReconciliationRun run) {
        List<Mismatch> mismatches;
        try {
            mismatches = run.getDetails() == null ? List.of() : json.readValue(run.getDetails(), new TypeReference<>() {
            });
        } catch (JsonProcessingException e) {
            mismatches = List.of();
        }
        List<String> pending = run.getPendingMonths() == null ? List.of() : List.of(run.getPendingMonths().split(","));
        return new Report(run.getId(), Sql.instant(run.getStartedAt()), run.getFromMonth(), run.getToMonth(),
                run.getTriggerKind(), run.getMonthsChecked(), run.getMismatches(),
                run.getMismatches() == 0 && pending.isEmpty(), mismatches, pending);
    }
}
