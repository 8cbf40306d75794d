package org.mdms.analytics.reconciliation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
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

    private final Pool pool;
    private final PatientServiceGateway gateway;
    private final SyncService sync;
    private final WarehouseWriter writer;
    private final AnalyticsConfig config;
    private final ObjectMapper json;
    private final BreakdownComparison breakdowns;

    public ReconciliationService(Pool pool, PatientServiceGateway gateway, SyncService sync, WarehouseWriter writer,
                                 AnalyticsConfig config, ObjectMapper json, BreakdownComparison breakdowns) {
        this.breakdowns = breakdowns;
        this.pool = pool;
        this.gateway = gateway;
        this.sync = sync;
        this.writer = writer;
        this.config = config;
        this.json = json;
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
                        .chain(source -> warehouseTotals(from, to)
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

    private record Figures(Map<String, BigDecimal> byName) {
    }

    /** month -> "rollup_month.prescriptions" etc. */
    private Uni<Map<String, Map<String, BigDecimal>>> warehouseTotals(YearMonth from, YearMonth to) {
        int fromKey = from.getYear() * 100 + from.getMonthValue();
        int toKey = to.getYear() * 100 + to.getMonthValue();
        Map<String, Map<String, BigDecimal>> result = new HashMap<>();
        return Sql.query(pool, "SELECT month_key, prescriptions, items, quantity, amount FROM rollup_month "
                        + "WHERE month_key BETWEEN ? AND ?", fromKey, toKey)
                .invoke(rows -> rows.forEach(row -> {
                    Map<String, BigDecimal> m = result.computeIfAbsent(month(row), k -> new HashMap<>());
                    m.put("rollup_month.prescriptions", Sql.decimal(row, "prescriptions"));
                    m.put("rollup_month.items", Sql.decimal(row, "items"));
                    m.put("rollup_month.quantity", Sql.decimal(row, "quantity"));
                    m.put("rollup_month.amount", Sql.decimal(row, "amount"));
                }))
                .chain(() -> Sql.query(pool, "SELECT month_key, SUM(items) AS items, SUM(quantity) AS quantity, "
                        + "SUM(amount) AS amount FROM rollup_drug_month WHERE month_key BETWEEN ? AND ? "
                        + "GROUP BY month_key", fromKey, toKey))
                .map(rows -> {
                    rows.forEach(row -> {
                        Map<String, BigDecimal> m = result.computeIfAbsent(month(row), k -> new HashMap<>());
                        m.put("rollup_drug_month.items", Sql.decimal(row, "items"));
                        m.put("rollup_drug_month.quantity", Sql.decimal(row, "quantity"));
                        m.put("rollup_drug_month.amount", Sql.decimal(row, "amount"));
                    });
                    return result;
                });
    }

    private static String month(Row row) {
        int key = row.getInteger("month_key");
        return YearMonth.of(key / 100, key % 100).toString();
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
        ReconciliationRun run = new ReconciliationRun();
        run.startedAt = started;
        run.fromMonth = from.toString();
        run.toMonth = to.toString();
        run.triggerKind = trigger;
        run.monthsChecked = (int) (from.until(to, java.time.temporal.ChronoUnit.MONTHS) + 1);
        run.mismatches = mismatches.size();
        run.pendingMonths = pending.isEmpty() ? null : String.join(",", pending);
        try {
            run.details = json.writeValueAsString(mismatches);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (!pending.isEmpty()) {
            LOG.infof("reconciliation %s..%s: months %s not compared, their rollups wait for the rebuild after a bulk "
                    + "catch-up", from, to, run.pendingMonths);
        }
        if (!mismatches.isEmpty()) {
            LOG.warnf("reconciliation %s..%s: %d mismatches with patient-service: %s", from, to, mismatches.size(),
                    run.details);
        } else if (pending.isEmpty()) {
            LOG.infof("reconciliation %s..%s: warehouse matches patient-service", from, to);
        }
        return Panache.withTransaction(run::persist).map(saved -> toReport(run));
    }

    @WithSession
    public Uni<ReconciliationDtos.ReportPage> runs(int page, int size) {
        var query = ReconciliationRun.<ReconciliationRun>findAll(Sort.descending("id")).page(Page.of(page, size));
        return query.list().chain(list -> query.count().chain(total -> query.pageCount().map(pages ->
                new ReconciliationDtos.ReportPage(list.stream().map(this::toReport).toList(), page, size, total,
                        pages))));
    }

    private Report toReport(ReconciliationRun run) {
        List<Mismatch> mismatches;
        try {
            mismatches = run.details == null ? List.of() : json.readValue(run.details, new TypeReference<>() {
            });
        } catch (JsonProcessingException e) {
            mismatches = List.of();
        }
        List<String> pending = run.pendingMonths == null ? List.of() : List.of(run.pendingMonths.split(","));
        return new Report(run.id, Sql.instant(run.startedAt), run.fromMonth, run.toMonth, run.triggerKind, run.monthsChecked,
                run.mismatches, run.mismatches == 0 && pending.isEmpty(), mismatches, pending);
    }
}
