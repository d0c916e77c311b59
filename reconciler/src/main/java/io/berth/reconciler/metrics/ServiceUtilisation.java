package io.berth.reconciler.metrics;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A service's {@code CPUUtilization} and {@code MemoryUtilization} as ECS reports them: the mean over its running
 * tasks of each one's use in percent of its reservation (-1: not known).
 *
 * @param samples the readings behind the figures, all tasks together
 */
public record ServiceUtilisation(UUID serviceId, double cpuPercent, double memoryPercent, int tasks, int samples,
                                 Instant lastRead, List<TaskUtilisation> perTask) {

    public ServiceUtilisation {
        perTask = List.copyOf(perTask);
    }

    /** Of its tasks' figures. */
    public static ServiceUtilisation of(UUID serviceId, List<TaskUtilisation> tasks) {
        double cpu = Utilisation.mean(tasks.stream().mapToDouble(TaskUtilisation::cpuPercent).toArray());
        double memory = Utilisation.mean(tasks.stream().mapToDouble(TaskUtilisation::memoryPercent).toArray());
        int samples = tasks.stream().mapToInt(TaskUtilisation::samples).sum();
        Instant last = tasks.stream().map(TaskUtilisation::lastRead).filter(java.util.Objects::nonNull)
                .max(Instant::compareTo).orElse(null);
        return new ServiceUtilisation(serviceId, cpu, memory, tasks.size(), samples, last, tasks);
    }
}
