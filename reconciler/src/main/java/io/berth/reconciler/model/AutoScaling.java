package io.berth.reconciler.model;

import java.util.List;

/**
 * A service's auto scaling (ECS Application Auto Scaling): the loop moves its desired count between
 * {@code minCount} and {@code maxCount} by its policies; the manifest's desiredCount is then only the first value.
 * Scheduled actions move that range itself at their times ({@link ScheduledScalingAction}).
 */
public record AutoScaling(int minCount, int maxCount, List<TargetTracking> targetTracking,
                          List<StepScaling> stepScaling, List<ScheduledScalingAction> scheduled) {

    public AutoScaling {
        targetTracking = targetTracking == null ? List.of() : List.copyOf(targetTracking);
        stepScaling = stepScaling == null ? List.of() : List.copyOf(stepScaling);
        scheduled = scheduled == null ? List.of() : List.copyOf(scheduled);
    }

    /** Without scheduled actions. */
    public AutoScaling(int minCount, int maxCount, List<TargetTracking> targetTracking,
                       List<StepScaling> stepScaling) {
        this(minCount, maxCount, targetTracking, stepScaling, List.of());
    }

    /** The same policies inside another range (the one scheduled actions set). */
    public AutoScaling withRange(int min, int max) {
        return new AutoScaling(min, max, targetTracking, stepScaling, scheduled);
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
