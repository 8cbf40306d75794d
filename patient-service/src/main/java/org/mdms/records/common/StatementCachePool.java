package org.mdms.records.common;

import io.quarkus.reactive.mysql.client.MySQLPoolCreator;
import io.vertx.mysqlclient.MySQLBuilder;
import io.vertx.mysqlclient.MySQLConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnectOptions;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * The reactive pool as Quarkus configures it (quarkus.datasource.reactive.*), with one change: statements up to
 * {@link #CACHED_SQL_LIMIT} characters may be kept prepared (Vert.x keeps only those under 2,048 by default, and
 * Quarkus has no setting for it). The ingest path's multi-row INSERT of 1,000 readings is ~25,000 characters with
 * 11,000 parameters; prepared anew for every batch, the server parses it and sends back one definition per
 * parameter, which the client decodes, before the EXECUTE, and then closes it again.
 */
@Singleton
public class StatementCachePool implements MySQLPoolCreator {

    /** Characters: the ingest INSERT of MeasurementQueries.ROWS_PER_STATEMENT rows fits with room to spare. */
    public static final int CACHED_SQL_LIMIT = 64 * 1024;

    @Override
    public Pool create(Input input) {
        List<SqlConnectOptions> databases = input.mySQLConnectOptionsList().stream()
                .map(options -> (SqlConnectOptions) new MySQLConnectOptions(options)
                        .setPreparedStatementCacheSqlLimit(CACHED_SQL_LIMIT))
                .toList();
        return MySQLBuilder.pool().with(input.poolOptions()).connectingTo(databases).using(input.vertx()).build();
    }
}
