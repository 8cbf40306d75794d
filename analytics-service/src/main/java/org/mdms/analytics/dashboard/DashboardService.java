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

/** Question 7: the day's counts from the day rollups, top drugs of the last 12 months from the month rollup. */
@ApplicationScoped
public class DashboardService {

    private final Pool pool;

    public DashboardService(Pool pool) {
        this.pool = pool;
    }

    public Uni<Dashboard> summary(LocalDate date, int topN) {
        YearMonth to = YearMonth.from(date);
        YearMonth from = to.minusMonths(11);
        return Sql.query(pool, """
                        SELECT (SELECT COALESCE(SUM(visits), 0) FROM rollup_visit_day WHERE day = ?) AS visits,
                               (SELECT COALESCE(SUM(prescriptions), 0) FROM rollup_department_day WHERE day = ?) AS prescriptions,
                               (SELECT COALESCE(SUM(revenue), 0) FROM rollup_department_day WHERE day = ?) AS revenue,
                               (SELECT COALESCE(SUM(measurements), 0) FROM rollup_vital_day WHERE day = ?) AS measurements,
                               (SELECT COALESCE(SUM(abnormal), 0) FROM rollup_vital_day WHERE day = ?) AS abnormal""",
                        date, date, date, date, date)
                .chain(counts -> Sql.query(pool, """
                                SELECT d.id, d.code, d.name, SUM(r.quantity) AS quantity, SUM(r.amount) AS amount
                                FROM rollup_drug_month r JOIN dim_drug d ON d.id = r.drug_id
                                WHERE r.month_key BETWEEN ? AND ?
                                GROUP BY d.id, d.code, d.name HAVING SUM(r.quantity) > 0
                                ORDER BY quantity DESC, d.id LIMIT ?""",
                        from.getYear() * 100 + from.getMonthValue(), to.getYear() * 100 + to.getMonthValue(), topN)
                        .map(top -> {
                            Row c = counts.iterator().next();
                            List<TopDrug> drugs = new ArrayList<>();
                            top.forEach(r -> drugs.add(new TopDrug(r.getLong("id"), r.getString("code"),
                                    r.getString("name"), Sql.longOf(r, "quantity"), Sql.decimal(r, "amount").setScale(2))));
                            return new Dashboard(date.toString(), Sql.longOf(c, "visits"), Sql.longOf(c, "prescriptions"),
                                    Sql.decimal(c, "revenue").setScale(2), Sql.longOf(c, "measurements"),
                                    Sql.longOf(c, "abnormal"), from.toString(), to.toString(), drugs);
                        }));
    }
}
