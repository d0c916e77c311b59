package io.berth.reconciler.plan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What the load balancers last said about a service's tasks: pure input of a service pass, taken from the traffic
 * passes' reports ({@code show stat} of the HAProxies) by the pass that builds the snapshot.
 *
 * @param targetGroups the service's target groups that a load balancer checks, in the service's order; empty for a
 *                     service behind no load balancer (its tasks are judged by their containers alone)
 * @param states       per task, per target group: the target's state as last reported ({@code initial},
 *                     {@code healthy}, {@code unhealthy}, {@code draining}, {@code unavailable}); a missing entry
 *                     means no report (the balancer has not checked it yet, or could not be asked)
 */
public record LoadBalancerFacts(List<String> targetGroups, Map<UUID, Map<String, String>> states) {

    /** A service behind no load balancer. */
    public static final LoadBalancerFacts NONE = new LoadBalancerFacts(List.of(), Map.of());

    public LoadBalancerFacts {
        targetGroups = List.copyOf(targetGroups);
        Map<UUID, Map<String, String>> copy = new LinkedHashMap<>();
        states.forEach((task, byGroup) -> copy.put(task, Map.copyOf(byGroup)));
        states = Map.copyOf(copy);
    }

    /** The target's last reported state in a group; empty when there is no report. */
    public Optional<String> stateOf(UUID taskId, String targetGroup) {
        return Optional.ofNullable(states.getOrDefault(taskId, Map.of()).get(targetGroup));
    }

    private static final List<String> PRECEDENCE = List.of("draining", "unhealthy", "unavailable", "initial", "healthy");

    /**
     * Of two reports on one target in one group (a group used by several load balancers), the one that needs
     * attention first: healthy only when both say so, as a client may meet either.
     */
    public static String firstNeedingAttention(String a, String b) {
        return rank(b) < rank(a) ? b : a;
    }

    private static int rank(String state) {
        int i = PRECEDENCE.indexOf(state);
        return i < 0 ? PRECEDENCE.indexOf("unavailable") : i;
    }

    public boolean behindLoadBalancer() {
        return !targetGroups.isEmpty();
    }
}
