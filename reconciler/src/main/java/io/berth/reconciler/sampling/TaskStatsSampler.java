package io.berth.reconciler.sampling;

import io.berth.docker.ContainerStats;
import io.berth.docker.DockerEngine;
import io.berth.reconciler.metrics.TaskMetricsWindows;
import io.berth.reconciler.metrics.TaskSample;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskContainer;
import io.berth.reconciler.model.TaskStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One sampling round: a one-shot stats reading of each running task's containers, at most
 * {@link SamplingSettings#maxTasksPerHost} per host and {@link SamplingSettings#maxTasksPerRound} in all, with at
 * most {@link SamplingSettings#concurrency} in flight per host. A host with more running tasks than its bound is read
 * in turns (a cursor per host), so every task is read every few rounds rather than the first ones every round.
 * Runs apart from the control loop's passes: a slow engine delays readings, never a reconcile.
 */
public final class TaskStatsSampler {

    private static final Logger log = LoggerFactory.getLogger(TaskStatsSampler.class);

    private final Supplier<List<Task>> runningTasks;
    private final Function<UUID, Optional<DockerEngine>> engines;
    private final TaskMetricsWindows windows;
    private final ExecutorService io;
    private final SamplingSettings settings;
    private final Clock clock;
    /**
     * Per host: where the next round starts in its task list (sorted by id); it moves past the tasks read, so that
     * when a slow engine answers only some readings within a round, the others come first in the next one rather
     * than starving. Touched by the round's thread only.
     */
    private final Map<UUID, Integer> cursors = new HashMap<>();
    /** Per host: readings in flight, across rounds (a reading past its round still holds the engine). */
    private final Map<UUID, Semaphore> inFlight = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param runningTasks tasks the store records as RUNNING (service and one-off tasks), with their containers
     * @param engines      the engine of a host, empty when it is not connected
     */
    public TaskStatsSampler(Supplier<List<Task>> runningTasks, Function<UUID, Optional<DockerEngine>> engines,
                            TaskMetricsWindows windows, ExecutorService io, SamplingSettings settings, Clock clock) {
        this.runningTasks = runningTasks;
        this.engines = engines;
        this.windows = windows;
        this.io = io;
        this.settings = settings;
        this.clock = clock;
    }

    /** One round; returns when every reading is back or the round's bound passed. Not for concurrent use. */
    public synchronized SamplingRound sampleOnce() {
        List<Task> running = runningTasks.get().stream()
                .filter(t -> t.lastStatus() == TaskStatus.RUNNING && t.desiredStatus() == TaskStatus.RUNNING
                        && t.instanceId() != null)
                .toList();
        windows.retain(running.stream().map(Task::id).toList());
        Map<UUID, List<Task>> byHost = new LinkedHashMap<>();
        running.stream().sorted(java.util.Comparator.comparing(Task::id))
                .forEach(t -> byHost.computeIfAbsent(t.instanceId(), k -> new ArrayList<>()).add(t));
        cursors.keySet().retainAll(byHost.keySet());
        inFlight.keySet().retainAll(byHost.keySet());
        List<CompletableFuture<Boolean>> readings = new ArrayList<>();
        Map<UUID, List<CompletableFuture<Boolean>>> perHost = new HashMap<>();
        int budget = settings.maxTasksPerRound();
        long deadline = System.nanoTime() + settings.roundTimeout().toNanos();
        for (Map.Entry<UUID, List<Task>> host : byHost.entrySet()) {
            Optional<DockerEngine> engine = engines.apply(host.getKey());
            if (engine.isEmpty() || budget == 0) {
                continue;
            }
            List<Task> chosen = inTurn(host.getKey(), host.getValue(), Math.min(budget, settings.maxTasksPerHost()));
            budget -= chosen.size();
            // fair: readings get the engine in the order asked, which is the host's turn order
            Semaphore slots = inFlight.computeIfAbsent(host.getKey(), h -> new Semaphore(settings.concurrency(), true));
            for (Task task : chosen) {
                CompletableFuture<Boolean> r = CompletableFuture.supplyAsync(() -> readBounded(engine.get(), task, slots, deadline), io);
                readings.add(r);
                perHost.computeIfAbsent(host.getKey(), h -> new ArrayList<>()).add(r);
            }
        }
        SamplingRound round = await(byHost.size(), running.size(), readings);
        perHost.forEach((host, rs) -> {
            int size = byHost.get(host).size();
            long read = rs.stream().filter(r -> r.isDone() && !r.isCompletedExceptionally() && r.join()).count();
            cursors.put(host, (int) ((cursors.getOrDefault(host, 0) + read) % size));
        });
        return round;
    }

    /** The next {@code n} tasks of the host from its cursor on, wrapping round (the round moves the cursor). */
    List<Task> inTurn(UUID host, List<Task> tasks, int n) {
        int from = cursors.getOrDefault(host, 0) % tasks.size();
        List<Task> chosen = new ArrayList<>(Math.min(n, tasks.size()));
        for (int i = 0; i < Math.min(n, tasks.size()); i++) {
            chosen.add(tasks.get((from + i) % tasks.size()));
        }
        return chosen;
    }

    /** Waits for a slot until the round's deadline at most: a reading that could not start in its round is dropped. */
    private boolean readBounded(DockerEngine engine, Task task, Semaphore inFlight, long deadline) {
        try {
            if (!inFlight.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        try {
            return read(engine, task);
        } catch (RuntimeException e) {
            log.debug("stats of task {} not read: {}", task.id(), e.toString());
            return false;
        } finally {
            inFlight.release();
        }
    }

    /** Sums the task's containers; a task whose container could not be read gets no reading this round. */
    private boolean read(DockerEngine engine, Task task) {
        long cpu = 0;
        long memory = 0;
        long limit = 0;
        Instant read = null;
        int containers = 0;
        for (TaskContainer c : task.containers()) {
            if (c.dockerId() == null || c.lastStatus() != TaskStatus.RUNNING) {
                continue;
            }
            Optional<ContainerStats> stats = engine.stats(c.dockerId(), settings.callTimeout());
            if (stats.isEmpty()) {
                return false;
            }
            ContainerStats s = stats.get();
            cpu += s.cpuTotalNanos();
            memory += s.memoryUsageBytes();
            limit += s.memoryLimitBytes();
            read = read == null || s.read().isAfter(read) ? s.read() : read;
            containers++;
        }
        if (containers == 0) {
            return false;
        }
        windows.record(new TaskMetricsWindows.TaskIdentity(task.id(), task.serviceId(), task.cluster(),
                task.serviceName(), task.instanceId(), task.reservedCpu(), task.reservedMemory()),
                new TaskSample(read, cpu, memory, limit));
        return true;
    }

    private SamplingRound await(int hosts, int running, List<CompletableFuture<Boolean>> readings) {
        Instant deadline = clock.instant().plus(settings.roundTimeout());
        AtomicInteger ok = new AtomicInteger();
        int failed = 0;
        for (CompletableFuture<Boolean> r : readings) {
            long left = Math.max(0, java.time.Duration.between(clock.instant(), deadline).toMillis());
            try {
                if (r.get(left, TimeUnit.MILLISECONDS)) {
                    ok.incrementAndGet();
                } else {
                    failed++;
                }
            } catch (TimeoutException e) {
                failed++;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed++;
            } catch (java.util.concurrent.ExecutionException e) {
                failed++;
            }
        }
        return new SamplingRound(hosts, running, readings.size(), ok.get(), failed);
    }
}
