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
 * @param answering  Berth could list the host's HAProxy containers this pass; a silent host is known only as an
 *                   address its targets may still be reached at: nothing is started or removed there
 */
public record BalancerHost(UUID instanceId, String address, Map<String, String> attributes, boolean answering) {

    public BalancerHost {
        Objects.requireNonNull(instanceId, "instanceId");
        attributes = Map.copyOf(attributes);
    }

    public BalancerHost(UUID instanceId, String address, Map<String, String> attributes) {
        this(instanceId, address, attributes, true);
    }
}
