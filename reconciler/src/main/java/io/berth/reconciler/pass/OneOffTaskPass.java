package io.berth.reconciler.pass;

import io.berth.reconciler.hosts.ObservedContainers;
import io.berth.docker.ContainerState;
import io.berth.docker.DockerEngine;
import io.berth.docker.EngineException;
import io.berth.reconciler.hosts.EngineRegistry;
import io.berth.reconciler.hosts.ExitHints;
import io.berth.reconciler.hosts.InstanceHealth;
import io.berth.reconciler.model.ContainerLabels;
import io.berth.reconciler.model.ObservedContainer;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskDefinitionSpec;
import io.berth.reconciler.plan.StandaloneTaskPlanner;
import io.berth.reconciler.plan.TaskAction;
import io.berth.reconciler.store.StateStore;
import io.berth.reconciler.taskwork.TaskWork;
import io.berth.reconciler.taskwork.TaskWorkDispatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

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
    private final TaskWork taskWork;
    private final TaskDefinitionCache taskDefinitions;
    private final Clock clock;

    public OneOffTaskPass(PassEnvironment env) {
        this.store = env.store();
        this.engines = env.engines();
        this.exits = env.exits();
        this.health = env.health();
        this.taskWork = env.newTaskWork();
        this.taskDefinitions = new TaskDefinitionCache(store);
        this.clock = env.clock();
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
        if (action instanceof TaskAction.LaunchNew) {
            throw new IllegalStateException("one-off tasks are placed by run-task, not by a pass");
        }
        List<TaskAction> actions = List.of(action);
        taskWork.records().writeIntents(actions, Map.of(task.id(), task), now);
        // What the engine showed is written even while Docker work of an earlier pass is still under way on the task
        // (past ACT_BOUND): that work then writes its own outcome when it ends.
        taskWork.records().writeObservations(actions, taskId -> false, now);
    }

    /**
     * Launches and stops run on the I/O executor; the pass waits for them at most {@link #ACT_BOUND}, so that a
     * host that stops answering cannot hold the loop's worker. Work still running carries on and records its own
     * result; until it ends the task is in flight and no later pass acts on it again.
     *
     * @return whether the work (if any) finished within the bound
     */
    private boolean act(Task task, TaskDefinitionSpec spec, TaskAction action) {
        BooleanSupplier job = switch (action) {
            case TaskAction.Relaunch r -> () -> {
                taskWork.launches().launch(task, spec, taskWork.launches().policy(task.cluster()))
                        .ifPresent(result -> taskWork.launches().record(task, result));
                return true;
            };
            case TaskAction.Stop s -> () -> {
                taskWork.stops().stop(task, spec);
                return true;
            };
            default -> null;
        };
        if (job == null) {
            return true;
        }
        boolean isLaunch = action instanceof TaskAction.Relaunch;
        // The task is its own owner: nothing is woken when its work ends, the pass's requeue looks again.
        List<CompletableFuture<Boolean>> started = taskWork.dispatcher()
                .start(task.id(), List.of(new TaskWorkDispatcher.Job(task, isLaunch, job)), owner -> {
                });
        if (started.isEmpty()) {
            return false; // work of an earlier pass is still under way
        }
        return TaskWorkDispatcher.awaitAtMost(started.getFirst(), ACT_BOUND, task.id());
    }
}
