package io.berth.db.tx;

/** Every try of a read-change-save ({@link OptimisticRetry}) found the row changed by another writer meanwhile. */
public final class RowKeptChangingException extends RuntimeException {

    public RowKeptChangingException(String what, int attempts, Throwable last) {
        super(what + " kept changing under concurrent writes (" + attempts + " tries); try again", last);
    }
}
