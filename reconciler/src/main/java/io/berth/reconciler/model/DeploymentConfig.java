package io.berth.reconciler.model;

import java.time.Duration;

/**
 * How a service replaces its tasks when its revision changes, with ECS's meanings.
 *
 * @param minimumHealthyPercent healthy tasks kept during a rollout, as a percentage of desiredCount (rounded up)
 * @param maximumPercent        active tasks allowed during a rollout, as a percentage of desiredCount (rounded down)
 * @param minHealthyTime        a task without health checks counts as healthy once it has been RUNNING this long
 * @param progressDeadline      a rollout in which no new task became healthy for this long fails
 * @param backoff               crash-loop backoff of this service; null = Berth's configured default
 *                              ({@code berth.reconciler.backoff-initial}/{@code -max})
 */
public record DeploymentConfig(int minimumHealthyPercent, int maximumPercent, Duration minHealthyTime,
                               CircuitBreakerConfig circuitBreaker, Duration progressDeadline, BackoffConfig backoff) {

    public static final int DEFAULT_MINIMUM_HEALTHY_PERCENT = 100;
    public static final int DEFAULT_MAXIMUM_PERCENT = 200;
    public static final Duration DEFAULT_MIN_HEALTHY_TIME = Duration.ofSeconds(3);
    public static final Duration DEFAULT_PROGRESS_DEADLINE = Duration.ofMinutes(10);

    public DeploymentConfig {
        circuitBreaker = circuitBreaker == null ? CircuitBreakerConfig.defaults() : circuitBreaker;
        progressDeadline = progressDeadline == null ? DEFAULT_PROGRESS_DEADLINE : progressDeadline;
    }

    public DeploymentConfig(int minimumHealthyPercent, int maximumPercent, Duration minHealthyTime,
                            CircuitBreakerConfig circuitBreaker, Duration progressDeadline) {
        this(minimumHealthyPercent, maximumPercent, minHealthyTime, circuitBreaker, progressDeadline, null);
    }

    public DeploymentConfig(int minimumHealthyPercent, int maximumPercent, Duration minHealthyTime) {
        this(minimumHealthyPercent, maximumPercent, minHealthyTime, CircuitBreakerConfig.defaults(), DEFAULT_PROGRESS_DEADLINE);
    }

    public static DeploymentConfig defaults() {
        return new DeploymentConfig(DEFAULT_MINIMUM_HEALTHY_PERCENT, DEFAULT_MAXIMUM_PERCENT, DEFAULT_MIN_HEALTHY_TIME);
    }
}
