package io.berth.reconciler.model;

import java.util.List;

/**
 * A service's auto scaling (ECS Application Auto Scaling): the loop moves its desired count between
 * {@code minCount} and {@code maxCount} by its policies; the manifest's desiredCount is then only the first value.
 */
public record AutoScaling(int minCount, int maxCount, List<TargetTracking> targetTracking,
                          List<StepScaling> stepScaling) {

    public AutoScaling {
        targetTracking = targetTracking == null ? List.of() : List.copyOf(targetTracking);
        stepScaling = stepScaling == null ? List.of() : List.copyOf(stepScaling);
    }

    /**
     * {@code count} moved into [minCount, maxCount].
     *
     * <p>Worked: min 2, max 10: 0 → 2, 5 → 5, 12 → 10.
     */
    public int clamp(int count) {
        return Math.max(minCount, Math.min(maxCount, count));
    }
}
