package io.berth.app.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The retention arithmetic, apart from the job that runs it: events before {@link #cutoff} are due for deletion. */
record Retention(Duration keep) {

    /** The oldest instant kept; never before the epoch, so that an absurdly long retention deletes nothing. */
    Instant cutoff(Clock clock) {
        Instant now = clock.instant();
        Instant epoch = Instant.EPOCH;
        return Duration.between(epoch, now).compareTo(keep) <= 0 ? epoch : now.minus(keep);
    }

    /** Whether an event that occurred at {@code at} is kept. */
    boolean keeps(Instant at, Clock clock) {
        return !at.isBefore(cutoff(clock));
    }
}
