package io.berth.reconciler.scheduler.filters;

import io.berth.reconciler.scheduler.spi.InstanceLoad;
import io.berth.reconciler.scheduler.spi.PlacementFilter;
import io.berth.reconciler.scheduler.spi.TaskRequirements;

import java.util.List;

/** Only ACTIVE, connected instances take new tasks. */
public final class SchedulableFilter implements PlacementFilter {

    @Override
    public boolean accepts(TaskRequirements task, InstanceLoad instance) {
        return instance.schedulable();
    }

    @Override
    public String explain(TaskRequirements task, List<InstanceLoad> rejected) {
        return rejected.size() == 1 ? "is not active or not connected" : "are not active or not connected";
    }
}
