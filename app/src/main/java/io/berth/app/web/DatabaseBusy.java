package io.berth.app.web;

import java.sql.SQLException;
import java.util.Set;

/**
 * Tells a statement the database gave up on from any other failure: the statement or lock timeout Berth sets on
 * every pooled connection ({@code berth.database.*}), a serialization failure or a deadlock. The transaction was
 * rolled back, so the request changed nothing and may be retried; it is the server being busy, not the request
 * being wrong, nor a bug — a 503 with Retry-After, like an unreachable database.
 */
final class DatabaseBusy {

    /**
     * 57014 query_canceled (statement_timeout), 55P03 lock_not_available (lock_timeout), 40001
     * serialization_failure, 40P01 deadlock_detected.
     */
    private static final Set<String> STATES = Set.of("57014", "55P03", "40001", "40P01");
    private static final int MAX_CAUSES = 16;

    private DatabaseBusy() {
    }

    static boolean isCause(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_CAUSES; depth++, t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && STATES.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
