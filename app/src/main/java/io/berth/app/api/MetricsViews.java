package io.berth.app.api;

import io.berth.app.api.dto.ServiceMetricsView;
import io.berth.app.api.dto.TaskMetricsView;
import io.berth.app.manifest.DurationText;
import io.berth.db.model.ServiceEntity;
import io.berth.reconciler.metrics.ServiceUtilisation;
import io.berth.reconciler.metrics.TaskMetricsWindows;
import io.berth.reconciler.metrics.TaskUtilisation;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.List;

/**
 * The sampled utilisation of services and tasks, as this Berth's sampler last read it (in memory: a Berth that just
 * started shows figures after its first two rounds).
 */
@Component
public class MetricsViews {

    /** Rows of one answer; a cluster with more sampled tasks is cut (the response says how many it shows). */
    static final int MAX_TASKS = 1000;

    private final TaskMetricsWindows windows;
    private final ServiceViews services;
    private final ClusterViews clusters;
    private final Clock clock;

    public MetricsViews(TaskMetricsWindows windows, ServiceViews services, ClusterViews clusters, Clock clock) {
        this.windows = windows;
        this.services = services;
        this.clusters = clusters;
        this.clock = clock;
    }

    public ServiceMetricsView service(String cluster, String name) {
        ServiceEntity service = services.find(cluster, name);
        ServiceUtilisation u = windows.service(service.getId(), clock.instant());
        return new ServiceMetricsView(name, cluster, service.getDesiredCount(), figure(u.cpuPercent()),
                figure(u.memoryPercent()), u.tasks(), u.samples(), DurationText.format(windows.window()), u.lastRead(),
                u.perTask().stream().map(MetricsViews::view).toList());
    }

    /** Every sampled task of the cluster (service and one-off), by service then task; at most {@link #MAX_TASKS}. */
    public List<TaskMetricsView> tasks(String cluster) {
        clusters.requireCluster(cluster);
        return windows.tasks(clock.instant()).stream().filter(t -> t.cluster().equals(cluster)).limit(MAX_TASKS)
                .map(MetricsViews::view).toList();
    }

    static TaskMetricsView view(TaskUtilisation t) {
        return new TaskMetricsView(t.taskId(), t.serviceName(), t.instanceId(), figure(t.cpuPercent()),
                figure(t.memoryPercent()), t.memoryBytes(), t.reservedCpu(), t.reservedMemory(), t.samples(),
                t.lastRead());
    }

    /** One decimal; null for "not known" (-1). */
    static Double figure(double percent) {
        return percent < 0 ? null : Math.round(percent * 10) / 10.0;
    }
}
