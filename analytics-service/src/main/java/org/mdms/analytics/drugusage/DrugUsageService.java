package org.mdms.analytics.drugusage;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.analytics.common.DomainException;
import org.mdms.analytics.common.Source;
import org.mdms.analytics.drugusage.DrugUsageDtos.DrugMonthlyUsage;
import org.mdms.analytics.drugusage.DrugUsageDtos.DrugRanking;
import org.mdms.analytics.drugusage.DrugUsageDtos.MonthUsage;
import org.mdms.analytics.drugusage.DrugUsageDtos.RankedDrug;
import org.mdms.analytics.warehouse.Sql;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Questions 1-3 from the month rollups (or, with Source.FACTS, by scanning the raw prescription items: the
 * baseline the benchmark compares against; both must give the same answer).
 */
@ApplicationScoped
public class DrugUsageService {

    private final Pool pool;

    public DrugUsageService(Pool pool) {
        this.pool = pool;
    }

    private record Drug(long id, String code, String name) {
    }

    private Uni<Drug> drug(long drugId) {
        return Sql.query(pool, "SELECT id, code, name FROM dim_drug WHERE id = ?", drugId)
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw DomainException.notFound("drug", drugId);
                    }
                    Row row = rows.iterator().next();
                    return new Drug(row.getLong("id"), row.getString("code"), row.getString("name"));
                });
    }

    /** Question 1: one drug's use month by month over a year; doctorId narrows it to one doctor's prescriptions. */
    public Uni<DrugMonthlyUsage> monthly(long drugId, int year, Long doctorId, Source source) {
        int fromKey = year * 100 + 1;
        int toKey = year * 100 + 12;
        String sql;
        List<Object> params = new ArrayList<>(List.of(drugId, fromKey, toKey));
        if (source == Source.FACTS) {
            sql = "SELECT month_key, SUM(quantity) AS quantity, SUM(amount) AS amount, "
                    + "COUNT(DISTINCT prescription_id) AS prescriptions FROM fact_prescription_item "
                    + "WHERE drug_id = ? AND month_key BETWEEN ? AND ? AND counted = 1"
                    + (doctorId == null ? "" : " AND doctor_id = ?") + " GROUP BY month_key";
        } else {
            sql = "SELECT month_key, quantity, amount, prescriptions FROM "
                    + (doctorId == null ? "rollup_drug_month WHERE drug_id = ? AND month_key BETWEEN ? AND ?"
                    : "rollup_doctor_drug_month WHERE drug_id = ? AND month_key BETWEEN ? AND ? AND doctor_id = ?");
        }
        if (doctorId != null) {
            params.add(doctorId);
        }
        return drug(drugId).chain(drug -> Sql.query(pool, sql, params.toArray()).map(rows -> {
            Map<Integer, Row> byMonth = new HashMap<>();
            rows.forEach(row -> byMonth.put(row.getInteger("month_key"), row));
            List<MonthUsage> months = new ArrayList<>(12);
            for (int m = 1; m <= 12; m++) {
                Row row = byMonth.get(year * 100 + m);
                months.add(new MonthUsage(YearMonth.of(year, m).toString(),
                        row == null ? 0 : Sql.longOf(row, "quantity"),
                        row == null ? BigDecimal.ZERO.setScale(2) : Sql.decimal(row, "amount").setScale(2),
                        row == null ? 0 : Sql.longOf(row, "prescriptions")));
            }
            return new DrugMonthlyUsage(drug.id(), drug.code(), drug.name(), year, doctorId,
                    source.name().toLowerCase(), months);
        }));
    }

    /**
     * Question 2 (and 3): drugs ranked over [from, to] by quantity or amount, top or bottom n. Without a doctor, every
     * drug in the catalogue takes part (a drug nobody prescribed is the least used); for a doctor, only the drugs they
     * prescribed in the period (top and bottom alike), as the OpenAPI description says.
     */
    public Uni<DrugRanking> ranking(YearMonth from, YearMonth to, String by, String order, int n, Long departmentId,
                                    Long doctorId, Source source) {
        Uni<Void> check = Uni.createFrom().voidItem();
        if (departmentId != null) {
            check = Sql.query(pool, "SELECT id FROM dim_department WHERE id = ?", departmentId).map(rows -> {
                if (rows.size() == 0) {
                    throw DomainException.notFound("department", departmentId);
                }
                return null;
            });
        }
        if (doctorId != null) {
            check = check.chain(() -> Sql.query(pool, "SELECT id FROM dim_staff WHERE id = ? AND kind = 'DOCTOR'",
                    doctorId).map(rows -> {
                        if (rows.size() == 0) {
                            throw DomainException.notFound("doctor", doctorId);
                        }
                        return null;
                    }));
        }
        List<Object> params = new ArrayList<>(List.of(key(from), key(to)));
        String usage;
        if (source == Source.FACTS) {
            usage = "SELECT drug_id, SUM(quantity) AS quantity, SUM(amount) AS amount, "
                    + "COUNT(DISTINCT prescription_id) AS prescriptions FROM fact_prescription_item "
                    + "WHERE month_key BETWEEN ? AND ? AND counted = 1";
        } else {
            String table = doctorId != null ? "rollup_doctor_drug_month" : departmentId != null
                    ? "rollup_drug_department_month" : "rollup_drug_month";
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
        usage += " GROUP BY drug_id";
        String metric = "amount".equals(by) ? "amount" : "quantity";
        String direction = "top".equals(order) ? "DESC" : "ASC";
        String sql = "SELECT d.id, d.code, d.name, COALESCE(u.quantity, 0) AS quantity, COALESCE(u.amount, 0) AS amount, "
                + "COALESCE(u.prescriptions, 0) AS prescriptions FROM dim_drug d "
                + (doctorId != null ? "JOIN (" : "LEFT JOIN (") + usage + ") u ON u.drug_id = d.id "
                // a doctor's list holds only what they prescribed (their rows may net to zero after cancellations)
                + (doctorId != null ? "WHERE u.prescriptions > 0 " : "")
                + "ORDER BY " + metric + " " + direction + ", d.id LIMIT ?";
        params.add(n);
        return check.chain(() -> Sql.query(pool, sql, params.toArray())).map(rows -> {
            List<RankedDrug> drugs = new ArrayList<>();
            int rank = 0;
            for (Row row : rows) {
                drugs.add(new RankedDrug(++rank, row.getLong("id"), row.getString("code"), row.getString("name"),
                        Sql.longOf(row, "quantity"), Sql.decimal(row, "amount").setScale(2),
                        Sql.longOf(row, "prescriptions")));
            }
            return new DrugRanking(from.toString(), to.toString(), metric, order, n, departmentId, doctorId,
                    source.name().toLowerCase(), drugs);
        });
    }

    private static int key(YearMonth month) {
        return month.getYear() * 100 + month.getMonthValue();
    }
}
