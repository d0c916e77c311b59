package io.berth.reconciler.model;

import io.berth.reconciler.scheduler.placement.Placement;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A stored service: its resolved task definition revision, desired count and rollout settings.
 *
 * @param deleting    the user deleted it: scale to zero, then remove the row
 * @param deployments the PRIMARY and ACTIVE deployments and the newest COMPLETED one (what a rollback returns to);
 *                    empty for services stored before deployments existed
 * @param placement   the service's placement strategies and constraints
 * @param schedulingStrategy REPLICA, or DAEMON: one task per eligible instance, whatever {@code desiredCount} says
 */
public record ServiceState(UUID id, String cluster, String name, TaskDefinition taskDefinition, int desiredCount,
                           boolean deleting, Duration healthCheckGracePeriod, DeploymentConfig deployment,
                           List<Deployment> deployments, Placement placement, SchedulingStrategy schedulingStrategy) {

    public ServiceState(UUID id, String cluster, String name, TaskDefinition taskDefinition, int desiredCount,
                        boolean deleting, Duration healthCheckGracePeriod, DeploymentConfig deployment,
                        List<Deployment> deployments, Placement placement) {
        this(id, cluster, name, taskDefinition, desiredCount, deleting, healthCheckGracePeriod, deployment, deployments,
                placement, SchedulingStrategy.REPLICA);
    }

    public ServiceState {
        healthCheckGracePeriod = healthCheckGracePeriod == null ? Duration.ZERO : healthCheckGracePeriod;
        deployment = deployment == null ? DeploymentConfig.defaults() : deployment;
        deployments = deployments == null ? List.of() : List.copyOf(deployments);
        placement = placement == null ? Placement.SERVICE_DEFAULT : placement;
        schedulingStrategy = schedulingStrategy == null ? SchedulingStrategy.REPLICA : schedulingStrategy;
    }

    public boolean isDaemon() {
        return schedulingStrategy == SchedulingStrategy.DAEMON;
    }

    /** The same service wanting {@code value} tasks (a daemon's count is the number of its eligible instances). */
    public ServiceState withDesiredCount(int value) {
        return new ServiceState(id, cluster, name, taskDefinition, value, deleting, healthCheckGracePeriod,
                deployment, deployments, placement, schedulingStrategy);
    }

    /** The same service scheduled another way. */
    public ServiceState withSchedulingStrategy(SchedulingStrategy value) {
        return new ServiceState(id, cluster, name, taskDefinition, desiredCount, deleting, healthCheckGracePeriod,
                deployment, deployments, placement, value);
    }

    public ServiceState(UUID id, String cluster, String name, TaskDefinition taskDefinition, int desiredCount,
                        boolean deleting, Duration healthCheckGracePeriod, DeploymentConfig deployment,
                        List<Deployment> deployments) {
        this(id, cluster, name, taskDefinition, desiredCount, deleting, healthCheckGracePeriod, deployment, deployments,
                Placement.SERVICE_DEFAULT);
    }

    /** The same service placed differently. */
    public ServiceState withPlacement(Placement value) {
        return new ServiceState(id, cluster, name, taskDefinition, desiredCount, deleting, healthCheckGracePeriod,
                deployment, deployments, value, schedulingStrategy);
    }

    /** What placing one of its tasks must respect: the service's placement plus the task definition's constraints. */
    public Placement effectivePlacement() {
        return placement.withMoreConstraints(taskDefinition.spec().placementConstraints());
    }

    public ServiceState(UUID id, String cluster, String name, TaskDefinition taskDefinition, int desiredCount,
                        boolean deleting, Duration healthCheckGracePeriod, DeploymentConfig deployment) {
        this(id, cluster, name, taskDefinition, desiredCount, deleting, healthCheckGracePeriod, deployment, List.of());
    }

    /** A service with the default rollout settings. */
    public ServiceState(UUID id, String cluster, String name, TaskDefinition taskDefinition, int desiredCount, boolean deleting) {
        this(id, cluster, name, taskDefinition, desiredCount, deleting, Duration.ZERO, DeploymentConfig.defaults(), List.of());
    }

    public Optional<Deployment> primary() {
        return deployments.stream().filter(d -> d.status() == Deployment.Status.PRIMARY).findFirst();
    }

    /** Whether a task belongs to what the service runs now: its primary deployment, or (no deployments) its revision. */
    public boolean isCurrent(Task task) {
        return primary().map(p -> p.id().equals(task.deploymentId()))
                .orElse(task.taskDefinitionArn().equals(taskDefinition.arn()));
    }
}
