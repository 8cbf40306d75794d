package org.mdms.analytics.warehouse;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One multi-row INSERT of the warehouse, written once: the key columns, the value columns, and what a row whose key
 * exists already does. Facts and dimensions replace the values ({@code col = VALUES(col)}), rollups add the batch's
 * deltas ({@code col = col + VALUES(col)}). Rows are bound in statements of at most {@value #MAX_PARAMS} parameters.
 */
public final class Upsert {

    /** Parameters per statement: well below MySQL's 65,535 limit, large enough to amortise round trips. */
    static final int MAX_PARAMS = 12_000;

    private enum OnDuplicate { FAIL, IGNORE, REPLACE, ADD }

    private final String table;
    private final List<String> columns;
    private final List<String> values;
    private final OnDuplicate onDuplicate;

    private Upsert(String table, List<String> keys, List<String> values, OnDuplicate onDuplicate) {
        this.table = table;
        this.columns = Stream.concat(keys.stream(), values.stream()).toList();
        this.values = values;
        this.onDuplicate = onDuplicate;
    }

    /** A row whose key exists takes the new row's values (an entity's current state). */
    public static Upsert replacing(String table, List<String> keys, String... values) {
        return new Upsert(table, keys, List.of(values), OnDuplicate.REPLACE);
    }

    /** A row whose key exists gets the new row's values added (rollup deltas, which may be negative). */
    public static Upsert adding(String table, List<String> keys, String... sums) {
        return new Upsert(table, keys, List.of(sums), OnDuplicate.ADD);
    }

    /** A plain insert: a row whose key exists is an error. */
    public static Upsert inserting(String table, String... columns) {
        return new Upsert(table, List.of(columns), List.of(), OnDuplicate.FAIL);
    }

    /** A row whose key exists is left as it is. */
    public static Upsert ignoring(String table, String... columns) {
        return new Upsert(table, List.of(columns), List.of(), OnDuplicate.IGNORE);
    }

    public int columns() {
        return columns.size();
    }

    /** Rows bound per statement, so that no statement exceeds {@link #MAX_PARAMS} parameters. */
    int rowsPerStatement() {
        return Math.max(1, MAX_PARAMS / columns.size());
    }

    /** The statement for {@code rows} rows. */
    public String statement(int rows) {
        String head = (onDuplicate == OnDuplicate.IGNORE ? "INSERT IGNORE INTO " : "INSERT INTO ") + table + " ("
                + String.join(", ", columns) + ") VALUES " + Sql.placeholders(columns.size(), rows);
        return switch (onDuplicate) {
            case FAIL, IGNORE -> head;
            case REPLACE -> head + " ON DUPLICATE KEY UPDATE " + values.stream()
                    .map(c -> c + " = VALUES(" + c + ")").collect(Collectors.joining(", "));
            case ADD -> head + " ON DUPLICATE KEY UPDATE " + values.stream()
                    .map(c -> c + " = " + c + " + VALUES(" + c + ")").collect(Collectors.joining(", "));
        };
    }

    /** Writes the rows (each with {@link #columns()} values, keys first) in as few statements as the limit allows. */
    public Uni<Void> write(SqlClient client, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int width = columns.size();
        int perStatement = rowsPerStatement();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int start = 0; start < rows.size(); start += perStatement) {
            List<Object[]> chunk = rows.subList(start, Math.min(rows.size(), start + perStatement));
            String sql = statement(chunk.size());
            List<Object> params = new ArrayList<>(chunk.size() * width);
            for (Object[] row : chunk) {
                if (row.length != width) {
                    throw new IllegalArgumentException(table + " takes " + width + " values per row, not " + row.length);
                }
                params.addAll(java.util.Arrays.asList(row));
            }
            chain = chain.chain(() -> client.preparedQuery(sql).execute(Tuple.from(params)).replaceWithVoid());
        }
        return chain;
    }
}
