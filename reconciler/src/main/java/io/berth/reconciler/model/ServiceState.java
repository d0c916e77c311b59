package io.berth.reconciler.model;

import java.util.UUID;

/**
 * A stored service: its resolved task definition revision and desired count.
 *
 * @param deleting the user deleted it: scale to zero, then remove the row
 */
public record ServiceState(UUID id, String cluster, String name, TaskDefinition taskDefinition, int desiredCount, boolean deleting) {
}
