package io.berth.reconciler.model;

/**
 * The deployment circuit breaker: after {@code threshold} failed tasks of a deployment (failed to start,
 * or an essential container exited), the deployment FAILS, and with {@code rollback} the service goes back
 * to its last completed deployment.
 *
 * @param threshold null = as ECS: half the desired count, clamped to 3..200
 */
public record CircuitBreakerConfig(boolean enabled, boolean rollback, Integer threshold) {

    public static CircuitBreakerConfig defaults() {
        return new CircuitBreakerConfig(true, true, null);
    }

    /**
     * The number of failed tasks that trips the breaker.
     * <p>desired 10 → 5; desired 2 → 3 (at least 3); desired 1000 → 200 (at most 200); explicit threshold wins.
     */
    public int effectiveThreshold(int desiredCount) {
        if (threshold != null) {
            return threshold;
        }
        return Math.clamp(Math.ceilDiv(desiredCount, 2), 3, 200);
    }
}
