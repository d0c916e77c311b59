package io.berth.reconciler.scheduler;

/**
 * A soft preference among feasible instances: higher is better. Scorers are chained like ECS placement
 * strategies: the first decides, the next breaks its ties.
 */
public interface PlacementScorer {

    double score(TaskRequirements task, InstanceLoad instance);
}
