package io.berth.app.web;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

/**
 * Tells a failure caused by the database being unreachable (down, restarting, a network blip, the pool timing out)
 * from any other: such a request changed nothing (its transaction never committed) and may simply be retried.
 */
final class DatabaseUnavailable {

    /** About how long a PostgreSQL restart or a short network blip lasts. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    /** SQLSTATE class 08: connection exception; 57P01-57P03: the server is shutting down or starting. */
    private static final String CONNECTION_CLASS = "08";
    private static final int MAX_CAUSES = 16;
    /**
     * HikariCP's message on a pooled connection it already closed, without a SQLSTATE: it evicts a connection the
     * moment the database breaks it. A transaction interrupted by a PostgreSQL restart fails on its statement (08006),
     * then its rollback fails on that closed connection, and the rollback's error ("Unable to rollback against JDBC
     * Connection") is what reaches us — it replaces the first. Nothing was committed: the server aborts a transaction
     * whose session ended.
     */
    private static final String POOL_CLOSED_CONNECTION = "Connection is closed";

    private DatabaseUnavailable() {
    }

    static boolean isCause(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_CAUSES; depth++, t = t.getCause()) {
            if (t instanceof CannotCreateTransactionException || t instanceof DataAccessResourceFailureException
                    || t instanceof TransientDataAccessResourceException || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith(CONNECTION_CLASS) || sql.getSQLState().startsWith("57P0"))) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() == null && POOL_CLOSED_CONNECTION.equals(sql.getMessage())) {
                return true;
            }
        }
        return false;
    }
}
