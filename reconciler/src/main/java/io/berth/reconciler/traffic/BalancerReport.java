package io.berth.reconciler.traffic;

import java.util.Objects;
import java.util.UUID;

/**
 * What one running HAProxy container said when asked for its statistics.
 *
 * @param report null when it did not answer (exec failed or timed out): what it said before still stands
 */
public record BalancerReport(String containerId, UUID instanceId, String loadBalancer, HaproxyStatsReport report) {

    public BalancerReport {
        Objects.requireNonNull(containerId, "containerId");
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(loadBalancer, "loadBalancer");
    }

    public boolean answered() {
        return report != null;
    }
}
