package io.berth.reconciler.pass;

import io.berth.reconciler.store.StateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;

/**
 * Deletes the records of tasks STOPPED for longer than the retention (ECS keeps stopped tasks describable for about
 * an hour). Level-triggered: each resync deletes what is due, a bounded batch at a time, so a large backlog goes
 * over a few resyncs instead of in one long transaction.
 */
public final class TaskRecordRetention {

    private static final Logger log = LoggerFactory.getLogger(TaskRecordRetention.class);
    static final int BATCH = 500;

    private final StateStore store;
    private final Clock clock;
    private final Duration retention;

    public TaskRecordRetention(StateStore store, Clock clock, Duration retention) {
        this.store = store;
        this.clock = clock;
        this.retention = retention;
    }

    /** @return how many task records were deleted */
    public int collect() {
        int deleted = store.deleteTasksStoppedBefore(clock.instant().minus(retention), BATCH);
        if (deleted > 0) {
            log.info("deleted {} task records stopped more than {} ago", deleted, retention);
        }
        return deleted;
    }
}
