package io.berth.reconciler.traffic;

import java.util.List;
import java.util.UUID;

/**
 * What one traffic pass does to the HAProxy containers of a cluster, and what it could not do (load balancers whose
 * configuration cannot be rendered, said in words for the log).
 */
public record TrafficPlan(List<Action> actions, List<String> problems) {

    public TrafficPlan {
        actions = List.copyOf(actions);
        problems = List.copyOf(problems);
    }

    public sealed interface Action {
        UUID instanceId();
    }

    /** Create an HAProxy container for the load balancer on the instance, write its configuration, start it. */
    public record StartBalancer(UUID instanceId, String loadBalancer, String config, String configHash)
            implements Action {
    }

    /** Write the new configuration into the running container and have HAProxy reload it without a dropped connection. */
    public record Reconfigure(UUID instanceId, String containerId, String loadBalancer, String config,
                              String configHash) implements Action {
    }

    /** Remove the container (its load balancer was deleted, no longer selects the instance, or it stopped). */
    public record RemoveBalancer(UUID instanceId, String containerId, String reason) implements Action {
    }
}
