package io.berth.reconciler.model;

import java.time.Duration;
import java.util.UUID;

/**
 * A stored service: its resolved task definition revision, desired count and rollout settings.
 *
 * @param deleting the user deleted it: scale to zero, then remove the row
 */
public record ServiceState(UUID id, String cluster, String name, TaskDefinition taskDefinition, int desiredCount,
                           boolean deleting, Duration healthCheckGracePeriod, DeploymentConfig deployment) {

    public ServiceState {
        healthCheckGracePeriod = healthCheckGracePeriod == null ? Duration.ZERO : healthCheckGracePeriod;
        deployment = deployment == null ? DeploymentConfig.defaults() : deployment;
    }

    /** A service with the default rollout settings. */
    public ServiceState(UUID id, String cluster, String name, TaskDefinition taskDefinition, int desiredCount, boolean deleting) {
        this(id, cluster, name, taskDefinition, desiredCount, deleting, Duration.ZERO, DeploymentConfig.defaults());
    }
}
