package io.berth.app.api.dto;

import java.time.Instant;
import java.util.List;

/**
 * A service's utilisation as ECS reports it: the mean over its sampled tasks of each one's use in percent of its
 * reservation (null: no task sampled yet).
 *
 * @param window  how far back the figures look, e.g. "60s"
 * @param samples readings behind the figures, all tasks together
 */
public record ServiceMetricsView(String name, String cluster, int desiredCount, Double cpuUtilization,
                                 Double memoryUtilization, int sampledTasks, int samples, String window,
                                 Instant lastSampledAt, List<TaskMetricsView> tasks) {
}
