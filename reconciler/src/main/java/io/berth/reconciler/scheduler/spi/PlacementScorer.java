package io.berth.reconciler.scheduler.spi;

import java.util.Collection;

/**
 * A soft preference among feasible instances: higher is better. Scorers are chained like ECS placement
 * strategies: the first decides, the next breaks its ties.
 */
public interface PlacementScorer {

    double score(TaskRequirements task, InstanceLoad instance);

    /**
     * The scorer for one decision, given the whole cluster as it is before it. Scorers that need cluster-wide
     * figures (tasks per zone) compute them here, once per decision rather than once per instance.
     */
    default PlacementScorer prepare(TaskRequirements task, Collection<InstanceLoad> cluster) {
        return this;
    }
}
