package org.mdms.analytics.dashboard;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.analytics.dashboard.DashboardDtos.Dashboard;
import org.mdms.analytics.dashboard.DashboardDtos.TopDrug;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/** Question 7: the day's counts from the day rollups; the top drugs of the 12 months up to the date (exact window). */
@ApplicationScoped
public class DashboardService {

    private final DashboardQueries queries;

    public DashboardService(DashboardQueries queries) {
        this.queries = queries;
    }

    /**
     * The top drugs' window is exact: from the first day of the month 11 months before the date's month through the
     * date itself (no day after it). The 11 earlier months come from the month rollup; the date's own month from
     * whichever side has fewer days in the drug x day rollup: its days up to the date, or the whole month (month
     * rollup) less its days after the date (none when the date is the month's last day). The day's figures and the
     * top drugs are asked at the same time.
     */
    public Uni<Dashboard> summary(LocalDate date, int topN) {
        YearMonth to = YearMonth.from(date);
        YearMonth from = to.minusMonths(11);
        boolean lessTheDaysAfter = to.lengthOfMonth() - date.getDayOfMonth() < date.getDayOfMonth();
        Uni<List<TopDrug>> topDrugs = lessTheDaysAfter
                ? queries.topDrugs(key(from), key(to), true, date.plusDays(1), to.atEndOfMonth(), topN)
                : queries.topDrugs(key(from), key(to.minusMonths(1)), false, to.atDay(1), date, topN);
        return Uni.combine().all().unis(queries.dayCounts(date), topDrugs)
                .with((counts, drugs) -> new Dashboard(date.toString(), counts.visits(), counts.prescriptions(),
                        counts.revenue(), counts.measurements(), counts.abnormal(), from.atDay(1).toString(),
                        date.toString(), drugs));
    }

    private static int key(YearMonth month) {
        return month.getYear() * 100 + month.getMonthValue();
    }
}
