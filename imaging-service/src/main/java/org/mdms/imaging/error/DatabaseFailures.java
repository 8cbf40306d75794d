package org.mdms.imaging.error;

import java.net.ConnectException;

/** Tells "the database is unreachable" apart from a bug, so callers can answer 503 instead of 500. */
public final class DatabaseFailures {

    private DatabaseFailures() {
    }

    public static boolean isConnectionProblem(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String name = c.getClass().getName();
            String message = String.valueOf(c.getMessage()).toLowerCase();
            if (c instanceof ConnectException
                    || name.startsWith("io.vertx.sqlclient.ClosedConnectionException")
                    || name.contains("ConnectTimeoutException")
                    || message.contains("connection refused")
                    || message.contains("connection reset")
                    || message.contains("connection is closed")
                    || message.contains("closed connection")
                    || message.contains("failed to connect")
                    || message.contains("timeout")) {
                return true;
            }
        }
        return false;
    }
}
