package io.berth.reconciler.traffic;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A load balancer: HAProxy run on each container instance its placement selects, with the given listeners.
 *
 * @param placement a cluster query language expression choosing the instances; empty means all of them. Kept as
 *                  text here (it was parsed when the manifest was read); the scheduler's parser evaluates it.
 */
public record LoadBalancer(String name, Optional<String> placement, List<Listener> listeners) {

    /** ELBv2's limit of listeners per load balancer (50). */
    public static final int MAX_LISTENERS = 50;

    public LoadBalancer {
        TrafficNames.require("load balancer name", name, TrafficNames.nameProblem(name));
        listeners = List.copyOf(listeners);
        if (listeners.isEmpty() || listeners.size() > MAX_LISTENERS) {
            throw new IllegalArgumentException("a load balancer has 1 to " + MAX_LISTENERS + " listeners");
        }
        Set<Integer> ports = new HashSet<>();
        for (Listener l : listeners) {
            if (!ports.add(l.port())) {
                throw new IllegalArgumentException("listener port " + l.port() + " is given twice");
            }
        }
    }

    /** Every target group a listener sends traffic to, in first-use order. */
    public List<String> targetGroupNames() {
        Set<String> names = new java.util.LinkedHashSet<>();
        for (Listener l : listeners) {
            names.add(l.defaultTargetGroup());
            l.rules().forEach(r -> names.add(r.targetGroup()));
        }
        return List.copyOf(names);
    }
}
