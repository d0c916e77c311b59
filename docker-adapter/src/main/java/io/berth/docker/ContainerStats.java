package io.berth.docker;

import java.time.Instant;

/**
 * One reading of a running container's resource use, as the engine's one-shot stats report it. CPU figures are
 * cumulative since the container started: a rate needs two readings (see the sampler in the reconciler).
 *
 * @param read             when the engine took the reading (its clock)
 * @param cpuTotalNanos    CPU time the container used since it started, in nanoseconds
 * @param onlineCpus       CPUs the engine's host has online (0 when not reported)
 * @param memoryUsageBytes memory in use without the reclaimable page cache (what {@code docker stats} shows)
 * @param memoryLimitBytes the container's memory limit, the host's memory when it has none (0 when not reported)
 */
public record ContainerStats(Instant read, long cpuTotalNanos, int onlineCpus, long memoryUsageBytes,
                             long memoryLimitBytes) {
}
