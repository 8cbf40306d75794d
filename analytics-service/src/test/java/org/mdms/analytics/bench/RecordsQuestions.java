package org.mdms.analytics.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.mdms.analytics.bench.FactQuestions.Ask;
import org.mdms.analytics.bench.FactQuestions.Question;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The oracle's seven questions (OracleTest's SQL) over a snapshot of patient-service's RECORD schema (mdms_records:
 * prescription, prescription_item, visit, vital_sign, drug), never the warehouse: a prescription counts in its
 * visit's current department, cancelled prescriptions and visits are left out. Same URLs and normal form of the
 * answers as {@link FactQuestions}.
 */
final class RecordsQuestions {

    private RecordsQuestions() {
    }

    /** The records tables, as OracleTest snapshots them (DuckDB columns, MariaDB SELECT). */
    static final String[][] TABLES = {
            {"drug", "id BIGINT, code VARCHAR, name VARCHAR", "SELECT id, code, name FROM drug"},
            {"visit", "id BIGINT, patient_id BIGINT, department_id BIGINT, doctor_id BIGINT, type VARCHAR, "
                    + "status VARCHAR, started_at TIMESTAMP",
                    "SELECT id, patient_id, department_id, doctor_id, type, status, started_at FROM visit"},
            {"prescription", "id BIGINT, visit_id BIGINT, doctor_id BIGINT, status VARCHAR, issued_at TIMESTAMP",
                    "SELECT id, visit_id, doctor_id, status, issued_at FROM prescription"},
            {"prescription_item", "id BIGINT, prescription_id BIGINT, drug_id BIGINT, quantity INTEGER, "
                    + "amount DECIMAL(12, 2)", "SELECT id, prescription_id, drug_id, quantity, amount FROM prescription_item"},
            {"vital_sign", "id BIGINT, patient_id BIGINT, type VARCHAR, value DECIMAL(6, 2), "
                    + "secondary_value DECIMAL(6, 2), abnormal BOOLEAN, measured_at TIMESTAMP",
                    "SELECT id, patient_id, type, value, secondary_value, abnormal, measured_at FROM vital_sign"},
    };

    interface Sql {
        List<String> answer(Connection duck, Ask a) throws SQLException;
    }

    /** The API side of a fact question, DuckDB's answer from the records. */
    private static Question over(Question api, Sql sql) {
        return new Question() {
            public String name() {
                return api.name();
            }

            public String url(Ask a) {
                return api.url(a);
            }

            public List<String> duck(Connection duck, Ask a) throws SQLException {
                return sql.answer(duck, a);
            }

            public List<String> api(JsonNode answer) {
                return api.api(answer);
            }
        };
    }

    private static String ts(YearMonth m) {
        return m.atDay(1) + " 00:00:00";
    }

    private static String ts(Instant i) {
        return LocalDateTime.ofInstant(i, ZoneOffset.UTC).toString().replace('T', ' ');
    }

    private static String period(String granularity, String column) {
        return switch (granularity) {
            case "week" -> "strftime(date_trunc('week', " + column + "), '%Y-%m-%d')";
            case "month" -> "strftime(" + column + ", '%Y-%m')";
            default -> "strftime(" + column + ", '%Y-%m-%d')";
        };
    }

    static final Question Q1 = over(FactQuestions.Q1, (duck, a) -> {
        Map<String, String> found = new HashMap<>();
        for (String row : FactQuestions.rows(duck, """
                SELECT strftime(p.issued_at, '%Y-%m'), SUM(i.quantity), SUM(i.amount), COUNT(DISTINCT p.id)
                FROM prescription p JOIN prescription_item i ON i.prescription_id = p.id
                WHERE p.status <> 'CANCELLED' AND i.drug_id = ? AND year(p.issued_at) = ?
                GROUP BY 1""", a.drug, a.year)) {
            found.put(row.substring(0, 7), row);
        }
        List<String> expected = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            String month = YearMonth.of(a.year, m).toString();
            expected.add(found.getOrDefault(month, month + "|0|0.00|0"));
        }
        return expected;
    });

    static final Question Q2 = over(FactQuestions.Q2, (duck, a) -> FactQuestions.rows(duck, "WITH u AS (SELECT "
                    + "i.drug_id, SUM(i.quantity) AS q, SUM(i.amount) AS a, COUNT(DISTINCT p.id) AS n FROM prescription p "
                    + "JOIN visit v ON v.id = p.visit_id JOIN prescription_item i ON i.prescription_id = p.id "
                    + "WHERE p.status <> 'CANCELLED' AND p.issued_at >= CAST(? AS TIMESTAMP) "
                    + "AND p.issued_at < CAST(? AS TIMESTAMP)"
                    + (a.department == null ? "" : " AND v.department_id = " + a.department)
                    + " GROUP BY 1) SELECT d.id, COALESCE(u.q, 0), CAST(COALESCE(u.a, 0) AS DECIMAL(16, 2)), "
                    + "COALESCE(u.n, 0) FROM drug d LEFT JOIN u ON u.drug_id = d.id ORDER BY "
                    + ("amount".equals(a.by) ? "COALESCE(u.a, 0)" : "COALESCE(u.q, 0)")
                    + ("top".equals(a.order) ? " DESC" : " ASC") + ", d.id LIMIT ?",
            ts(a.fromMonth), ts(a.toMonth.plusMonths(1)), a.n));

    static final Question Q3 = over(FactQuestions.Q3, (duck, a) -> FactQuestions.rows(duck, "SELECT i.drug_id, "
                    + "SUM(i.quantity), SUM(i.amount), COUNT(DISTINCT p.id) FROM prescription p "
                    + "JOIN prescription_item i ON i.prescription_id = p.id WHERE p.status <> 'CANCELLED' "
                    + "AND p.doctor_id = ? AND p.issued_at >= CAST(? AS TIMESTAMP) AND p.issued_at < CAST(? AS TIMESTAMP) "
                    + "GROUP BY 1 ORDER BY " + ("amount".equals(a.by) ? "SUM(i.amount)" : "SUM(i.quantity)")
                    + " DESC, 1 LIMIT ?",
            a.doctor, ts(a.fromMonth), ts(a.toMonth.plusMonths(1)), a.n));

    static final Question Q4 = over(FactQuestions.Q4, (duck, a) -> FactQuestions.rows(duck,
            "WITH x AS (SELECT department_id, CAST(started_at AS DATE) AS day, 1 AS visits, 0 AS prescriptions, "
                    + "CAST(0 AS DECIMAL(16, 2)) AS revenue FROM visit WHERE status <> 'CANCELLED' UNION ALL "
                    + "SELECT v.department_id, CAST(p.issued_at AS DATE), 0, 1, (SELECT SUM(i.amount) FROM "
                    + "prescription_item i WHERE i.prescription_id = p.id) FROM prescription p JOIN visit v "
                    + "ON v.id = p.visit_id WHERE p.status <> 'CANCELLED') "
                    + "SELECT " + period(a.granularity, "day") + " AS period, department_id, SUM(visits), "
                    + "SUM(prescriptions), CAST(SUM(revenue) AS DECIMAL(16, 2)) FROM x WHERE day BETWEEN "
                    + "CAST(? AS DATE) AND CAST(? AS DATE)"
                    + (a.department == null ? "" : " AND department_id = " + a.department)
                    + " GROUP BY 1, 2 HAVING SUM(visits) <> 0 OR SUM(prescriptions) <> 0 ORDER BY 1, 2",
            a.fromDay.toString(), a.toDay.toString()));

    static final Question Q5 = over(FactQuestions.Q5, (duck, a) -> FactQuestions.rows(duck, "SELECT "
                    + period(a.granularity, "CAST(started_at AS DATE)") + " AS period, department_id, type, COUNT(*) "
                    + "FROM visit WHERE status <> 'CANCELLED' AND CAST(started_at AS DATE) BETWEEN CAST(? AS DATE) "
                    + "AND CAST(? AS DATE)" + (a.department == null ? "" : " AND department_id = " + a.department)
                    + (a.type == null ? "" : " AND type = '" + a.type + "'") + " GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
            a.fromDay.toString(), a.toDay.toString()));

    static final Question Q6 = over(FactQuestions.Q6, (duck, a) -> {
        String f = ts(a.from);
        String t = ts(a.to);
        List<String> out = new ArrayList<>();
        String sql = FactQuestions.Q6_SQL.replace("vital_type", "type");
        for (String row : FactQuestions.rows(duck, sql, a.patient, f, t, a.patient, f, t)) {
            String[] c = row.split("\\|");
            StringBuilder line = new StringBuilder(c[0] + "|" + c[1]);
            for (int i = 2; i <= 10; i++) {
                line.append('|').append(FactQuestions.cents(Long.parseLong(c[i])));
            }
            out.add(line.append('|').append(c[11]).append('|').append(c[12]).toString());
        }
        return out;
    });

    static final Question Q7 = over(FactQuestions.Q7, (duck, a) -> {
        String day = a.date.toString();
        List<String> out = new ArrayList<>(FactQuestions.rows(duck, """
                SELECT (SELECT COUNT(*) FROM visit WHERE status <> 'CANCELLED' AND CAST(started_at AS DATE) = CAST(? AS DATE)),
                       (SELECT COUNT(*) FROM prescription WHERE status <> 'CANCELLED' AND CAST(issued_at AS DATE) = CAST(? AS DATE)),
                       (SELECT CAST(COALESCE(SUM(i.amount), 0) AS DECIMAL(16, 2)) FROM prescription p
                          JOIN prescription_item i ON i.prescription_id = p.id
                         WHERE p.status <> 'CANCELLED' AND CAST(p.issued_at AS DATE) = CAST(? AS DATE)),
                       (SELECT COUNT(*) FROM vital_sign WHERE CAST(measured_at AS DATE) = CAST(? AS DATE)),
                       (SELECT COUNT(*) FROM vital_sign WHERE abnormal AND CAST(measured_at AS DATE) = CAST(? AS DATE))""",
                day, day, day, day, day));
        out.addAll(FactQuestions.rows(duck, "SELECT i.drug_id, SUM(i.quantity), SUM(i.amount) FROM prescription p "
                        + "JOIN prescription_item i ON i.prescription_id = p.id WHERE p.status <> 'CANCELLED' "
                        + "AND CAST(p.issued_at AS DATE) BETWEEN CAST(? AS DATE) AND CAST(? AS DATE) GROUP BY 1 "
                        + "HAVING SUM(i.quantity) > 0 ORDER BY 2 DESC, 1 LIMIT ?",
                YearMonth.from(a.date).minusMonths(11).atDay(1).toString(), day, a.n));
        return out;
    });

    static final List<Question> ALL = List.of(Q1, Q2, Q3, Q4, Q5, Q6, Q7);
}
