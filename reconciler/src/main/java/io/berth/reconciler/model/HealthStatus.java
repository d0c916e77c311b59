package io.berth.reconciler.model;

import java.util.List;

/**
 * Health as Berth records it, per container and per task (ECS's healthStatus). A container's is what its health
 * check says when the check counts for its task (an essential container with a check): STARTING until the first
 * verdict; UNKNOWN for containers whose check does not count, or that do not run.
 */
public enum HealthStatus {
    UNKNOWN, STARTING, HEALTHY, UNHEALTHY;

    /**
     * ECS's rule for a task: UNHEALTHY when a container that counts is unhealthy, HEALTHY when every container that
     * counts is healthy, UNKNOWN otherwise (also when none counts). Web (healthy) + sidecar (unknown) → HEALTHY;
     * web (healthy) + api (starting) → UNKNOWN; web (unhealthy) + api (starting) → UNHEALTHY.
     */
    public static HealthStatus ofTask(List<TaskContainer> containers) {
        boolean anyHealthy = false;
        boolean anyWaiting = false;
        for (TaskContainer c : containers) {
            switch (c.health()) {
                case UNHEALTHY -> {
                    return UNHEALTHY;
                }
                case HEALTHY -> anyHealthy = true;
                case STARTING -> anyWaiting = true;
                case UNKNOWN -> {
                }
            }
        }
        return anyHealthy && !anyWaiting ? HEALTHY : UNKNOWN;
    }
}
