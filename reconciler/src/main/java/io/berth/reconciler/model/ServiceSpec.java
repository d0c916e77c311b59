package io.berth.reconciler.model;

/**
 * A service as the user declares it: keep {@code desiredCount} tasks of a task definition running.
 * Deployment settings (rolling update percentages, circuit breaker, backoff) join this record later.
 *
 * @param taskDefinition as written: "family" (latest ACTIVE revision at apply time) or "family:N"
 */
public record ServiceSpec(String taskDefinition, int desiredCount) {
}
