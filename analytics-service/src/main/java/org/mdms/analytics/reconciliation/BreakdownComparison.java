package org.mdms.analytics.reconciliation;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.analytics.reconciliation.ReconciliationDtos.Mismatch;
import org.mdms.analytics.reconciliation.ReconciliationQueries.BreakdownCheck;
import org.mdms.analytics.sync.PatientServiceApi.BreakdownRow;
import org.mdms.analytics.sync.PatientServiceGateway;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reconciliation below the month totals: per department x month, doctor x month and drug x month, patient-service's
 * /reports/prescription-breakdown against the rollups that answer the questions, so a fact in the wrong department
 * (or doctor, or drug) is reported even when every month total agrees. Missing groups count as zero on both sides.
 */
@ApplicationScoped
public class BreakdownComparison {

    private final ReconciliationQueries queries;
    private final PatientServiceGateway gateway;

    public BreakdownComparison(ReconciliationQueries queries, PatientServiceGateway gateway) {
        this.queries = queries;
        this.gateway = gateway;
    }

    /** Mismatches of every dimension over [from, to], months in {@code pending} left out. */
    public Uni<List<Mismatch>> compare(YearMonth from, YearMonth to, List<String> pending) {
        List<Mismatch> all = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String dimension : List.of("department", "doctor", "drug")) {
            chain = chain.chain(() -> gateway.prescriptionBreakdown(from, to, dimension))
                    .chain(source -> compareDimension(dimension, from, to, source, pending).invoke(all::addAll))
                    .replaceWithVoid();
        }
        return chain.replaceWith(all);
    }

    private Uni<List<Mismatch>> compareDimension(String dimension, YearMonth from, YearMonth to,
                                                 List<BreakdownRow> source, List<String> pending) {
        Map<String, BreakdownRow> bySource = new TreeMap<>();
        source.forEach(r -> bySource.put(r.month() + "|" + r.id(), r));
        List<Mismatch> mismatches = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (BreakdownCheck check : ReconciliationQueries.BREAKDOWN_CHECKS) {
            if (!check.dimension().equals(dimension)) {
                continue;
            }
            chain = chain.chain(() -> queries.breakdown(check, from, to)
                    .invoke(byWarehouse -> mismatches.addAll(differences(check, bySource, byWarehouse, pending)))
                    .replaceWithVoid());
        }
        return chain.replaceWith(mismatches);
    }

    /** Every figure of every month|id key on either side that differs, in key order. */
    private static List<Mismatch> differences(BreakdownCheck check, Map<String, BreakdownRow> bySource,
                                              Map<String, Map<String, BigDecimal>> byWarehouse, List<String> pending) {
        List<Mismatch> mismatches = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(byWarehouse.keySet());
        keys.addAll(bySource.keySet());
        for (String k : keys) {
            String month = k.substring(0, k.indexOf('|'));
            if (pending.contains(month)) {
                continue; // rollups incomplete until the rebuild: a difference is expected, not a mismatch
            }
            BreakdownRow s = bySource.get(k);
            Map<String, BigDecimal> w = byWarehouse.get(k);
            for (String figure : check.figures()) {
                BigDecimal expected = s == null ? BigDecimal.ZERO : sourceFigure(s, figure);
                BigDecimal have = w == null ? BigDecimal.ZERO : w.get(figure);
                if (have.compareTo(expected) != 0) {
                    mismatches.add(new Mismatch(month, figure, check.table(), expected, have, check.dimension(),
                            Long.parseLong(k.substring(k.indexOf('|') + 1))));
                }
            }
        }
        return mismatches;
    }

    private static BigDecimal sourceFigure(BreakdownRow row, String figure) {
        return switch (figure) {
            case "prescriptions" -> BigDecimal.valueOf(row.prescriptions());
            case "items" -> BigDecimal.valueOf(row.items());
            case "quantity" -> BigDecimal.valueOf(row.quantity());
            default -> row.amount() == null ? BigDecimal.ZERO : row.amount();
        };
    }
}
