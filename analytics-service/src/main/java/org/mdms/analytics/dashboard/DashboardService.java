package org.mdms.analytics.dashboard;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.analytics.dashboard.DashboardDtos.Dashboard;
import org.mdms.analytics.dashboard.DashboardDtos.TopDrug;
import org.mdms.analytics.warehouse.Sql;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/** Question 7: the day's counts from the day rollups; the top drugs of the 12 months up to the date (exact window). */
@ApplicationScoped
public class DashboardService {

    private final Pool pool;

    public DashboardService(Pool pool) {
        this.pool = pool;
    }

    /**
     * The top drugs' window is exact: from the first day of the month 11 months before the date's month through the
     * date itself (no day after it). Whole months come from the month rollup; the date's own month, unless the date
     * is its last day, from the drug x day rollup of that month up to the date; the top N are ranked on drug ids and figures, then named.
     */
    public Uni<Dashboard> summary(LocalDate date, int topN) {
        YearMonth to = YearMonth.from(date);
        YearMonth from = to.minusMonths(11);
        boolean wholeLastMonth = date.equals(to.atEndOfMonth());
        YearMonth lastWhole = wholeLastMonth ? to : to.minusMonths(1);
        return Sql.query(pool, """
                        SELECT (SELECT COALESCE(SUM(visits), 0) FROM rollup_visit_day WHERE day = ?) AS visits,
                               (SELECT COALESCE(SUM(prescriptions), 0) FROM rollup_department_day WHERE day = ?) AS prescriptions,
                               (SELECT COALESCE(SUM(revenue), 0) FROM rollup_department_day WHERE day = ?) AS revenue,
                               (SELECT COALESCE(SUM(measurements), 0) FROM rollup_vital_day WHERE day = ?) AS measurements,
                               (SELECT COALESCE(SUM(abnormal), 0) FROM rollup_vital_day WHERE day = ?) AS abnormal""",
                        date, date, date, date, date)
                .chain(counts -> Sql.query(pool, """
                                SELECT d.id, d.code, d.name, t.quantity, t.amount
                                FROM (SELECT u.drug_id, SUM(u.quantity) AS quantity, SUM(u.amount) AS amount
                                        FROM (SELECT drug_id, quantity, amount FROM rollup_drug_month
                                               WHERE month_key BETWEEN ? AND ?
                                              UNION ALL
                                              SELECT drug_id, quantity, amount FROM rollup_drug_day
                                               WHERE day BETWEEN ? AND ?) u
                                       GROUP BY u.drug_id HAVING SUM(u.quantity) > 0
                                       ORDER BY quantity DESC, u.drug_id LIMIT ?) t
                                JOIN dim_drug d ON d.id = t.drug_id
                                ORDER BY t.quantity DESC, d.id""",
                        key(from), key(lastWhole), wholeLastMonth ? date.plusDays(1) : to.atDay(1), date, topN)
                        .map(top -> {
                            Row c = counts.iterator().next();
                            List<TopDrug> drugs = new ArrayList<>();
                            top.forEach(r -> drugs.add(new TopDrug(r.getLong("id"), r.getString("code"),
                                    r.getString("name"), Sql.longOf(r, "quantity"), Sql.decimal(r, "amount").setScale(2))));
                            return new Dashboard(date.toString(), Sql.longOf(c, "visits"), Sql.longOf(c, "prescriptions"),
                                    Sql.decimal(c, "revenue").setScale(2), Sql.longOf(c, "measurements"),
                                    Sql.longOf(c, "abnormal"), from.atDay(1).toString(), date.toString(), drugs);
                        }));
    }

    private static int key(YearMonth month) {
        return month.getYear() * 100 + month.getMonthValue();
    }
}
