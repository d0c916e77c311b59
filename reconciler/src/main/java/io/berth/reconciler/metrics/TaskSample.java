package io.berth.reconciler.metrics;

import java.time.Instant;

/**
 * One reading of a task: the sums over its running containers.
 *
 * @param cpuNanos         CPU time used since the containers started (cumulative)
 * @param memoryBytes      memory in use now
 * @param memoryLimitBytes the containers' limits summed (the host's memory for a container without one)
 */
public record TaskSample(Instant read, long cpuNanos, long memoryBytes, long memoryLimitBytes) {
}
