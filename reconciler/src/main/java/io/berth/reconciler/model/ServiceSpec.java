package io.berth.reconciler.model;

import io.berth.reconciler.scheduler.placement.Placement;

import java.time.Duration;
import java.util.List;

/**
 * A service as the user declares it: keep {@code desiredCount} tasks of a task definition running.
 *
 * @param taskDefinition          as written: "family" (latest ACTIVE revision at apply time) or "family:N"
 * @param healthCheckGracePeriod  health checks of a new task are not believed before this has passed
 * @param deployment              rollout bounds
 * @param placement               placementStrategy and placementConstraints (none declared: the default spread)
 * @param loadBalancers           the target groups its tasks are registered in (none: no load balancer)
 * @param rolloutOnChange         a change of a secret or config its task definition uses starts a new deployment
 *                                (as Swarm and Kubernetes users expect); false: new tasks get the new values
 * @param schedulingStrategy      REPLICA (desiredCount tasks) or DAEMON (one task per eligible instance; its
 *                                desiredCount is 0 here and counted by the planner); null: REPLICA
 * @param autoScaling             null: the desired count is what the manifest says; else the loop moves it and the
 *                                manifest's desiredCount is only the first value
 */
public record ServiceSpec(String taskDefinition, int desiredCount, Duration healthCheckGracePeriod,
                          DeploymentConfig deployment, Placement placement, List<ServiceLoadBalancer> loadBalancers,
                          boolean rolloutOnChange, SchedulingStrategy schedulingStrategy, AutoScaling autoScaling) {

    public ServiceSpec(String taskDefinition, int desiredCount, Duration healthCheckGracePeriod,
                       DeploymentConfig deployment, Placement placement, List<ServiceLoadBalancer> loadBalancers,
                       boolean rolloutOnChange, SchedulingStrategy schedulingStrategy) {
        this(taskDefinition, desiredCount, healthCheckGracePeriod, deployment, placement, loadBalancers,
                rolloutOnChange, schedulingStrategy, null);
    }

    public ServiceSpec(String taskDefinition, int desiredCount, Duration healthCheckGracePeriod,
                       DeploymentConfig deployment, Placement placement, List<ServiceLoadBalancer> loadBalancers,
                       boolean rolloutOnChange) {
        this(taskDefinition, desiredCount, healthCheckGracePeriod, deployment, placement, loadBalancers,
                rolloutOnChange, SchedulingStrategy.REPLICA);
    }

    public ServiceSpec(String taskDefinition, int desiredCount, Duration healthCheckGracePeriod,
                       DeploymentConfig deployment, Placement placement, List<ServiceLoadBalancer> loadBalancers) {
        this(taskDefinition, desiredCount, healthCheckGracePeriod, deployment, placement, loadBalancers, false);
    }

    public ServiceSpec {
        healthCheckGracePeriod = healthCheckGracePeriod == null ? Duration.ZERO : healthCheckGracePeriod;
        deployment = deployment == null ? DeploymentConfig.defaults() : deployment;
        placement = placement == null ? Placement.SERVICE_DEFAULT : placement;
        loadBalancers = loadBalancers == null ? List.of() : List.copyOf(loadBalancers);
        schedulingStrategy = schedulingStrategy == null ? SchedulingStrategy.REPLICA : schedulingStrategy;
    }

    public boolean isDaemon() {
        return schedulingStrategy == SchedulingStrategy.DAEMON;
    }

    public ServiceSpec(String taskDefinition, int desiredCount, Duration healthCheckGracePeriod,
                       DeploymentConfig deployment, Placement placement) {
        this(taskDefinition, desiredCount, healthCheckGracePeriod, deployment, placement, List.of());
    }

    public ServiceSpec(String taskDefinition, int desiredCount, Duration healthCheckGracePeriod,
                       DeploymentConfig deployment) {
        this(taskDefinition, desiredCount, healthCheckGracePeriod, deployment, Placement.SERVICE_DEFAULT);
    }

    public ServiceSpec(String taskDefinition, int desiredCount) {
        this(taskDefinition, desiredCount, Duration.ZERO, DeploymentConfig.defaults());
    }
}
