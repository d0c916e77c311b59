package io.berth.reconciler.model;

import java.time.Instant;
import java.util.UUID;

/**
 * One rollout of a revision for a service.
 *
 * @param failedTasks tasks of this deployment that failed to start or whose essential container exited
 */
public record Deployment(
        UUID id,
        String taskDefinitionArn,
        Status status,
        RolloutState rolloutState,
        String reason,
        Trigger trigger,
        int desiredCount,
        int failedTasks,
        Instant createdAt,
        Instant finishedAt) {

    /** PRIMARY: what the service rolls out or runs. ACTIVE: older, still has tasks. INACTIVE: done. */
    public enum Status { PRIMARY, ACTIVE, INACTIVE }

    public enum RolloutState { IN_PROGRESS, COMPLETED, FAILED, ROLLED_BACK }

    public enum Trigger { CREATED, UPDATED, ROLLBACK, RESTART }

    public boolean inProgress() {
        return rolloutState == RolloutState.IN_PROGRESS;
    }
}
