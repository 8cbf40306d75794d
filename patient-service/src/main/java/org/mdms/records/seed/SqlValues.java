package org.mdms.records.seed;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds multi-row {@code INSERT ... VALUES (...), (...)} statements as SQL text, cut into statements of at most
 * {@code rowsPerStatement} rows.
 * <p>
 * Why text and not placeholders: one text statement per thousand rows costs one round trip and no prepare, and the
 * values are all produced by the generator (numbers, dates, and strings from our own word lists), never taken from a
 * request. Strings are still escaped properly (quote doubled, backslash escaped; MySQL's default sql_mode).
 */
final class SqlValues {

    private final String head;
    private final int rowsPerStatement;
    private final List<String> statements = new ArrayList<>();
    private StringBuilder current;
    private int rows;
    private boolean firstInRow;
    private long totalRows;

    SqlValues(String table, String columns, int rowsPerStatement) {
        this.head = "INSERT INTO " + table + " (" + columns + ") VALUES ";
        this.rowsPerStatement = rowsPerStatement;
    }

    SqlValues row() {
        if (current == null) {
            current = new StringBuilder(64 * 1024).append(head);
        } else {
            current.append(')').append(',');
        }
        current.append('(');
        firstInRow = true;
        rows++;
        totalRows++;
        return this;
    }

    /** A literal SQL expression, inserted as is (e.g. the change_event sequence arithmetic). */
    SqlValues expression(String sql) {
        separator().append(sql);
        return this;
    }

    SqlValues add(long value) {
        separator().append(value);
        return this;
    }

    SqlValues add(Long value) {
        return value == null ? addNull() : add(value.longValue());
    }

    SqlValues add(boolean value) {
        separator().append(value ? "TRUE" : "FALSE");
        return this;
    }

    SqlValues add(BigDecimal value) {
        return value == null ? addNull() : raw(value.toPlainString());
    }

    SqlValues add(String value) {
        if (value == null) {
            return addNull();
        }
        StringBuilder sql = separator().append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\'' -> sql.append("''");
                case '\\' -> sql.append("\\\\");
                case '\0' -> sql.append("\\0");
                default -> sql.append(c);
            }
        }
        sql.append('\'');
        return this;
    }

    SqlValues add(LocalDate value) {
        return value == null ? addNull() : raw("'" + value + "'");
    }

    SqlValues add(Instant value) {
        if (value == null) {
            return addNull();
        }
        LocalDateTime t = LocalDateTime.ofEpochSecond(value.getEpochSecond(), value.getNano(), ZoneOffset.UTC);
        StringBuilder sql = separator().append('\'').append(t.getYear()).append('-');
        pad2(sql, t.getMonthValue()).append('-');
        pad2(sql, t.getDayOfMonth()).append(' ');
        pad2(sql, t.getHour()).append(':');
        pad2(sql, t.getMinute()).append(':');
        pad2(sql, t.getSecond());
        if (t.getNano() != 0) {
            sql.append('.').append(String.format("%06d", t.getNano() / 1000));
        }
        sql.append('\'');
        return this;
    }

    SqlValues addNull() {
        separator().append("NULL");
        return this;
    }

    /** Closes the row; starts a new statement when this one is full. */
    SqlValues end() {
        if (rows >= rowsPerStatement) {
            flush();
        }
        return this;
    }

    List<String> statements() {
        flush();
        return statements;
    }

    long rowCount() {
        return totalRows;
    }

    private void flush() {
        if (current != null) {
            statements.add(current.append(')').toString());
            current = null;
            rows = 0;
        }
    }

    private SqlValues raw(String text) {
        separator().append(text);
        return this;
    }

    private StringBuilder separator() {
        if (!firstInRow) {
            current.append(',');
        }
        firstInRow = false;
        return current;
    }

    private static StringBuilder pad2(StringBuilder sql, int value) {
        if (value < 10) {
            sql.append('0');
        }
        return sql.append(value);
    }
}
