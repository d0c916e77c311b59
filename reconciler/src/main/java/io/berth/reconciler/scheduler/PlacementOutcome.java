package io.berth.reconciler.scheduler;

import java.util.List;
import java.util.UUID;

/**
 * Where tasks went, and — for those that could not go anywhere — why.
 *
 * @param placements  one instance id per placed task, in order
 * @param unplaced    how many tasks found no instance
 * @param explanation why the first unplaced task found none; null when all were placed
 * @param after       the cluster load with the placed tasks reserved
 */
public record PlacementOutcome(List<UUID> placements, int unplaced, PlacementExplanation explanation, ClusterLoad after) {

    public PlacementOutcome {
        placements = List.copyOf(placements);
    }
}
