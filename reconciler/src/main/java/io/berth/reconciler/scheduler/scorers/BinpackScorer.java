package io.berth.reconciler.scheduler.scorers;

import io.berth.reconciler.scheduler.spi.InstanceLoad;
import io.berth.reconciler.scheduler.spi.PlacementScorer;
import io.berth.reconciler.scheduler.spi.TaskRequirements;

/** ECS "binpack": prefer the instance with the least of a resource left, so whole hosts stay free. */
public final class BinpackScorer implements PlacementScorer {

    public enum Field { CPU, MEMORY }

    private final Field field;

    public BinpackScorer(Field field) {
        this.field = field;
    }

    /** The resource this scorer packs (the indexed decision reads it: {@code IndexedDecider}). */
    public Field field() {
        return field;
    }

    @Override
    public double score(TaskRequirements task, InstanceLoad instance) {
        return switch (field) {
            case CPU -> -(instance.freeCpu() - task.cpu());
            case MEMORY -> -(instance.freeMemory() - task.memory());
        };
    }
}
