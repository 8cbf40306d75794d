package org.mdms.analytics.drugusage;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.analytics.common.Source;
import org.mdms.analytics.warehouse.Sql;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SQL of questions 1-3: the month rollups (drug, drug x department, doctor x drug), or with Source.FACTS a scan
 * of the raw prescription items (the benchmark's baseline; both must give the same answer).
 */
@ApplicationScoped
public class DrugUsageQueries {

    /** A catalogue drug as the answers name it. */
    record Drug(long id, String code, String name) {
    }

    /** One month's figures of one drug; month is the key yyyymm. */
    record MonthFigures(int month, long quantity, BigDecimal amount, long prescriptions) {
    }

    /** One drug's figures over a window, in ranking order. */
    record DrugFigures(Drug drug, long quantity, BigDecimal amount, long prescriptions) {
    }

    /** A drug and the months of a window in which it was prescribed (none: the list is empty). */
    record DrugMonths(Drug drug, List<MonthFigures> months) {
    }

    // question 1 is one statement: the catalogue row with its months joined, so an unknown drug (no row) costs no
    // second round trip; the rollups are read on their primary keys (drug, month) and (doctor, month, drug)
    private static final String MONTHLY = "SELECT d.id, d.code, d.name, r.month_key, r.quantity, r.amount, "
            + "r.prescriptions FROM dim_drug d LEFT JOIN rollup_drug_month r ON r.drug_id = d.id "
            + "AND r.month_key BETWEEN ? AND ? WHERE d.id = ?";
    private static final String MONTHLY_OF_DOCTOR = "SELECT d.id, d.code, d.name, r.month_key, r.quantity, r.amount, "
            + "r.prescriptions FROM dim_drug d LEFT JOIN rollup_doctor_drug_month r ON r.doctor_id = ? "
            + "AND r.month_key BETWEEN ? AND ? AND r.drug_id = d.id WHERE d.id = ?";
    private static final String MONTHLY_FROM_FACTS = "SELECT d.id, d.code, d.name, r.month_key, r.quantity, r.amount, "
            + "r.prescriptions FROM dim_drug d LEFT JOIN (SELECT month_key, SUM(quantity) AS quantity, "
            + "SUM(amount) AS amount, COUNT(DISTINCT prescription_id) AS prescriptions FROM fact_prescription_item "
            + "WHERE drug_id = ? AND month_key BETWEEN ? AND ? AND counted = 1%s GROUP BY month_key) r ON TRUE "
            + "WHERE d.id = ?";

    /**
     * Every catalogue drug over a window of the drug-month rollup, without department or doctor: the window's rows
     * grouped per drug (index-only from ix_rollup_drug_month_window, V7, or for long windows the primary key in drug
     * order, where the grouping streams), plus a zero row for
     * every catalogue drug so that a drug nobody prescribed takes part (and only catalogue drugs do: listed); ranked
     * and cut to n on ids and figures, and only then named. Not the catalogue joined to the rollup: that reads every month of every drug (all 36 months
     * for a 1-month window) and groups on the names; nor a grouped derived table joined to the catalogue: for that
     * MariaDB may choose a LATERAL DERIVED plan that groups the window once per catalogue drug (1-2 s).
     * %1$s is the metric and %2$s the direction.
     */
    private static final String RANKING_ALL = """
            SELECT d.id, d.code, d.name, t.quantity, t.amount, t.prescriptions
            FROM (SELECT u.drug_id, SUM(u.quantity) AS quantity, SUM(u.amount) AS amount,
                         SUM(u.prescriptions) AS prescriptions
                    FROM (SELECT drug_id, SUM(quantity) AS quantity, SUM(amount) AS amount,
                                 SUM(prescriptions) AS prescriptions, 0 AS listed
                            FROM rollup_drug_month WHERE month_key BETWEEN ? AND ? GROUP BY drug_id
                          UNION ALL
                          SELECT id, 0, 0, 0, 1 FROM dim_drug) u
                   GROUP BY u.drug_id HAVING MAX(u.listed) = 1
                   ORDER BY %1$s %2$s, u.drug_id LIMIT ?) t
            JOIN dim_drug d ON d.id = t.drug_id
            ORDER BY t.%1$s %2$s, d.id""";

    private final Pool pool;

    public DrugUsageQueries(Pool pool) {
        this.pool = pool;
    }

    /**
     * The drug and its months within [fromKey, toKey] (one doctor's prescriptions when doctorId is set); empty when
     * the catalogue has no such drug.
     */
    Uni<Optional<DrugMonths>> monthly(long drugId, int fromKey, int toKey, Long doctorId, Source source) {
        String sql;
        List<Object> params = new ArrayList<>();
        if (source == Source.FACTS) {
            sql = MONTHLY_FROM_FACTS.formatted(doctorId == null ? "" : " AND doctor_id = ?");
            params.addAll(List.of(drugId, fromKey, toKey));
            if (doctorId != null) {
                params.add(doctorId);
            }
        } else if (doctorId == null) {
            sql = MONTHLY;
            params.addAll(List.of(fromKey, toKey));
        } else {
            sql = MONTHLY_OF_DOCTOR;
            params.addAll(List.of(doctorId, fromKey, toKey));
        }
        params.add(drugId);
        return Sql.query(pool, sql, params.toArray()).map(rows -> {
            Drug drug = null;
            List<MonthFigures> months = new ArrayList<>();
            for (Row row : rows) {
                drug = drugOf(row);
                if (row.getValue("month_key") != null) {
                    months.add(new MonthFigures(row.getInteger("month_key"), Sql.longOf(row, "quantity"),
                            Sql.decimal(row, "amount"), Sql.longOf(row, "prescriptions")));
                }
            }
            return drug == null ? Optional.empty() : Optional.of(new DrugMonths(drug, months));
        });
    }

    /**
     * The first n drugs of [fromKey, toKey] ordered by the metric (quantity or amount) ascending or descending, ties
     * by drug id. Without a doctor every catalogue drug takes part (zero when nobody prescribed it); with a doctor
     * only the drugs they prescribed (their rows may net to zero after cancellations, and then they do not).
     */
    Uni<List<DrugFigures>> ranking(int fromKey, int toKey, String metric, boolean descending, int n,
                                   Long departmentId, Long doctorId, Source source) {
        List<Object> params = new ArrayList<>(List.of(fromKey, toKey));
        String ordered;
        if (source == Source.ROLLUP && departmentId == null && doctorId == null) {
            ordered = RANKING_ALL.formatted(metric, descending ? "DESC" : "ASC");
        } else {
            ordered = "SELECT d.id, d.code, d.name, COALESCE(u.quantity, 0) AS quantity, COALESCE(u.amount, 0) AS amount, "
                    + "COALESCE(u.prescriptions, 0) AS prescriptions FROM dim_drug d "
                    + (doctorId != null ? "JOIN (" : "LEFT JOIN (") + usage(departmentId, doctorId, source, params)
                    + ") u ON u.drug_id = d.id" + (doctorId != null ? " WHERE u.prescriptions > 0" : "")
                    + " ORDER BY " + metric + (descending ? " DESC" : " ASC") + ", d.id LIMIT ?";
        }
        params.add(n);
        return Sql.query(pool, ordered, params.toArray()).map(rows -> {
            List<DrugFigures> drugs = new ArrayList<>();
            rows.forEach(row -> drugs.add(new DrugFigures(drugOf(row), Sql.longOf(row, "quantity"),
                    Sql.decimal(row, "amount"), Sql.longOf(row, "prescriptions"))));
            return drugs;
        });
    }

    /** Per drug over the window: the raw items, or the rollup that holds the department or the doctor. */
    private static String usage(Long departmentId, Long doctorId, Source source, List<Object> params) {
        String usage;
        if (source == Source.FACTS) {
            usage = "SELECT drug_id, SUM(quantity) AS quantity, SUM(amount) AS amount, "
                    + "COUNT(DISTINCT prescription_id) AS prescriptions FROM fact_prescription_item "
                    + "WHERE month_key BETWEEN ? AND ? AND counted = 1";
        } else {
            // grouped per drug before the join: these rollups' keys start with the department or the doctor
            String table = doctorId != null ? "rollup_doctor_drug_month" : "rollup_drug_department_month";
            usage = "SELECT drug_id, SUM(quantity) AS quantity, SUM(amount) AS amount, "
                    + "SUM(prescriptions) AS prescriptions FROM " + table + " WHERE month_key BETWEEN ? AND ?";
        }
        if (departmentId != null) {
            usage += " AND department_id = ?";
            params.add(departmentId);
        }
        if (doctorId != null) {
            usage += " AND doctor_id = ?";
            params.add(doctorId);
        }
        return usage + " GROUP BY drug_id";
    }

    private static Drug drugOf(Row row) {
        return new Drug(row.getLong("id"), row.getString("code"), row.getString("name"));
    }
}
