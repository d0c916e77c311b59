package io.berth.reconciler.taskwork;

import java.time.Instant;

/**
 * ECS's pullStartedAt / pullStoppedAt of a task: from the start of its first image pull to the end of its last. Only
 * pulls that happened count: a launch whose images were all used from the host's cache has no window (null), so
 * the task's fields stay null, as ECS leaves them when the agent did not pull.
 */
record PullWindow(Instant startedAt, Instant stoppedAt) {

    /** {@code window} (null = none yet) widened by one pull from {@code start} to {@code stop}. */
    static PullWindow widen(PullWindow window, Instant start, Instant stop) {
        if (window == null) {
            return new PullWindow(start, stop);
        }
        return new PullWindow(start.isBefore(window.startedAt) ? start : window.startedAt,
                stop.isAfter(window.stoppedAt) ? stop : window.stoppedAt);
    }
}
