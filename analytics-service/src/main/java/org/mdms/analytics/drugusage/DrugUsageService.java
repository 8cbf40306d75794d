package org.mdms.analytics.drugusage;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.analytics.common.DimensionQueries;
import org.mdms.analytics.common.Source;
import org.mdms.analytics.drugusage.DrugUsageDtos.DrugMonthlyUsage;
import org.mdms.analytics.drugusage.DrugUsageDtos.DrugRanking;
import org.mdms.analytics.drugusage.DrugUsageDtos.MonthUsage;
import org.mdms.analytics.drugusage.DrugUsageDtos.RankedDrug;
import org.mdms.analytics.drugusage.DrugUsageQueries.DrugFigures;
import org.mdms.analytics.drugusage.DrugUsageQueries.MonthFigures;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Questions 1-3 from the month rollups (or, with Source.FACTS, by scanning the raw prescription items: the
 * baseline the benchmark compares against; both must give the same answer).
 */
@ApplicationScoped
public class DrugUsageService {

    private final DrugUsageQueries queries;
    private final DimensionQueries dimensions;

    public DrugUsageService(DrugUsageQueries queries, DimensionQueries dimensions) {
        this.queries = queries;
        this.dimensions = dimensions;
    }

    /** Question 1: one drug's use month by month over a year; doctorId narrows it to one doctor's prescriptions. */
    public Uni<DrugMonthlyUsage> monthly(long drugId, int year, Long doctorId, Source source) {
        return queries.monthly(drugId, year * 100 + 1, year * 100 + 12, doctorId, source)
                .map(found -> found.orElseThrow(() -> DimensionQueries.notFound("drug", drugId)))
                .map(usage -> new DrugMonthlyUsage(usage.drug().id(), usage.drug().code(), usage.drug().name(), year,
                        doctorId, source.name().toLowerCase(), twelveMonths(year, usage.months())));
    }

    /** Every month of the year, zero where the drug was not prescribed. */
    private static List<MonthUsage> twelveMonths(int year, List<MonthFigures> figures) {
        Map<Integer, MonthFigures> byMonth = figures.stream()
                .collect(Collectors.toMap(MonthFigures::month, Function.identity()));
        List<MonthUsage> months = new ArrayList<>(12);
        for (int m = 1; m <= 12; m++) {
            MonthFigures f = byMonth.get(year * 100 + m);
            months.add(new MonthUsage(YearMonth.of(year, m).toString(), f == null ? 0 : f.quantity(),
                    f == null ? BigDecimal.ZERO.setScale(2) : f.amount().setScale(2), f == null ? 0 : f.prescriptions()));
        }
        return months;
    }

    /**
     * Question 2 (and 3): drugs ranked over [from, to] by quantity or amount, top or bottom n. Without a doctor, every
     * drug in the catalogue takes part (a drug nobody prescribed is the least used); for a doctor, only the drugs they
     * prescribed in the period (top and bottom alike), as the OpenAPI description says.
     */
    public Uni<DrugRanking> ranking(YearMonth from, YearMonth to, String by, String order, int n, Long departmentId,
                                    Long doctorId, Source source) {
        String metric = "amount".equals(by) ? "amount" : "quantity";
        // the named department and doctor are looked up at the same time as the ranking (one round trip of
        // latency, not three); an unknown one fails the answer with its 404 and the ranking is dropped
        return Uni.combine().all().unis(dimensions.requireDepartment(departmentId), dimensions.requireDoctor(doctorId),
                        queries.ranking(key(from), key(to), metric, "top".equals(order), n, departmentId, doctorId,
                                source))
                .with((department, doctor, figures) -> new DrugRanking(from.toString(), to.toString(), metric, order,
                        n, departmentId, doctorId, source.name().toLowerCase(), ranked(figures)));
    }

    private static List<RankedDrug> ranked(List<DrugFigures> figures) {
        List<RankedDrug> drugs = new ArrayList<>(figures.size());
        for (DrugFigures f : figures) {
            drugs.add(new RankedDrug(drugs.size() + 1, f.drug().id(), f.drug().code(), f.drug().name(), f.quantity(),
                    f.amount().setScale(2), f.prescriptions()));
        }
        return drugs;
    }

    private static int key(YearMonth month) {
        return month.getYear() * 100 + month.getMonthValue();
    }
}
