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

    private static final String DRUG = "SELECT id, code, name FROM dim_drug WHERE id = ?";

    private static final String MONTHLY_FROM_FACTS = "SELECT month_key, SUM(quantity) AS quantity, "
            + "SUM(amount) AS amount, COUNT(DISTINCT prescription_id) AS prescriptions FROM fact_prescription_item "
            + "WHERE drug_id = ? AND month_key BETWEEN ? AND ? AND counted = 1";
    private static final String MONTHLY = "SELECT month_key, quantity, amount, prescriptions FROM rollup_drug_month "
            + "WHERE drug_id = ? AND month_key BETWEEN ? AND ?";
    private static final String MONTHLY_OF_DOCTOR = "SELECT month_key, quantity, amount, prescriptions "
            + "FROM rollup_doctor_drug_month WHERE drug_id = ? AND month_key BETWEEN ? AND ? AND doctor_id = ?";

    /**
     * Every catalogue drug over a window of the drug-month rollup, without department or doctor. The catalogue drives
     * the join and each drug reads its own months through the rollup's primary key (drug, month); a drug nobody
     * prescribed sums to zero. Not a grouped derived table joined to the catalogue: for that MariaDB may choose a
     * LATERAL DERIVED plan that groups the whole window once per catalogue drug (800 x the window's rows: 1-2 s).
     */
    private static final String RANKING_ALL = "SELECT d.id, d.code, d.name, COALESCE(SUM(r.quantity), 0) AS quantity, "
            + "COALESCE(SUM(r.amount), 0) AS amount, COALESCE(SUM(r.prescriptions), 0) AS prescriptions "
            + "FROM dim_drug d LEFT JOIN rollup_drug_month r ON r.drug_id = d.id AND r.month_key BETWEEN ? AND ? "
            + "GROUP BY d.id, d.code, d.name";

    private final Pool pool;

    public DrugUsageQueries(Pool pool) {
        this.pool = pool;
    }

    Uni<Optional<Drug>> drug(long drugId) {
        return Sql.query(pool, DRUG, drugId).map(rows -> rows.size() == 0 ? Optional.empty()
                : Optional.of(drugOf(rows.iterator().next())));
    }

    /** The months of [fromKey, toKey] in which the drug was prescribed (by one doctor when doctorId is set). */
    Uni<List<MonthFigures>> monthly(long drugId, int fromKey, int toKey, Long doctorId, Source source) {
        String sql;
        List<Object> params = new ArrayList<>(List.of(drugId, fromKey, toKey));
        if (source == Source.FACTS) {
            sql = MONTHLY_FROM_FACTS + (doctorId == null ? "" : " AND doctor_id = ?") + " GROUP BY month_key";
        } else {
            sql = doctorId == null ? MONTHLY : MONTHLY_OF_DOCTOR;
        }
        if (doctorId != null) {
            params.add(doctorId);
        }
        return Sql.query(pool, sql, params.toArray()).map(rows -> {
            List<MonthFigures> months = new ArrayList<>();
            rows.forEach(row -> months.add(new MonthFigures(row.getInteger("month_key"), Sql.longOf(row, "quantity"),
                    Sql.decimal(row, "amount"), Sql.longOf(row, "prescriptions"))));
            return months;
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
        String sql;
        if (source == Source.ROLLUP && departmentId == null && doctorId == null) {
            sql = RANKING_ALL;
        } else {
            sql = "SELECT d.id, d.code, d.name, COALESCE(u.quantity, 0) AS quantity, COALESCE(u.amount, 0) AS amount, "
                    + "COALESCE(u.prescriptions, 0) AS prescriptions FROM dim_drug d "
                    + (doctorId != null ? "JOIN (" : "LEFT JOIN (") + usage(departmentId, doctorId, source, params)
                    + ") u ON u.drug_id = d.id" + (doctorId != null ? " WHERE u.prescriptions > 0" : "");
        }
        params.add(n);
        String ordered = sql + " ORDER BY " + metric + (descending ? " DESC" : " ASC") + ", d.id LIMIT ?";
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
