package io.berth.reconciler.pass;

import io.berth.docker.ContainerState;
import io.berth.docker.DockerEngine;
import io.berth.docker.EngineException;
import io.berth.reconciler.hosts.EngineRegistry;
import io.berth.reconciler.hosts.ExitHints;
import io.berth.reconciler.hosts.InstanceHealth;
import io.berth.reconciler.model.ContainerLabels;
import io.berth.reconciler.model.ObservedContainer;
import io.berth.reconciler.model.StopCode;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskContainer;
import io.berth.reconciler.model.TaskDefinitionSpec;
import io.berth.reconciler.plan.StandaloneTaskPlanner;
import io.berth.reconciler.plan.TaskAction;
import io.berth.reconciler.store.StateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One pass over one one-off (run-task) task: observe its containers on its host, decide with the pure
 * {@link StandaloneTaskPlanner}, write the decision, then do the Docker work. Level-triggered like the service
 * pass: a restarted Berth finds the task's row and its labelled containers and carries on from there (containers
 * are created under deterministic names, so a relaunch after a crash adopts what exists instead of duplicating it).
 */
public final class OneOffTaskPass {

    private static final Logger log = LoggerFactory.getLogger(OneOffTaskPass.class);
    private static final Duration ACT_BOUND = Duration.ofSeconds(5);
    /** How soon to look again while the task is on its way (launch or stop under way, host not answering). */
    private static final Duration SOON = Duration.ofSeconds(1);

    private final StateStore store;
    private final EngineRegistry engines;
    private final ExitHints exits;
    private final InstanceHealth health;
    private final TaskLauncher launcher;
    private final TaskStopper stopper;
    private final TaskDefinitionCache taskDefinitions;
    private final Clock clock;
    private final Executor io;
    /** Tasks whose Docker work (launch or stop) is under way, possibly from an earlier pass. */
    private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();

    public OneOffTaskPass(StateStore store, EngineRegistry engines, ExecutorSettings settings, ExitHints exits,
                                    InstanceHealth health, Clock clock, Executor io) {
        this.store = store;
        this.engines = engines;
        this.exits = exits;
        this.health = health;
        this.launcher = new TaskLauncher(settings.containerSpecs(), settings.pullPolicy(), settings.clusters(),
                settings.installation(), clock);
        this.stopper = new TaskStopper(settings.stopTimeout());
        this.taskDefinitions = new TaskDefinitionCache(store);
        this.clock = clock;
        this.io = io;
    }

    /** Runs one pass. Returns when to look again regardless of events (empty = only on events and resync). */
    public Optional<Duration> reconcile(UUID taskId) {
        Task task = store.tasks(List.of(taskId)).get(taskId);
        if (task == null || task.isStopped()) {
            return Optional.empty();
        }
        TaskDefinitionSpec spec = store.overridesOf(taskId).applyTo(taskDefinitions.get(task.taskDefinitionArn()).spec());
        boolean lost = health.lost().contains(task.instanceId()) || store.instance(task.instanceId()).isEmpty();
        List<ObservedContainer> observed = List.of();
        if (!lost) {
            Optional<DockerEngine> engine = engines.engine(task.instanceId());
            if (engine.isEmpty() || health.isFailing(task.instanceId())) {
                return Optional.of(SOON); // the instance pass reconnects it or declares it lost
            }
            try {
                observed = ObservedContainers.of(observe(engine.get(), taskId));
            } catch (EngineException e) {
                log.warn("instance {} did not answer while observing task {}: {}", task.instanceId(), taskId, e.getMessage());
                health.failed(task.instanceId());
                return Optional.of(SOON);
            }
        }
        Instant now = clock.instant();
        Optional<TaskAction> action = StandaloneTaskPlanner.plan(task, spec, observed, lost, now);
        if (action.isEmpty()) {
            return Optional.empty();
        }
        persist(task, action.get(), now);
        boolean finished = act(task, spec, action.get());
        // After a launch, look again soon (not at once: a launch the engine refused must not spin); after anything
        // else at once, to record what the decision led to.
        return finished && !(action.get() instanceof TaskAction.Relaunch) ? Optional.of(Duration.ZERO) : Optional.of(SOON);
    }

    /** One list call by the task's label, plus an inspect of each exited container (only inspect tells exit code and OOM). */
    private List<ContainerState> observe(DockerEngine engine, UUID taskId) {
        List<ContainerState> result = new ArrayList<>();
        for (ContainerState c : engine.list(Map.of(ContainerLabels.MANAGED, "true", ContainerLabels.TASK_ID, taskId.toString()))) {
            boolean needsInspect = c.running() ? exits.recentlyExited(c.id())
                    : !"created".equals(c.status()) && c.exitCode() == null;
            result.add(needsInspect ? engine.inspect(c.id()).orElse(c) : c);
        }
        return result;
    }

    private void persist(Task task, TaskAction action, Instant now) {
        switch (action) {
            case TaskAction.Stop s -> store.requestStop(s.taskId(), s.code(), s.reason(), now);
            case TaskAction.MarkRunning r -> store.markRunning(r.taskId(), r.containers(), r.startedAt(), now);
            case TaskAction.RecordContainers r -> store.recordContainers(r.taskId(), r.containers(), now);
            case TaskAction.MarkStopped m -> store.markStopped(m.taskId(), null, null, m.containers(), now);
            case TaskAction.MarkLost m -> store.markStopped(m.taskId(), StopCode.HostLost, m.reason(), task.containers(), now);
            case TaskAction.LaunchNew l -> throw new IllegalStateException("one-off tasks are placed by run-task, not by a pass");
            case TaskAction.Relaunch r -> {
            }
        }
    }

    /**
     * Launches and stops run on the I/O executor; the pass waits for them at most {@link #ACT_BOUND}, so that a
     * host that stops answering cannot hold the loop's worker. Work still running carries on and records its own
     * result; until it ends the task is in flight and no later pass acts on it again.
     *
     * @return whether the work (if any) finished within the bound
     */
    private boolean act(Task task, TaskDefinitionSpec spec, TaskAction action) {
        Runnable job = switch (action) {
            case TaskAction.Relaunch r -> () -> launch(task, spec);
            case TaskAction.Stop s -> () -> stop(task, spec);
            default -> null;
        };
        if (job == null) {
            return true;
        }
        if (!inFlight.add(task.id())) {
            return false;
        }
        CompletableFuture<Void> work = CompletableFuture.runAsync(() -> {
            try {
                job.run();
            } finally {
                inFlight.remove(task.id());
            }
        }, io);
        try {
            work.get(ACT_BOUND.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            log.info("task {}: Docker work still running after {}; it goes on in the background", task.id(), ACT_BOUND);
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("acting on task " + task.id() + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void launch(Task task, TaskDefinitionSpec spec) {
        Optional<DockerEngine> engine = engines.engine(task.instanceId());
        if (engine.isEmpty()) {
            return;
        }
        store.markPending(task.id(), clock.instant());
        LaunchResult result;
        try {
            result = launcher.launch(task, spec, engine.get());
        } catch (EngineException e) {
            // Unreachable engine mid-launch: the task stays PENDING and the next pass finishes what exists.
            log.warn("launch of task {} interrupted: {}", task.id(), e.getMessage());
            health.failed(task.instanceId());
            return;
        }
        Instant now = clock.instant();
        if (result.pull() != null) {
            store.recordPull(task.id(), result.pull().startedAt(), result.pull().stoppedAt());
        }
        switch (result) {
            case LaunchResult.Started s -> store.markRunning(task.id(), s.containers(), s.startedAt(), now);
            // PENDING until every container could start (dependsOn); the pass after a launch comes soon and goes on.
            case LaunchResult.Waiting w -> store.recordContainers(task.id(), w.containers(), now);
            case LaunchResult.Failed f -> store.markStopped(task.id(), StopCode.TaskFailedToStart, f.reason(), f.containers(), now);
        }
    }

    private void stop(Task task, TaskDefinitionSpec spec) {
        Optional<DockerEngine> engine = engines.engine(task.instanceId());
        if (engine.isEmpty()) {
            return;
        }
        try {
            List<TaskContainer> containers = stopper.stop(task, spec, engine.get());
            store.markStopped(task.id(), null, null, containers, clock.instant());
        } catch (EngineException e) {
            log.warn("stop of task {} interrupted: {}", task.id(), e.getMessage());
        }
    }
}
