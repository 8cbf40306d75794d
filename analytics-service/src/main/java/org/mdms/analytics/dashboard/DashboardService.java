package org.mdms.analytics.dashboard;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.analytics.dashboard.DashboardDtos.Dashboard;

import java.time.LocalDate;
import java.time.YearMonth;

/** Question 7: the day's counts from the day rollups; the top drugs of the 12 months up to the date (exact window). */
@ApplicationScoped
public class DashboardService {

    private final DashboardQueries queries;

    public DashboardService(DashboardQueries queries) {
        this.queries = queries;
    }

    /**
     * The top drugs' window is exact: from the first day of the month 11 months before the date's month through the
     * date itself (no day after it). Whole months come from the month rollup; the date's own month, unless the date
     * is its last day, from the drug x day rollup of that month up to the date.
     */
    public Uni<Dashboard> summary(LocalDate date, int topN) {
        YearMonth to = YearMonth.from(date);
        YearMonth from = to.minusMonths(11);
        boolean wholeLastMonth = date.equals(to.atEndOfMonth());
        YearMonth lastWhole = wholeLastMonth ? to : to.minusMonths(1);
        // with the whole last month in the month rollup, the day range (day after the date .. date) is empty
        LocalDate firstDay = wholeLastMonth ? date.plusDays(1) : to.atDay(1);
        return queries.dayCounts(date)
                .chain(counts -> queries.topDrugs(key(from), key(lastWhole), firstDay, date, topN)
                        .map(drugs -> new Dashboard(date.toString(), counts.visits(), counts.prescriptions(),
                                counts.revenue(), counts.measurements(), counts.abnormal(), from.atDay(1).toString(),
                                date.toString(), drugs)));
    }

    private static int key(YearMonth month) {
        return month.getYear() * 100 + month.getMonthValue();
    }
}
