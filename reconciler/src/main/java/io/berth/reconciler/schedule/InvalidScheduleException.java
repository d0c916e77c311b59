package io.berth.reconciler.schedule;

/** A schedule expression or time zone that cannot be used; the message says why, for the 4xx that names the field. */
public final class InvalidScheduleException extends IllegalArgumentException {

    public InvalidScheduleException(String message) {
        super(message);
    }
}
