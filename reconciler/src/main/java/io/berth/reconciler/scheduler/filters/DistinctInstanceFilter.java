package io.berth.reconciler.scheduler.filters;

import io.berth.reconciler.scheduler.spi.InstanceLoad;
import io.berth.reconciler.scheduler.spi.PlacementFilter;
import io.berth.reconciler.scheduler.spi.TaskRequirements;

import java.util.List;

/** ECS {@code distinctInstance}: an instance that already runs a task of the group takes no other. */
public final class DistinctInstanceFilter implements PlacementFilter {

    @Override
    public boolean accepts(TaskRequirements task, InstanceLoad instance) {
        return instance.tasksOf(task.group()) == 0;
    }

    @Override
    public String explain(TaskRequirements task, List<InstanceLoad> rejected) {
        return (rejected.size() == 1 ? "already runs" : "already run") + " a task of this group (distinctInstance)";
    }
}
