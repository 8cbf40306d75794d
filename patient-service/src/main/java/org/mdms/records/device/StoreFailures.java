package org.mdms.records.device;

import io.vertx.mysqlclient.MySQLException;

import java.util.Set;

/**
 * Why a record of the readings topic was not stored, and whether trying again can help. Permanent: the record is
 * unreadable, or MariaDB refused the data itself (the same rows would be refused again). Everything else is
 * transient and retried (database down, pool exhausted, lock wait, deadlock, a table missing during an upgrade, a
 * duplicate key raced by another replica, which the next try's duplicate look-up drops): when in doubt, wait
 * rather than set readings aside.
 */
final class StoreFailures {

    /** MariaDB error codes about the values of the rows, not the state of the database. */
    private static final Set<Integer> REFUSED_DATA = Set.of(
            1048, // a column that cannot be null
            1264, // out of range value (strict mode)
            1265, // data truncated
            1292, // incorrect date or time value
            1366, // incorrect value for the column
            1406, // data too long for the column
            1452, // a foreign key refers to no row
            3819, // CHECK constraint violated (MySQL's code)
            4025); // CHECK constraint failed (MariaDB's code)

    private StoreFailures() {
    }

    static boolean permanent(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnreadableRecord) {
                return true;
            }
            if (cause instanceof MySQLException sql) {
                return REFUSED_DATA.contains(sql.getErrorCode());
            }
        }
        return false;
    }

    static boolean transientFailure(Throwable failure) {
        return !permanent(failure);
    }

    /** The reason kept with a set-aside record: MariaDB's own message (with its code), or why it is unreadable. */
    static String reason(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnreadableRecord) {
                return "unreadable: " + cause.getMessage();
            }
            if (cause instanceof MySQLException sql) {
                return "refused by the database (error " + sql.getErrorCode() + ", SQLSTATE " + sql.getSqlState()
                        + "): " + sql.getMessage();
            }
        }
        return failure.toString();
    }

    /** The counter's tag: unreadable or refused. */
    static String kind(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnreadableRecord) {
                return "unreadable";
            }
        }
        return "refused";
    }
}
