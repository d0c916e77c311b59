package io.berth.reconciler.model;

import java.util.Optional;

/** What auto scaling tracks (ECS's predefined metrics). */
public enum ScalingMetric {
    /** ECSServiceAverageCPUUtilization: percent of the tasks' cpu reservation. */
    CPU("cpu", "%"),
    /** ECSServiceAverageMemoryUtilization: percent of the tasks' memory reservation. */
    MEMORY("memory", "%"),
    /** ALBRequestCountPerTarget: requests a minute per registered target of a target group. */
    REQUESTS_PER_TARGET("requestsPerTarget", " req/min");

    private final String manifestName;
    private final String unit;

    ScalingMetric(String manifestName, String unit) {
        this.manifestName = manifestName;
        this.unit = unit;
    }

    public String manifestName() {
        return manifestName;
    }

    /** How a figure of it is written in an event: "91 %", "120 req/min". */
    public String unit() {
        return unit.equals("%") ? " %" : unit;
    }

    public static Optional<ScalingMetric> parse(String name) {
        for (ScalingMetric m : values()) {
            if (m.manifestName.equals(name)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
