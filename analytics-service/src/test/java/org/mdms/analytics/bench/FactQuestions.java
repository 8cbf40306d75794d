package org.mdms.analytics.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The seven questions for the benchmark's second engine: DuckDB answers them in plain SQL, written from the README's
 * definitions, over ITS OWN COPY of the warehouse's fact tables (copied in bulk after the load, in-process, its own
 * in-memory database, default threads). Each question gives the API URL for a parameter set, DuckDB's answer, and the
 * API's JSON answer in the same normal form, so both engines can be checked to give the same answer.
 */
final class FactQuestions {

    /** One parameter set; each question reads the fields it needs. */
    static final class Ask {
        long drug;
        int year;
        YearMonth fromMonth;
        YearMonth toMonth;
        String by = "quantity";
        String order = "top";
        int n = 10;
        Long department;
        long doctor;
        LocalDate fromDay;
        LocalDate toDay;
        String granularity = "day";
        String type;
        long patient;
        Instant from;
        Instant to;
        LocalDate date;
    }

    interface Question {
        String name();

        String url(Ask a);

        /** DuckDB's answer, in the normal form of {@link #api}. */
        List<String> duck(Connection duck, Ask a) throws SQLException;

        /** The API's JSON answer in normal form. */
        List<String> api(JsonNode answer);
    }

    private FactQuestions() {
    }

    // ------------------------------------------------------------------ the copy

    /** Columns of each DuckDB table and the warehouse SELECT that fills it (same column order). */
    static final String[][] TABLES = {
            {"item", "month_key INTEGER, item_id BIGINT, prescription_id BIGINT, drug_id BIGINT, doctor_id BIGINT, "
                    + "department_id BIGINT, day DATE, quantity INTEGER, amount DECIMAL(14, 2), counted BOOLEAN",
                    "SELECT month_key, item_id, prescription_id, drug_id, doctor_id, department_id, day, quantity, amount, "
                            + "counted FROM fact_prescription_item"},
            {"prescription", "id BIGINT, visit_id BIGINT, doctor_id BIGINT, department_id BIGINT, status VARCHAR, "
                    + "day DATE, month_key INTEGER, total_amount DECIMAL(14, 2), counted BOOLEAN",
                    "SELECT id, visit_id, doctor_id, department_id, status, day, month_key, total_amount, counted "
                            + "FROM fact_prescription"},
            {"visit", "id BIGINT, patient_id BIGINT, doctor_id BIGINT, department_id BIGINT, visit_type VARCHAR, "
                    + "status VARCHAR, started_at TIMESTAMP, day DATE",
                    "SELECT id, patient_id, doctor_id, department_id, visit_type, status, started_at, day FROM fact_visit"},
            {"vital_sign", "id BIGINT, patient_id BIGINT, vital_type VARCHAR, value DECIMAL(6, 2), "
                    + "secondary_value DECIMAL(6, 2), abnormal BOOLEAN, measured_at TIMESTAMP, day DATE",
                    "SELECT id, patient_id, vital_type, value, secondary_value, abnormal, measured_at, day "
                            + "FROM fact_vital_sign"},
            {"drug", "id BIGINT, code VARCHAR, name VARCHAR", "SELECT id, code, name FROM dim_drug"},
    };

    /** Copies the fact tables (streamed from MariaDB, DuckDB's appender); returns rows per table. */
    static Map<String, Long> copy(Connection warehouse, Connection duck) throws SQLException {
        return copy(warehouse, duck, TABLES);
    }

    /** Copies {name, DuckDB columns, MariaDB SELECT} tables, streamed, through DuckDB's appender. */
    static Map<String, Long> copy(Connection warehouse, Connection duck, String[][] tables) throws SQLException {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        for (String[] t : tables) {
            try (Statement ddl = duck.createStatement()) {
                ddl.execute("CREATE OR REPLACE TABLE " + t[0] + " (" + t[1] + ")");
            }
            List<String> types = new ArrayList<>();
            for (String column : t[1].split(",(?![^(]*\\))")) {
                String c = column.strip();
                types.add(c.substring(c.indexOf(' ') + 1).replaceAll("\\(.*", ""));
            }
            long rows = 0;
            try (Statement st = warehouse.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                st.setFetchSize(Integer.MIN_VALUE); // MySQL Connector/J: stream the rows
                try (ResultSet rs = st.executeQuery(t[2]);
                     DuckDBAppender app = ((DuckDBConnection) duck).createAppender(DuckDBConnection.DEFAULT_SCHEMA, t[0])) {
                    while (rs.next()) {
                        app.beginRow();
                        for (int i = 0; i < types.size(); i++) {
                            int c = i + 1;
                            switch (types.get(i)) {
                                case "INTEGER" -> {
                                    int v = rs.getInt(c);
                                    if (rs.wasNull()) app.appendNull(); else app.append(v);
                                }
                                case "BIGINT" -> {
                                    long v = rs.getLong(c);
                                    if (rs.wasNull()) app.appendNull(); else app.append(v);
                                }
                                case "BOOLEAN" -> app.append(rs.getBoolean(c));
                                case "DATE" -> app.append(rs.getObject(c, LocalDate.class));
                                case "TIMESTAMP" -> app.append(rs.getObject(c, LocalDateTime.class));
                                case "DECIMAL" -> {
                                    BigDecimal v = rs.getBigDecimal(c);
                                    if (v == null) app.appendNull(); else app.append(v.setScale(2));
                                }
                                default -> {
                                    String v = rs.getString(c);
                                    if (v == null) app.appendNull(); else app.append(v);
                                }
                            }
                        }
                        app.endRow();
                        rows++;
                    }
                }
            }
            counts.put(t[0], rows);
        }
        return counts;
    }

    // ------------------------------------------------------------------ helpers

    static List<String> rows(Connection duck, String sql, Object... params) throws SQLException {
        try (PreparedStatement st = duck.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            List<String> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                StringBuilder line = new StringBuilder();
                while (rs.next()) {
                    line.setLength(0);
                    for (int i = 1; i <= n; i++) {
                        Object v = rs.getObject(i);
                        if (i > 1) {
                            line.append('|');
                        }
                        line.append(v instanceof BigDecimal d ? d.setScale(2).toPlainString() : String.valueOf(v));
                    }
                    out.add(line.toString());
                }
            }
            return out;
        }
    }

    static int key(YearMonth m) {
        return m.getYear() * 100 + m.getMonthValue();
    }

    static String money(JsonNode n) {
        return n.decimalValue().setScale(2).toPlainString();
    }

    static String cents(long c) {
        return BigDecimal.valueOf(c, 2).toPlainString();
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

    private static List<String> ranked(JsonNode answer, String field) {
        List<String> out = new ArrayList<>();
        for (JsonNode d : answer.path(field)) {
            out.add(d.path("drugId").asText() + "|" + d.path("quantity").asText() + "|" + money(d.path("amount"))
                    + (d.has("prescriptions") ? "|" + d.path("prescriptions").asText() : ""));
        }
        return out;
    }

    // ------------------------------------------------------------------ the seven questions

    static final Question Q1 = new Question() {
        public String name() {
            return "Q1 drug by month";
        }

        public String url(Ask a) {
            return "/api/v1/drugs/" + a.drug + "/usage?year=" + a.year;
        }

        public List<String> duck(Connection duck, Ask a) throws SQLException {
            Map<String, String> found = new HashMap<>();
            for (String row : rows(duck, "SELECT month_key, SUM(quantity), SUM(amount), COUNT(DISTINCT prescription_id) "
                    + "FROM item WHERE counted AND drug_id = ? AND month_key BETWEEN ? AND ? GROUP BY month_key",
                    a.drug, a.year * 100 + 1, a.year * 100 + 12)) {
                found.put(row.substring(0, 6), row.substring(6));
            }
            List<String> out = new ArrayList<>(12);
            for (int m = 1; m <= 12; m++) {
                String rest = found.get(String.valueOf(a.year * 100 + m));
                out.add(YearMonth.of(a.year, m) + (rest == null ? "|0|0.00|0" : rest));
            }
            return out;
        }

        public List<String> api(JsonNode answer) {
            List<String> out = new ArrayList<>();
            for (JsonNode m : answer.path("months")) {
                out.add(m.path("month").asText() + "|" + m.path("quantity").asText() + "|" + money(m.path("amount"))
                        + "|" + m.path("prescriptions").asText());
            }
            return out;
        }
    };

    /** Question 2 as an admin: every catalogue drug takes part (zero when unused), ties by drug id. */
    static final Question Q2 = new Question() {
        public String name() {
            return "Q2 drug ranking";
        }

        public String url(Ask a) {
            return "/api/v1/drug-rankings?from=" + a.fromMonth + "&to=" + a.toMonth + "&by=" + a.by + "&order="
                    + a.order + "&n=" + a.n + (a.department == null ? "" : "&departmentId=" + a.department);
        }

        public List<String> duck(Connection duck, Ask a) throws SQLException {
            String metric = "amount".equals(a.by) ? "COALESCE(u.a, 0)" : "COALESCE(u.q, 0)";
            return rows(duck, "WITH u AS (SELECT drug_id, SUM(quantity) AS q, SUM(amount) AS a, "
                            + "COUNT(DISTINCT prescription_id) AS n FROM item WHERE counted AND month_key BETWEEN ? AND ?"
                            + (a.department == null ? "" : " AND department_id = " + a.department)
                            + " GROUP BY drug_id) SELECT d.id, COALESCE(u.q, 0), CAST(COALESCE(u.a, 0) AS DECIMAL(16, 2)), "
                            + "COALESCE(u.n, 0) FROM drug d LEFT JOIN u ON u.drug_id = d.id ORDER BY " + metric
                            + ("top".equals(a.order) ? " DESC" : " ASC") + ", d.id LIMIT ?",
                    key(a.fromMonth), key(a.toMonth), a.n);
        }

        public List<String> api(JsonNode answer) {
            return ranked(answer, "drugs");
        }
    };

    static final Question Q3 = new Question() {
        public String name() {
            return "Q3 doctor top drugs";
        }

        public String url(Ask a) {
            return "/api/v1/doctors/" + a.doctor + "/top-drugs?from=" + a.fromMonth + "&to=" + a.toMonth + "&by="
                    + a.by + "&n=" + a.n;
        }

        public List<String> duck(Connection duck, Ask a) throws SQLException {
            return rows(duck, "SELECT drug_id, SUM(quantity), SUM(amount), COUNT(DISTINCT prescription_id) FROM item "
                            + "WHERE counted AND doctor_id = ? AND month_key BETWEEN ? AND ? GROUP BY drug_id ORDER BY "
                            + ("amount".equals(a.by) ? "SUM(amount)" : "SUM(quantity)") + " DESC, drug_id LIMIT ?",
                    a.doctor, key(a.fromMonth), key(a.toMonth), a.n);
        }

        public List<String> api(JsonNode answer) {
            return ranked(answer, "drugs");
        }
    };

    static final Question Q4 = new Question() {
        public String name() {
            return "Q4 department workload";
        }

        public String url(Ask a) {
            return "/api/v1/departments/workload?from=" + a.fromDay + "&to=" + a.toDay + "&granularity="
                    + a.granularity + (a.department == null ? "" : "&departmentId=" + a.department);
        }

        public List<String> duck(Connection duck, Ask a) throws SQLException {
            String dep = a.department == null ? "" : " AND department_id = " + a.department;
            String range = " day BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)" + dep;
            return rows(duck, "WITH x AS ("
                            + "SELECT department_id, day, COUNT(*) AS visits, 0 AS prescriptions, "
                            + "CAST(0 AS DECIMAL(16, 2)) AS revenue FROM visit WHERE status <> 'CANCELLED' AND" + range
                            + " GROUP BY ALL UNION ALL "
                            + "SELECT department_id, day, 0, COUNT(*), 0 FROM prescription WHERE counted AND" + range
                            + " GROUP BY ALL UNION ALL "
                            + "SELECT department_id, day, 0, 0, SUM(amount) FROM item WHERE counted AND" + range
                            + " GROUP BY ALL) "
                            + "SELECT " + period(a.granularity, "day") + " AS period, department_id, SUM(visits), "
                            + "SUM(prescriptions), CAST(SUM(revenue) AS DECIMAL(16, 2)) FROM x GROUP BY 1, 2 "
                            + "HAVING SUM(visits) <> 0 OR SUM(prescriptions) <> 0 ORDER BY 1, 2",
                    a.fromDay.toString(), a.toDay.toString(), a.fromDay.toString(), a.toDay.toString(),
                    a.fromDay.toString(), a.toDay.toString());
        }

        public List<String> api(JsonNode answer) {
            List<String> out = new ArrayList<>();
            for (JsonNode r : answer.path("rows")) {
                out.add(r.path("period").asText() + "|" + r.path("departmentId").asText() + "|"
                        + r.path("visits").asText() + "|" + r.path("prescriptions").asText() + "|"
                        + money(r.path("revenue")));
            }
            return out;
        }
    };

    static final Question Q5 = new Question() {
        public String name() {
            return "Q5 visit trends";
        }

        public String url(Ask a) {
            return "/api/v1/visits/trends?from=" + a.fromDay + "&to=" + a.toDay + "&granularity=" + a.granularity
                    + (a.department == null ? "" : "&departmentId=" + a.department)
                    + (a.type == null ? "" : "&type=" + a.type);
        }

        public List<String> duck(Connection duck, Ask a) throws SQLException {
            return rows(duck, "SELECT " + period(a.granularity, "day") + " AS period, department_id, visit_type, "
                            + "COUNT(*) FROM visit WHERE status <> 'CANCELLED' AND day BETWEEN CAST(? AS DATE) AND "
                            + "CAST(? AS DATE)" + (a.department == null ? "" : " AND department_id = " + a.department)
                            + (a.type == null ? "" : " AND visit_type = '" + a.type + "'")
                            + " GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
                    a.fromDay.toString(), a.toDay.toString());
        }

        public List<String> api(JsonNode answer) {
            List<String> out = new ArrayList<>();
            for (JsonNode r : answer.path("rows")) {
                out.add(r.path("period").asText() + "|" + r.path("departmentId").asText() + "|"
                        + r.path("visitType").asText() + "|" + r.path("visits").asText());
            }
            return out;
        }
    };

    /** Q6 from the definitions in integer cents (exact): R-7 percentiles, Tukey fences, half away from zero. */
    static final String Q6_SQL = """
            WITH m AS (
                SELECT CASE WHEN vital_type = 'BLOOD_PRESSURE' THEN 'BLOOD_PRESSURE_SYSTOLIC' ELSE vital_type END AS series,
                       CAST(value * 100 AS BIGINT) AS c, abnormal
                  FROM vital_sign WHERE patient_id = ? AND measured_at >= CAST(? AS TIMESTAMP)
                   AND measured_at < CAST(? AS TIMESTAMP)
                UNION ALL
                SELECT 'BLOOD_PRESSURE_DIASTOLIC', CAST(secondary_value * 100 AS BIGINT), abnormal
                  FROM vital_sign WHERE patient_id = ? AND vital_type = 'BLOOD_PRESSURE' AND secondary_value IS NOT NULL
                   AND measured_at >= CAST(? AS TIMESTAMP) AND measured_at < CAST(? AS TIMESTAMP)),
            g AS (SELECT series, COUNT(*) AS n, MIN(c) AS mn, MAX(c) AS mx, SUM(c) AS s,
                         list(c ORDER BY c) AS l, SUM(CASE WHEN abnormal THEN 1 ELSE 0 END) AS flagged
                    FROM m GROUP BY series),
            p AS (SELECT *, list_extract(l, ((n - 1) * 25) // 100 + 1) * 100 + ((n - 1) * 25) % 100
                             * (list_extract(l, least(((n - 1) * 25) // 100 + 2, n)) - list_extract(l, ((n - 1) * 25) // 100 + 1)) AS q1,
                            list_extract(l, ((n - 1) * 50) // 100 + 1) * 100 + ((n - 1) * 50) % 100
                             * (list_extract(l, least(((n - 1) * 50) // 100 + 2, n)) - list_extract(l, ((n - 1) * 50) // 100 + 1)) AS q2,
                            list_extract(l, ((n - 1) * 75) // 100 + 1) * 100 + ((n - 1) * 75) % 100
                             * (list_extract(l, least(((n - 1) * 75) // 100 + 2, n)) - list_extract(l, ((n - 1) * 75) // 100 + 1)) AS q3,
                            list_extract(l, ((n - 1) * 95) // 100 + 1) * 100 + ((n - 1) * 95) % 100
                             * (list_extract(l, least(((n - 1) * 95) // 100 + 2, n)) - list_extract(l, ((n - 1) * 95) // 100 + 1)) AS q95
                    FROM g),
            fz AS (SELECT *, 2 * q1 - 3 * (q3 - q1) AS lo2, 2 * q3 + 3 * (q3 - q1) AS hi2 FROM p)
            SELECT series, n, mn, mx, (2 * s + n) // (2 * n),
                   sign(q1) * ((abs(q1) + 50) // 100), sign(q2) * ((abs(q2) + 50) // 100),
                   sign(q3) * ((abs(q3) + 50) // 100), sign(q95) * ((abs(q95) + 50) // 100),
                   sign(lo2) * ((abs(lo2) + 100) // 200), sign(hi2) * ((abs(hi2) + 100) // 200),
                   (SELECT COUNT(*) FROM m WHERE m.series = fz.series AND (m.c * 200 < fz.lo2 OR m.c * 200 > fz.hi2)),
                   flagged
              FROM fz ORDER BY array_position(['HEART_RATE', 'BLOOD_PRESSURE_SYSTOLIC',
                       'BLOOD_PRESSURE_DIASTOLIC', 'SPO2', 'TEMPERATURE'], series)""";

    static final Question Q6 = new Question() {
        public String name() {
            return "Q6 vital signs summary";
        }

        public String url(Ask a) {
            return "/api/v1/patients/" + a.patient + "/vital-signs/summary?from=" + a.from + "&to=" + a.to;
        }

        public List<String> duck(Connection duck, Ask a) throws SQLException {
            String f = ts(a.from);
            String t = ts(a.to);
            List<String> out = new ArrayList<>();
            for (String row : rows(duck, Q6_SQL, a.patient, f, t, a.patient, f, t)) {
                String[] c = row.split("\\|");
                StringBuilder line = new StringBuilder(c[0] + "|" + c[1]);
                for (int i = 2; i <= 10; i++) {
                    line.append('|').append(cents(Long.parseLong(c[i])));
                }
                out.add(line.append('|').append(c[11]).append('|').append(c[12]).toString());
            }
            return out;
        }

        public List<String> api(JsonNode answer) {
            List<String> out = new ArrayList<>();
            for (JsonNode s : answer.path("series")) {
                StringBuilder line = new StringBuilder(s.path("series").asText() + "|" + s.path("count").asText());
                for (String k : List.of("min", "max", "mean", "p25", "p50", "p75", "p95", "lowerFence", "upperFence")) {
                    line.append('|').append(money(s.path(k)));
                }
                long iqr = 0;
                long range = 0;
                for (JsonNode an : s.path("anomalies")) {
                    iqr += "IQR".equals(an.path("reason").asText()) ? 1 : 0;
                    range += "RANGE".equals(an.path("reason").asText()) ? 1 : 0;
                }
                out.add(line.append('|').append(iqr).append('|').append(range).toString());
            }
            return out;
        }
    };

    /** Q7: the day's counts, then the top drugs from the first day of the month 11 months before through the date. */
    static final Question Q7 = new Question() {
        public String name() {
            return "Q7 dashboard";
        }

        public String url(Ask a) {
            return "/api/v1/dashboard?date=" + a.date + "&top=" + a.n;
        }

        public List<String> duck(Connection duck, Ask a) throws SQLException {
            String day = a.date.toString();
            List<String> out = new ArrayList<>(rows(duck, """
                    SELECT (SELECT COUNT(*) FROM visit WHERE status <> 'CANCELLED' AND day = CAST(? AS DATE)),
                           (SELECT COUNT(*) FROM prescription WHERE counted AND day = CAST(? AS DATE)),
                           (SELECT CAST(COALESCE(SUM(amount), 0) AS DECIMAL(16, 2)) FROM item
                             WHERE counted AND day = CAST(? AS DATE)),
                           (SELECT COUNT(*) FROM vital_sign WHERE day = CAST(? AS DATE)),
                           (SELECT COUNT(*) FROM vital_sign WHERE abnormal AND day = CAST(? AS DATE))""",
                    day, day, day, day, day));
            out.addAll(rows(duck, "SELECT drug_id, SUM(quantity), SUM(amount) FROM item WHERE counted "
                            + "AND day BETWEEN CAST(? AS DATE) AND CAST(? AS DATE) GROUP BY drug_id "
                            + "HAVING SUM(quantity) > 0 ORDER BY 2 DESC, 1 LIMIT ?",
                    YearMonth.from(a.date).minusMonths(11).atDay(1).toString(), day, a.n));
            return out;
        }

        public List<String> api(JsonNode q7) {
            List<String> out = new ArrayList<>();
            out.add(q7.path("visits").asText() + "|" + q7.path("prescriptions").asText() + "|"
                    + money(q7.path("revenue")) + "|" + q7.path("vitalMeasurements").asText() + "|"
                    + q7.path("abnormalVitals").asText());
            out.addAll(ranked(q7, "topDrugs"));
            return out;
        }
    };

    static final List<Question> ALL = List.of(Q1, Q2, Q3, Q4, Q5, Q6, Q7);
}
