package org.mdms.imaging.support;

import io.vertx.mysqlclient.MySQLClient;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;

/** The AUTO_INCREMENT value MySQL/MariaDB returned for an INSERT. */
public final class SqlIds {

    private SqlIds() {
    }

    public static long lastInsertedId(RowSet<Row> rows) {
        io.vertx.sqlclient.RowSet<io.vertx.sqlclient.Row> delegate = rows.getDelegate();
        return delegate.property(MySQLClient.LAST_INSERTED_ID);
    }
}
