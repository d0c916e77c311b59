package io.berth.db.tx;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A read-change-save of a versioned row ({@code @Version}) in a transaction of its own, run again on fresh data when
 * another writer moved the row's version between the read and the save. For rows many writers touch for unrelated
 * reasons, such as a container instance: the instance pass's heartbeat (connected, last seen),
 * a user setting its status, a registration refreshing what the engine says about itself. Each writer changes its own
 * columns (the entity is {@code @DynamicUpdate}), so running the change again on the fresh row loses nothing.
 *
 * <p>Inside a transaction that is already active the work runs once and a collision propagates: the row was read
 * under that transaction, so only the caller can run it again (the apply does, as a whole).
 */
public final class OptimisticRetry {

    /** Enough for a row that a few writers touch every few seconds; a row that keeps moving is answered 409. */
    public static final int ATTEMPTS = 5;

    private OptimisticRetry() {
    }

    /**
     * @param what names the row for the error, e.g. "container instance 3f2a…"
     * @throws RowKeptChangingException when every one of {@link #ATTEMPTS} tries collided
     */
    public static <T> T inTransaction(TransactionTemplate tx, String what, TransactionCallback<T> work) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return tx.execute(work);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return tx.execute(work);
            } catch (OptimisticLockingFailureException e) {
                if (attempt >= ATTEMPTS) {
                    throw new RowKeptChangingException(what, ATTEMPTS, e);
                }
            }
        }
    }
}
