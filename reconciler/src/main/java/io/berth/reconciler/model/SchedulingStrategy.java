package io.berth.reconciler.model;

/**
 * How a service decides how many tasks it runs and where (ECS {@code schedulingStrategy}).
 * <ul>
 *     <li>{@link #REPLICA}: {@code desiredCount} tasks, placed by the placement strategies.</li>
 *     <li>{@link #DAEMON}: one task on every ACTIVE container instance of the cluster that meets the placement
 *     constraints, as Swarm's global services, Nomad's system jobs and Kubernetes' DaemonSets; the desired count is
 *     the number of such instances.</li>
 * </ul>
 */
public enum SchedulingStrategy {
    REPLICA,
    DAEMON
}
