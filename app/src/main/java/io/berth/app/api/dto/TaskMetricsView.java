package io.berth.app.api.dto;

import java.time.Instant;
import java.util.UUID;

/**
 * One task's use over the metrics window in percent of its reservation (ECS's CPUUtilization and MemoryUtilization);
 * null when not known yet (CPU needs two readings).
 */
public record TaskMetricsView(UUID taskId, String service, UUID instanceId, Double cpuUtilization,
                              Double memoryUtilization, long memoryBytes, int reservedCpu, int reservedMemory,
                              int samples, Instant lastSampledAt) {
}
