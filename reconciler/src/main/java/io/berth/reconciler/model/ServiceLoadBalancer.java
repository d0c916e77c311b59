package io.berth.reconciler.model;

/**
 * A service's entry in a target group (ECS's {@code loadBalancers} of a service): each of its tasks is registered
 * in {@code targetGroup} with the host port that publishes {@code containerName}'s {@code containerPort}.
 */
public record ServiceLoadBalancer(String targetGroup, String containerName, int containerPort) {

    /** ECS's limit of target groups per service. */
    public static final int MAX_PER_SERVICE = 5;
}
