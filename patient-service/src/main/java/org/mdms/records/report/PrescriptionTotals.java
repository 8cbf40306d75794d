package org.mdms.records.report;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.mdms.common.DomainException;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-month totals of issued (not cancelled) prescriptions, the source side of analytics' reconciliation: the
 * warehouse must arrive at the same numbers from the change feed.
 */
@ApplicationScoped
public class PrescriptionTotals {

    /** Ten years at once is plenty for reconciliation and keeps the scan bounded. */
    static final int MAX_MONTHS = 120;

    @Schema(name = "PrescriptionMonthTotals")
    public record MonthTotals(@Schema(example = "2026-01") String month,
                              @Schema(example = "1523") long prescriptions,
                              @Schema(example = "4410") long items,
                              @Schema(example = "61870") long quantity,
                              @Schema(example = "183450.25") BigDecimal amount) {
    }

    /** The dimension a breakdown groups by within each month. */
    public enum By { DEPARTMENT, DOCTOR, DRUG }

    @Schema(name = "PrescriptionBreakdownRow", description = "One month and one department, doctor or drug: "
            + "prescriptions not CANCELLED (for a drug: those with at least one line of it), their items, summed "
            + "quantity and amount")
    public record BreakdownRow(@Schema(example = "2026-01") String month,
                               @Schema(description = "department id (the visit's), doctor id (the prescriber) or drug id",
                                       example = "3") long id,
                               @Schema(example = "212") long prescriptions,
                               @Schema(example = "640") long items,
                               @Schema(example = "8800") long quantity,
                               @Schema(example = "25110.40") BigDecimal amount) {
    }

    private final Pool pool;

    PrescriptionTotals(Pool pool) {
        this.pool = pool;
    }

    public static YearMonth parseMonth(String field, String text) {
        if (text == null || text.isBlank()) {
            throw DomainException.invalid(field, field + " is required (yyyy-MM)");
        }
        try {
            if (!text.strip().matches("\\d{4}-\\d{2}")) {
                throw new DateTimeParseException("not yyyy-MM", text, 0);
            }
            return YearMonth.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw DomainException.invalid(field, field + " must be a month as yyyy-MM, e.g. 2026-01");
        }
    }

    /** Every month of [from, to] appears, with zeros where nothing was issued. */
    public Uni<List<MonthTotals>> between(YearMonth from, YearMonth to) {
        if (to.isBefore(from)) {
            throw DomainException.invalid("to", "to must not be before from");
        }
        if (from.plusMonths(MAX_MONTHS - 1).isBefore(to)) {
            throw DomainException.invalid("to", "at most " + MAX_MONTHS + " months at once");
        }
        var start = from.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC).toLocalDateTime();
        var end = to.plusMonths(1).atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC).toLocalDateTime();
        // issued_at is stored in UTC (hibernate jdbc.timezone=UTC), so DATE_FORMAT gives the UTC month
        return pool.preparedQuery("""
                        SELECT DATE_FORMAT(p.issued_at, '%Y-%m') AS month,
                               COUNT(DISTINCT p.id)               AS prescriptions,
                               COUNT(i.id)                        AS items,
                               COALESCE(SUM(i.quantity), 0)       AS quantity,
                               COALESCE(SUM(i.amount), 0)         AS amount
                        FROM prescription p
                        LEFT JOIN prescription_item i ON i.prescription_id = p.id
                        WHERE p.status <> 'CANCELLED' AND p.issued_at >= ? AND p.issued_at < ?
                        GROUP BY month""")
                .execute(Tuple.of(start, end))
                .map(rows -> {
                    Map<String, MonthTotals> found = new HashMap<>();
                    for (Row row : rows) {
                        String month = row.getString("month");
                        found.put(month, new MonthTotals(month, row.getLong("prescriptions"), row.getLong("items"),
                                toLong(row.getValue("quantity")), toDecimal(row.getValue("amount"))));
                    }
                    List<MonthTotals> result = new ArrayList<>();
                    for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
                        String key = m.toString();
                        result.add(found.getOrDefault(key, new MonthTotals(key, 0, 0, 0, new BigDecimal("0.00"))));
                    }
                    return result;
                });
    }

    /**
     * Per month and department (the visit's current department), doctor (the prescriber) or drug: only groups with
     * something issued appear, ordered by month then id.
     */
    public Uni<List<BreakdownRow>> breakdown(YearMonth from, YearMonth to, By by) {
        if (to.isBefore(from)) {
            throw DomainException.invalid("to", "to must not be before from");
        }
        if (from.plusMonths(MAX_MONTHS - 1).isBefore(to)) {
            throw DomainException.invalid("to", "at most " + MAX_MONTHS + " months at once");
        }
        var start = from.atDay(1).atStartOfDay();
        var end = to.plusMonths(1).atDay(1).atStartOfDay();
        String key = switch (by) {
            case DEPARTMENT -> "v.department_id";
            case DOCTOR -> "p.doctor_id";
            case DRUG -> "i.drug_id";
        };
        // a drug breakdown counts items of that drug only; the other two count every item of the prescription
        String items = by == By.DRUG ? "JOIN prescription_item i ON i.prescription_id = p.id"
                : "LEFT JOIN prescription_item i ON i.prescription_id = p.id";
        return pool.preparedQuery("SELECT DATE_FORMAT(p.issued_at, '%Y-%m') AS month, " + key + " AS id, "
                        + "COUNT(DISTINCT p.id) AS prescriptions, COUNT(i.id) AS items, "
                        + "COALESCE(SUM(i.quantity), 0) AS quantity, COALESCE(SUM(i.amount), 0) AS amount "
                        + "FROM prescription p JOIN visit v ON v.id = p.visit_id " + items + " "
                        + "WHERE p.status <> 'CANCELLED' AND p.issued_at >= ? AND p.issued_at < ? "
                        + "GROUP BY month, " + key + " ORDER BY month, id")
                .execute(Tuple.of(start, end))
                .map(rows -> {
                    List<BreakdownRow> result = new ArrayList<>();
                    for (Row row : rows) {
                        result.add(new BreakdownRow(row.getString("month"), row.getLong("id"),
                                row.getLong("prescriptions"), row.getLong("items"), toLong(row.getValue("quantity")),
                                toDecimal(row.getValue("amount"))));
                    }
                    return result;
                });
    }

    private static long toLong(Object value) {
        return value instanceof Number n ? n.longValue() : Long.parseLong(value.toString());
    }

    private static BigDecimal toDecimal(Object value) {
        BigDecimal decimal = value instanceof BigDecimal b ? b : new BigDecimal(value.toString());
        return decimal.setScale(2, java.math.RoundingMode.HALF_UP);
    }
}
