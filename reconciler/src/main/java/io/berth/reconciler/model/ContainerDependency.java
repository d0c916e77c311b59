package io.berth.reconciler.model;

/**
 * ECS {@code dependsOn}: this container starts only once {@code containerName} satisfies {@code condition}.
 */
public record ContainerDependency(String containerName, Condition condition) {

    public enum Condition {
        /** The dependency has been started. */
        START,
        /** The dependency ran to completion, whatever its exit code. */
        COMPLETE,
        /** The dependency ran to completion with exit code 0. */
        SUCCESS,
        /** The dependency's health check passed. */
        HEALTHY
    }
}
