package io.berth.reconciler.scheduler.filters;

import io.berth.reconciler.scheduler.spi.InstanceLoad;
import io.berth.reconciler.scheduler.spi.PlacementFilter;
import io.berth.reconciler.scheduler.spi.TaskRequirements;

import java.util.List;

/** The instance must have the task's CPU units unreserved. */
public final class CpuFilter implements PlacementFilter {

    @Override
    public boolean accepts(TaskRequirements task, InstanceLoad instance) {
        return instance.freeCpu() >= task.cpu();
    }

    @Override
    public String explain(TaskRequirements task, List<InstanceLoad> rejected) {
        int largest = rejected.stream().mapToInt(InstanceLoad::freeCpu).max().orElse(0);
        return "lack CPU (need %d units, largest free %d)".formatted(task.cpu(), Math.max(0, largest));
    }
}
