package io.berth.reconciler.metrics;

import java.time.Instant;
import java.util.UUID;

/**
 * What one task used over the window, in percent of its reservation (-1: not known yet; CPU needs two readings).
 *
 * @param serviceId null for a one-off task
 * @param samples   how many readings the figures rest on
 */
public record TaskUtilisation(UUID taskId, UUID serviceId, String cluster, String serviceName, UUID instanceId,
                              int reservedCpu, int reservedMemory, double cpuPercent, double memoryPercent,
                              long memoryBytes, int samples, Instant lastRead) {
}
