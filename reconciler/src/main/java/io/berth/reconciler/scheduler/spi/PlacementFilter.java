package io.berth.reconciler.scheduler.spi;

import java.util.List;

/**
 * A hard constraint: an instance either can take the task or cannot. Filters keep their reasons so that a
 * user can be told why a task was not placed.
 */
public interface PlacementFilter {

    boolean accepts(TaskRequirements task, InstanceLoad instance);

    /**
     * One phrase explaining why these instances (all rejected by this filter) cannot take the task,
     * e.g. "lack memory (need 512 MiB, largest free 256 MiB)". Called with a non-empty list.
     */
    String explain(TaskRequirements task, List<InstanceLoad> rejected);
}
