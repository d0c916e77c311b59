package io.berth.reconciler.scheduler.scorers;

import io.berth.reconciler.scheduler.spi.InstanceLoad;
import io.berth.reconciler.scheduler.spi.PlacementScorer;
import io.berth.reconciler.scheduler.spi.TaskRequirements;

/**
 * ECS "random". It scores every instance alike: the scheduler picks uniformly among the instances still tied when
 * it reaches this scorer (with its own injected random source), and scorers after it have nothing left to decide.
 */
public final class RandomScorer implements PlacementScorer {

    @Override
    public double score(TaskRequirements task, InstanceLoad instance) {
        return 0;
    }
}
