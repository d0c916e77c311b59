package io.berth.app.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.UUID;

/**
 * A service's current rollout: its PRIMARY deployment (fields as in {@link DeploymentView}), flat, like
 * {@code kubectl rollout status}.
 *
 * @param desiredCount the service's desired count
 * @param done         the rollout has ended (rolloutState is not IN_PROGRESS)
 * @param succeeded    it ended COMPLETED
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RolloutView(String service, String cluster, int desiredCount, boolean done, boolean succeeded,
                          UUID id, String taskDefinition, String status, String rolloutState, String reason,
                          String trigger, long runningCount, long pendingCount, int failedTasks, Instant createdAt,
                          Instant updatedAt, Instant finishedAt) {
}
