package io.berth.reconciler.scheduler;

import io.berth.reconciler.scheduler.spi.InstanceLoad;

/**
 * Chooses, task after task within one {@link Scheduler#place} call, the instance a task goes to. The scheduler owns
 * the working array of instance loads; a decider reads it and is told of every placement, so that one kept up to date
 * incrementally ({@link IndexedDecider}) and one that looks at every instance each time ({@link ScanDecider}) see the
 * same state.
 */
interface PlacementDecider {

    /** Index into the working array of the best feasible instance for the next task, or -1 when there is none. */
    int best();

    /**
     * The task chosen by the last {@link #best()} was placed at {@code at}: the working array now holds {@code after}
     * there instead of {@code before}.
     */
    void placed(int at, InstanceLoad before, InstanceLoad after);
}
