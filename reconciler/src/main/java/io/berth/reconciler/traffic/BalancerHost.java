package io.berth.reconciler.traffic;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A container instance as the traffic planner sees it.
 *
 * @param address    how HAProxy on another host reaches ports this host publishes; null when it cannot (an engine
 *                   reached over a local socket): its targets are then served only by its own load balancer
 * @param attributes what a load balancer's placement expression asks about (custom and built-in attributes)
 */
public record BalancerHost(UUID instanceId, String address, Map<String, String> attributes) {

    public BalancerHost {
        Objects.requireNonNull(instanceId, "instanceId");
        attributes = Map.copyOf(attributes);
    }
}
