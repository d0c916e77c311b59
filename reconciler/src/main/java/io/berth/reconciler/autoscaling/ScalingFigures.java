package io.berth.reconciler.autoscaling;

import io.berth.reconciler.model.ScalingMetric;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * What auto scaling decides on: the service's metrics over the window (a negative figure: not known).
 *
 * @param samples           readings behind cpu and memory
 * @param requestsPerTarget per target group: requests a minute per registered target
 * @param partial           cpu and memory rest on some of the service's tasks only (one just started, one not read
 *                          yet): good enough to add tasks, not to remove any
 */
public record ScalingFigures(double cpu, double memory, int samples, Map<String, Double> requestsPerTarget,
                             boolean partial) {

    public static final ScalingFigures NONE = new ScalingFigures(-1, -1, 0, Map.of());

    public ScalingFigures {
        requestsPerTarget = Map.copyOf(requestsPerTarget);
    }

    /** Figures of every task. */
    public ScalingFigures(double cpu, double memory, int samples, Map<String, Double> requestsPerTarget) {
        this(cpu, memory, samples, requestsPerTarget, false);
    }

    /** The metric's figure; empty when not known. */
    public OptionalDouble of(ScalingMetric metric, String targetGroup) {
        double v = switch (metric) {
            case CPU -> cpu;
            case MEMORY -> memory;
            case REQUESTS_PER_TARGET -> requestsPerTarget.getOrDefault(targetGroup, -1.0);
        };
        return v < 0 ? OptionalDouble.empty() : OptionalDouble.of(v);
    }
}
