package io.berth.app.metrics;

import io.berth.reconciler.metrics.TaskMetricsWindows;
import io.berth.reconciler.metrics.TaskUtilisation;
import io.berth.reconciler.metrics.Utilisation;
import io.berth.reconciler.sampling.SamplingRound;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sampled utilisation for Prometheus, refreshed after each sampling round (a scrape reads the last figures, never an
 * engine):
 * <ul>
 *   <li>{@code berth_service_cpu_utilization_percent} and {@code berth_service_memory_utilization_percent}
 *       {cluster, service}: ECS's CPUUtilization and MemoryUtilization, the mean over the service's sampled tasks of
 *       each one's use in percent of its reservation; a service none of whose tasks has a figure has no series;</li>
 *   <li>{@code berth_task_stats_readings_total} {outcome=read|failed}: readings of the sampler.</li>
 * </ul>
 * Per-task figures are in the API ({@code /task-metrics}), not here: a series per task would grow with every
 * replacement.
 */
public final class ServiceUtilisationGauges {

    private record Key(String cluster, String service) {
    }

    private static final class Figures {
        volatile double cpu = Double.NaN;
        volatile double memory = Double.NaN;
        final List<Meter> meters = new ArrayList<>();
    }

    private final MeterRegistry registry;
    private final Map<Key, Figures> services = new ConcurrentHashMap<>();
    private final Counter read;
    private final Counter failed;

    public ServiceUtilisationGauges(MeterRegistry registry) {
        this.registry = registry;
        this.read = Counter.builder("berth_task_stats_readings_total").tag("outcome", "read").register(registry);
        this.failed = Counter.builder("berth_task_stats_readings_total").tag("outcome", "failed").register(registry);
    }

    /** After a round: the figures of every service with sampled tasks; series of services without any go. */
    public synchronized void refresh(SamplingRound round, TaskMetricsWindows windows, Instant now) {
        read.increment(round.read());
        failed.increment(round.failed());
        Map<Key, List<TaskUtilisation>> byService = new HashMap<>();
        for (TaskUtilisation t : windows.tasks(now)) {
            if (t.serviceName() != null) {
                byService.computeIfAbsent(new Key(t.cluster(), t.serviceName()), k -> new ArrayList<>()).add(t);
            }
        }
        byService.forEach((key, tasks) -> {
            Figures f = services.computeIfAbsent(key, this::register);
            double cpu = Utilisation.mean(tasks.stream().mapToDouble(TaskUtilisation::cpuPercent).toArray());
            double memory = Utilisation.mean(tasks.stream().mapToDouble(TaskUtilisation::memoryPercent).toArray());
            f.cpu = cpu < 0 ? Double.NaN : cpu;
            f.memory = memory < 0 ? Double.NaN : memory;
        });
        for (Key key : new ArrayList<>(services.keySet())) {
            if (!byService.containsKey(key)) {
                services.remove(key).meters.forEach(registry::remove);
            }
        }
    }

    private Figures register(Key key) {
        Figures f = new Figures();
        Tags tags = Tags.of("cluster", key.cluster(), "service", key.service());
        f.meters.add(Gauge.builder("berth_service_cpu_utilization_percent", f, x -> x.cpu).tags(tags)
                .description("Mean CPU use of the service's tasks in percent of their cpu reservation").register(registry));
        f.meters.add(Gauge.builder("berth_service_memory_utilization_percent", f, x -> x.memory).tags(tags)
                .description("Mean memory use of the service's tasks in percent of their memory reservation")
                .register(registry));
        return f;
    }
}
