package io.berth.reconciler.model;

import java.time.Duration;
import java.util.List;

/**
 * A step scaling policy: the step whose bounds hold the metric's value says how the desired count changes. Bounds are
 * values of the metric itself (Berth has no separate alarm threshold): {@code lowerBound <= value < upperBound}, a
 * missing bound is open.
 *
 * @param targetGroup for {@link ScalingMetric#REQUESTS_PER_TARGET} only
 * @param cooldown    after a change by this policy, it changes nothing before this has passed
 */
public record StepScaling(ScalingMetric metric, AdjustmentType adjustmentType, List<Step> steps, Duration cooldown,
                          String targetGroup) {

    public static final Duration DEFAULT_COOLDOWN = Duration.ofSeconds(300);

    public StepScaling {
        steps = List.copyOf(steps);
        cooldown = cooldown == null ? DEFAULT_COOLDOWN : cooldown;
    }

    /** How a step's {@code adjustment} is read. */
    public enum AdjustmentType { ChangeInCapacity, PercentChangeInCapacity, ExactCapacity }

    /** @param lowerBound null: no lower bound; @param upperBound null: no upper bound */
    public record Step(Double lowerBound, Double upperBound, int adjustment) {

        public boolean holds(double value) {
            return (lowerBound == null || value >= lowerBound) && (upperBound == null || value < upperBound);
        }
    }
}
