package io.berth.app.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.UUID;

/**
 * One deployment (rollout of a revision) of a service, as in ECS's describe-services.
 *
 * @param taskDefinition the revision, e.g. "web:3"
 * @param status         PRIMARY (what the service rolls out or runs), ACTIVE (older, still has tasks) or INACTIVE
 * @param rolloutState   IN_PROGRESS, COMPLETED, FAILED or ROLLED_BACK
 * @param reason         why the rollout ended so; absent while in progress
 * @param trigger        CREATED, UPDATED (new revision applied), ROLLBACK or RESTART
 * @param runningCount   its tasks RUNNING that the service still wants
 * @param pendingCount   its tasks PROVISIONING or PENDING that the service still wants
 * @param failedTasks    its tasks that failed to start or whose essential container exited (what the circuit
 *                       breaker counts)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeploymentView(UUID id, String taskDefinition, String status, String rolloutState, String reason,
                             String trigger, int desiredCount, long runningCount, long pendingCount, int failedTasks,
                             Instant createdAt, Instant updatedAt, Instant finishedAt) {
}
