package io.berth.reconciler.desiredstate;

import io.berth.reconciler.model.Deployment;

import java.util.UUID;

/**
 * A new PRIMARY deployment of a service.
 *
 * @param taskDefinition the revision to deploy, "family:revision"
 * @param event          what the service's event log says; null when the caller recorded the change already
 */
public record DeploymentStart(UUID serviceId, String taskDefinition, Deployment.Trigger trigger, String event) {
}
