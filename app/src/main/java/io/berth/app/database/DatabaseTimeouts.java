package io.berth.app.database;

import java.time.Duration;

/**
 * berth.database.*: server-side bounds on every statement of the connection pool the control loop and the API share,
 * so that no pass or request waits without bound on the database (a lock held by a stuck session, a runaway query).
 * Zero turns a bound off. Migrations run on connections of their own without them ({@link StatementTimeouts}).
 *
 * @param statementTimeout PostgreSQL {@code statement_timeout}: a statement running longer is cancelled (SQLState
 *                         57014) and its transaction rolled back; shorter than the pass timeout
 * @param lockTimeout      PostgreSQL {@code lock_timeout}: a statement waiting longer for a row or table lock fails
 *                         (SQLState 55P03)
 */
public record DatabaseTimeouts(Duration statementTimeout, Duration lockTimeout) {

    public DatabaseTimeouts {
        statementTimeout = statementTimeout == null ? Duration.ofSeconds(30) : statementTimeout;
        lockTimeout = lockTimeout == null ? Duration.ofSeconds(10) : lockTimeout;
        if (statementTimeout.isNegative() || lockTimeout.isNegative()) {
            throw new IllegalArgumentException("berth.database.statement-timeout and lock-timeout must not be negative");
        }
    }

    /** The libpq {@code options} that set them for every session of the pool. */
    String sessionOptions() {
        return "-c statement_timeout=" + statementTimeout.toMillis() + " -c lock_timeout=" + lockTimeout.toMillis();
    }
}
