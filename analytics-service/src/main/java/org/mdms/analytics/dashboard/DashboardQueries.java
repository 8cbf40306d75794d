package org.mdms.analytics.dashboard;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.analytics.dashboard.DashboardDtos.TopDrug;
import org.mdms.analytics.warehouse.Sql;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    /** Per drug, the whole months' figures (covering index ix_rollup_drug_month_window: month, drug, figures). */
    private static final String MONTHS = """
            SELECT drug_id, SUM(quantity) AS quantity, SUM(amount) AS amount FROM rollup_drug_month
             WHERE month_key BETWEEN ? AND ? GROUP BY drug_id""";
    /** Per drug, the days' figures (primary key: day, drug). */
    private static final String DAYS = """
            SELECT drug_id, SUM(quantity) AS quantity, SUM(amount) AS amount FROM rollup_drug_day
             WHERE day BETWEEN ? AND ? GROUP BY drug_id""";
    private static final String NAMES = "SELECT id, code, name FROM dim_drug WHERE id IN (:ids)";

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
     * ends before it starts changes nothing. The months and the days are summed per drug by two statements at the
     * same time (at most one row per drug each, instead of one grouping of their union in a temporary table), added
     * here and ranked; then only the kept drugs are named (a drug the catalogue does not know is left out).
     */
    Uni<List<TopDrug>> topDrugs(int fromKey, int toKey, boolean lessDays, LocalDate firstDay, LocalDate lastDay,
                                int n) {
        return Uni.combine().all().unis(Sql.query(pool, MONTHS, fromKey, toKey), Sql.query(pool, DAYS, firstDay, lastDay))
                .with((months, days) -> ranked(months, days, lessDays, n))
                .chain(this::named);
    }

    /** A drug's figures over the window: exact sums (whole quantities, decimal amounts). */
    private record DrugTotal(long drugId, long quantity, BigDecimal amount) {
    }

    private static List<DrugTotal> ranked(RowSet<Row> months, RowSet<Row> days, boolean lessDays, int n) {
        Map<Long, DrugTotal> totals = new HashMap<>();
        for (Row row : months) {
            long drug = row.getLong("drug_id");
            totals.put(drug, new DrugTotal(drug, Sql.longOf(row, "quantity"), Sql.decimal(row, "amount")));
        }
        for (Row row : days) {
            long drug = row.getLong("drug_id");
            long quantity = Sql.longOf(row, "quantity");
            BigDecimal amount = Sql.decimal(row, "amount");
            DrugTotal before = totals.getOrDefault(drug, new DrugTotal(drug, 0, BigDecimal.ZERO));
            totals.put(drug, lessDays
                    ? new DrugTotal(drug, before.quantity() - quantity, before.amount().subtract(amount))
                    : new DrugTotal(drug, before.quantity() + quantity, before.amount().add(amount)));
        }
        return totals.values().stream().filter(t -> t.quantity() > 0)
                .sorted(Comparator.comparingLong(DrugTotal::quantity).reversed()
                        .thenComparingLong(DrugTotal::drugId))
                .limit(n).toList();
    }

    private Uni<List<TopDrug>> named(List<DrugTotal> top) {
        return Sql.selectIn(pool, NAMES, top.stream().map(DrugTotal::drugId).toList(),
                row -> Map.entry(row.getLong("id"), new String[]{row.getString("code"), row.getString("name")}))
                .map(rows -> {
                    Map<Long, String[]> names = new HashMap<>();
                    rows.forEach(e -> names.put(e.getKey(), e.getValue()));
                    List<TopDrug> drugs = new ArrayList<>();
                    for (DrugTotal t : top) {
                        String[] codeAndName = names.get(t.drugId());
                        if (codeAndName != null) {
                            drugs.add(new TopDrug(t.drugId(), codeAndName[0], codeAndName[1], t.quantity(),
                                    t.amount().setScale(2)));
                        }
                    }
                    return drugs;
                });
    }
}
