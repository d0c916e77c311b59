package io.berth.reconciler.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last readings of each running task, in memory: a short window is all that utilisation and auto scaling need,
 * and a new leader fills its own within a few sampling rounds. Bounded: at most {@code maxSamples} readings per
 * task, and tasks no longer running are dropped at each round ({@link #retain}). Thread-safe.
 */
public final class TaskMetricsWindows {

    /** Who the readings are of: what the percentages are measured against. */
    public record TaskIdentity(UUID taskId, UUID serviceId, String cluster, String serviceName, UUID instanceId,
                               int reservedCpu, int reservedMemory) {
    }

    private record Window(TaskIdentity identity, Deque<TaskSample> samples) {
    }

    private final Map<UUID, Window> windows = new ConcurrentHashMap<>();
    private final Duration window;
    private final int maxSamples;

    /**
     * @param window     how far back utilisation looks (ECS's one-minute metric period: 60 s)
     * @param maxSamples readings kept per task
     */
    public TaskMetricsWindows(Duration window, int maxSamples) {
        if (!window.isPositive() || maxSamples < 2) {
            throw new IllegalArgumentException("window must be positive and maxSamples >= 2");
        }
        this.window = window;
        this.maxSamples = maxSamples;
    }

    public Duration window() {
        return window;
    }

    /** Adds a reading; a reading older than the task's newest is ignored (a slow answer that arrived late). */
    public void record(TaskIdentity task, TaskSample sample) {
        Window w = windows.compute(task.taskId(), (id, old) -> old == null ? new Window(task, new ArrayDeque<>())
                : new Window(task, old.samples()));
        synchronized (w.samples()) {
            TaskSample last = w.samples().peekLast();
            if (last != null && !sample.read().isAfter(last.read())) {
                return;
            }
            if (last != null && sample.cpuNanos() < last.cpuNanos()) {
                w.samples().clear(); // the container restarted: its CPU counter began again
            }
            w.samples().addLast(sample);
            while (w.samples().size() > maxSamples) {
                w.samples().removeFirst();
            }
        }
    }

    /** Drops the windows of every task not in {@code running}. */
    public void retain(Collection<UUID> running) {
        java.util.Set<UUID> keep = new java.util.HashSet<>(running);
        windows.keySet().removeIf(id -> !keep.contains(id));
    }

    /** The task's figures over the window ending at {@code now}; empty when it has no reading. */
    public Optional<TaskUtilisation> task(UUID taskId, Instant now) {
        return Optional.ofNullable(windows.get(taskId)).flatMap(w -> utilisation(w, now));
    }

    /** Every sampled task's figures, by cluster then service name then task. */
    public List<TaskUtilisation> tasks(Instant now) {
        List<TaskUtilisation> all = new ArrayList<>();
        windows.values().forEach(w -> utilisation(w, now).ifPresent(all::add));
        all.sort(Comparator.comparing(TaskUtilisation::cluster)
                .thenComparing(t -> t.serviceName() == null ? "" : t.serviceName())
                .thenComparing(t -> t.taskId().toString()));
        return all;
    }

    /** The service's figures over the window ending at {@code now}, of the tasks that have readings in it. */
    public ServiceUtilisation service(UUID serviceId, Instant now) {
        List<TaskUtilisation> tasks = new ArrayList<>();
        windows.values().stream().filter(w -> serviceId.equals(w.identity().serviceId()))
                .forEach(w -> utilisation(w, now).ifPresent(tasks::add));
        tasks.sort(Comparator.comparing(t -> t.taskId().toString()));
        return ServiceUtilisation.of(serviceId, tasks);
    }

    /**
     * CPU: the counter's rise from the oldest reading in the window to the newest, over the time between them.
     * Memory: the mean of the readings in the window. Readings older than the window are not counted (the newest
     * one before it is, as the window's start, when none is inside).
     */
    private Optional<TaskUtilisation> utilisation(Window w, Instant now) {
        List<TaskSample> in;
        synchronized (w.samples()) {
            in = new ArrayList<>(w.samples());
        }
        Instant from = now.minus(window);
        in.removeIf(s -> s.read().isBefore(from));
        if (in.isEmpty()) {
            return Optional.empty();
        }
        TaskIdentity id = w.identity();
        TaskSample first = in.getFirst();
        TaskSample last = in.getLast();
        double cpu = in.size() < 2 ? -1 : Utilisation.cpuPercent(last.cpuNanos() - first.cpuNanos(),
                Duration.between(first.read(), last.read()), id.reservedCpu());
        double memory = Utilisation.mean(in.stream().mapToDouble(s ->
                Utilisation.memoryPercent(s.memoryBytes(), id.reservedMemory(), s.memoryLimitBytes())).toArray());
        return Optional.of(new TaskUtilisation(id.taskId(), id.serviceId(), id.cluster(), id.serviceName(),
                id.instanceId(), id.reservedCpu(), id.reservedMemory(), cpu, memory, last.memoryBytes(), in.size(),
                last.read()));
    }
}
