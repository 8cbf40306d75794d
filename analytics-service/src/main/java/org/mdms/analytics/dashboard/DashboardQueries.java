package org.mdms.analytics.dashboard;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.analytics.dashboard.DashboardDtos.TopDrug;
import org.mdms.analytics.warehouse.Sql;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The SQL of question 7: the day rollups for the date, the drug-month and drug-day rollups for the top drugs. */
@ApplicationScoped
public class DashboardQueries {

    /** The date's figures, all from day rollups. */
    record DayCounts(long visits, long prescriptions, BigDecimal revenue, long measurements, long abnormal) {
    }

    private static final String DAY_COUNTS = """
            SELECT (SELECT COALESCE(SUM(visits), 0) FROM rollup_visit_day WHERE day = ?) AS visits,
                   (SELECT COALESCE(SUM(prescriptions), 0) FROM rollup_department_day WHERE day = ?) AS prescriptions,
                   (SELECT COALESCE(SUM(revenue), 0) FROM rollup_department_day WHERE day = ?) AS revenue,
                   (SELECT COALESCE(SUM(measurements), 0) FROM rollup_vital_day WHERE day = ?) AS measurements,
                   (SELECT COALESCE(SUM(abnormal), 0) FROM rollup_vital_day WHERE day = ?) AS abnormal""";

    /**
     * Whole months from the month rollup plus the days of the day rollup, ranked on ids and figures, then named.
     * LESS_DAYS takes the days away instead (negated in SQL, so the sums stay exact integers and decimals).
     */
    private static final String TOP_DRUGS = """
            SELECT d.id, d.code, d.name, t.quantity, t.amount
            FROM (SELECT u.drug_id, SUM(u.quantity) AS quantity, SUM(u.amount) AS amount
                    FROM (SELECT drug_id, quantity, amount FROM rollup_drug_month
                           WHERE month_key BETWEEN ? AND ?
                          UNION ALL
                          SELECT drug_id, %1$squantity, %1$samount FROM rollup_drug_day
                           WHERE day BETWEEN ? AND ?) u
                   GROUP BY u.drug_id HAVING SUM(u.quantity) > 0
                   ORDER BY quantity DESC, u.drug_id LIMIT ?) t
            JOIN dim_drug d ON d.id = t.drug_id
            ORDER BY t.quantity DESC, d.id""";
    private static final String PLUS_DAYS = TOP_DRUGS.formatted("");
    private static final String LESS_DAYS = TOP_DRUGS.formatted("-");

    private final Pool pool;

    public DashboardQueries(Pool pool) {
        this.pool = pool;
    }

    Uni<DayCounts> dayCounts(LocalDate date) {
        return Sql.query(pool, DAY_COUNTS, date, date, date, date, date).map(rows -> {
            Row c = rows.iterator().next();
            return new DayCounts(Sql.longOf(c, "visits"), Sql.longOf(c, "prescriptions"),
                    Sql.decimal(c, "revenue").setScale(2), Sql.longOf(c, "measurements"), Sql.longOf(c, "abnormal"));
        });
    }

    /**
     * The top n drugs by quantity (then drug id) over the months fromKey..toKey (keys yyyymm) with the days
     * firstDay..lastDay added, or taken away (lessDays: days within the last of those months); a day range that
     * ends before it starts changes nothing.
     */
    Uni<List<TopDrug>> topDrugs(int fromKey, int toKey, boolean lessDays, LocalDate firstDay, LocalDate lastDay,
                                int n) {
        return Sql.query(pool, lessDays ? LESS_DAYS : PLUS_DAYS, fromKey, toKey, firstDay, lastDay, n).map(rows -> {
            List<TopDrug> drugs = new ArrayList<>();
            rows.forEach(r -> drugs.add(new TopDrug(r.getLong("id"), r.getString("code"), r.getString("name"),
                    Sql.longOf(r, "quantity"), Sql.decimal(r, "amount").setScale(2))));
            return drugs;
        });
    }
}
