package io.berth.reconciler.scheduler.filters;

import io.berth.reconciler.scheduler.spi.InstanceLoad;
import io.berth.reconciler.scheduler.spi.PlacementFilter;
import io.berth.reconciler.scheduler.spi.TaskRequirements;

import java.util.List;

/** The instance must have the task's memory reservation unreserved. */
public final class MemoryFilter implements PlacementFilter {

    @Override
    public boolean accepts(TaskRequirements task, InstanceLoad instance) {
        return instance.freeMemory() >= task.memory();
    }

    @Override
    public String explain(TaskRequirements task, List<InstanceLoad> rejected) {
        int largest = rejected.stream().mapToInt(InstanceLoad::freeMemory).max().orElse(0);
        return "lack memory (need %d MiB, largest free %d MiB)".formatted(task.memory(), Math.max(0, largest));
    }
}
