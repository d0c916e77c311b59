package io.berth.reconciler.plan;

import io.berth.reconciler.model.ContainerDefinition;
import io.berth.reconciler.model.HealthStatus;
import io.berth.reconciler.model.ObservedContainer;

/**
 * The health recorded for one container: what its engine reports, where its check counts for the task (essential,
 * with a check: the same containers that gate a rollout). Recorded so that the API and the change stream show a
 * task turning HEALTHY or UNHEALTHY; rollouts read the engine's live answer, not this record.
 */
public final class RecordedHealth {

    private RecordedHealth() {
    }

    /** @param state null when the engine did not report the container */
    public static HealthStatus of(ContainerDefinition def, ObservedContainer state) {
        if (!def.essential() || def.healthCheck() == null || state == null || !state.running()) {
            return HealthStatus.UNKNOWN;
        }
        return switch (state.health()) {
            case HEALTHY -> HealthStatus.HEALTHY;
            case UNHEALTHY -> HealthStatus.UNHEALTHY;
            case STARTING, NONE -> HealthStatus.STARTING;
            case null -> HealthStatus.STARTING;
        };
    }
}
