package io.berth.reconciler.scheduler.scorers;

import io.berth.reconciler.scheduler.InstanceLoad;
import io.berth.reconciler.scheduler.PlacementScorer;
import io.berth.reconciler.scheduler.TaskRequirements;

/** ECS "spread by instanceId": prefer the instance running the fewest tasks of the same group. */
public final class SpreadScorer implements PlacementScorer {

    @Override
    public double score(TaskRequirements task, InstanceLoad instance) {
        return -instance.tasksOf(task.group());
    }
}
