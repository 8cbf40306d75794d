package org.mdms.analytics.warehouse;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Statements through the reactive client: IN lists bound in chunks, and conversions of warehouse columns. */
public final class Sql {

    private static final ConcurrentHashMap<String, String> PLACEHOLDERS = new ConcurrentHashMap<>();

    private Sql() {
    }

    /** SELECT ... WHERE column IN (ids), chunked; rows of all chunks mapped and concatenated. */
    public static <T> Uni<List<T>> selectIn(SqlClient client, String sqlWithIn, Collection<Long> ids,
                                            Function<Row, T> mapper) {
        List<Long> all = new ArrayList<>(ids);
        List<T> result = new ArrayList<>();
        if (all.isEmpty()) {
            return Uni.createFrom().item(result);
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int start = 0; start < all.size(); start += 1000) {
            List<Long> chunk = all.subList(start, Math.min(all.size(), start + 1000));
            String sql = sqlWithIn.replace("(:ids)", "(" + placeholders(1, chunk.size()).replace("(", "").replace(")", "") + ")");
            chain = chain.chain(() -> client.preparedQuery(sql).execute(Tuple.from(new ArrayList<Object>(chunk)))
                    .invoke(rows -> rows.forEach(row -> result.add(mapper.apply(row))))
                    .replaceWithVoid());
        }
        return chain.replaceWith(result);
    }

    /** DELETE/UPDATE ... WHERE column IN (:ids), chunked. */
    public static Uni<Void> executeIn(SqlClient client, String sqlWithIn, Collection<Long> ids) {
        return selectIn(client, sqlWithIn, ids, row -> row).replaceWithVoid();
    }

    public static Uni<RowSet<Row>> query(SqlClient client, String sql, Object... params) {
        return client.preparedQuery(sql).execute(Tuple.from(List.of(params)));
    }

    static String placeholders(int columns, int rows) {
        return PLACEHOLDERS.computeIfAbsent(columns + "x" + rows, key -> {
            String row = "(" + String.join(",", java.util.Collections.nCopies(columns, "?")) + ")";
            return java.util.stream.Stream.generate(() -> row).limit(rows).collect(Collectors.joining(","));
        });
    }

    public static LocalDateTime utc(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** A UTC DATETIME column as an instant, so answers carry the offset (RFC 3339 with Z). */
    public static Instant instant(LocalDateTime utc) {
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }

    public static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    /** The Monday of a day's ISO week (question 4 and 5's week period). */
    public static LocalDate weekStart(LocalDate day) {
        return day.minusDays(day.getDayOfWeek().getValue() - 1L);
    }

    public static int monthKey(LocalDate day) {
        return day.getYear() * 100 + day.getMonthValue();
    }

    public static boolean bool(Row row, String column) {
        Object value = row.getValue(column);
        if (value instanceof Boolean b) {
            return b;
        }
        return value != null && ((Number) value).intValue() != 0;
    }

    public static long longOf(Row row, String column) {
        Object value = row.getValue(column);
        return value == null ? 0 : ((Number) value).longValue();
    }

    public static BigDecimal decimal(Row row, String column) {
        Object value = row.getValue(column);
        if (value == null) {
            return BigDecimal.ZERO;
        }
        if (value instanceof BigDecimal d) {
            return d;
        }
        return new BigDecimal(value.toString());
    }
}
