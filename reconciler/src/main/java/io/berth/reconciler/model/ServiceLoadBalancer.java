package io.berth.reconciler.model;

/**
 * A service's entry in a target group (ECS's {@code loadBalancers} of a service): each of its tasks is registered
 * in {@code targetGroup} with the host port that publishes {@code containerName}'s {@code containerPort}.
 */
public record ServiceLoadBalancer(String targetGroup, String containerName, int containerPort) {

    /** ECS's limit of target groups per service. */
    public static final int MAX_PER_SERVICE = 5;

    /**
     * The host port a task's container publishes this entry's container port on (tcp), while that container is
     * recorded RUNNING: what registers the task in the target group. Empty when there is none.
     */
    public java.util.Optional<Integer> hostPortOf(Task t) {
        for (TaskContainer c : t.containers()) {
            if (!c.name().equals(containerName) || c.lastStatus() != TaskStatus.RUNNING) {
                continue;
            }
            for (PortMapping p : c.hostPorts()) {
                if (p.containerPort() == containerPort && "tcp".equals(p.protocol()) && p.hostPort() > 0) {
                    return java.util.Optional.of(p.hostPort());
                }
            }
        }
        return java.util.Optional.empty();
    }
}
