package io.berth.reconciler.taskwork;

import io.berth.reconciler.model.SecretVersions;
import io.berth.docker.DockerEngine;
import io.berth.docker.EngineException;
import io.berth.reconciler.hosts.EngineRegistry;
import io.berth.reconciler.hosts.InstanceHealth;
import io.berth.reconciler.model.StopCode;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskDefinitionSpec;
import io.berth.reconciler.policy.ClusterPolicy;
import io.berth.reconciler.policy.ClusterSettings;
import io.berth.reconciler.store.StateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Launches a task on its host and records how the launch ended: the same for a service's task and a one-off task.
 * The task is PENDING before this runs ({@link TaskWorkDispatcher#start} writes that, one commit for all the
 * launches of a pass).
 */
public final class TaskLaunches {

    private static final Logger log = LoggerFactory.getLogger(TaskLaunches.class);

    private final StateStore store;
    private final EngineRegistry engines;
    private final TaskLauncher launcher;
    private final ClusterSettings clusters;
    private final InstanceHealth health;
    private final Clock clock;

    TaskLaunches(StateStore store, EngineRegistry engines, ExecutorSettings settings, InstanceHealth health,
                 Clock clock) {
        this.store = store;
        this.engines = engines;
        this.launcher = new TaskLauncher(settings, clock);
        this.clusters = settings.clusters();
        this.health = health;
        this.clock = clock;
    }

    /**
     * The cluster's policy, which every launch checks again (it may have been tightened since the task was placed).
     * A pass reads it once for all its launches: one database read per pass rather than per task.
     */
    public ClusterPolicy policy(String cluster) {
        return clusters.policy(cluster);
    }

    /**
     * Creates and starts the task's containers.
     *
     * @return how the launch ended; empty when nothing could be said about the task: its host has no engine client
     *         yet (the instance pass reconnects it; the next pass relaunches), or the engine stopped answering
     *         mid-launch (the task stays PENDING, the next pass sees what exists and finishes, and the instance's
     *         health is told, so that a host that stays silent is declared lost and its tasks move)
     */
    public Optional<LaunchResult> launch(Task task, TaskDefinitionSpec spec, ClusterPolicy policy) {
        Optional<DockerEngine> engine = engines.engine(task.instanceId());
        if (engine.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(launcher.launch(task, spec, engine.get(), policy));
        } catch (EngineException e) {
            log.atWarn().addKeyValue("berth.task", task.id()).addKeyValue("berth.instance", task.instanceId())
                    .log("launch of task {} interrupted: {}", task.id(), e.getMessage());
            health.failed(task.instanceId());
            return Optional.empty();
        }
    }

    /**
     * Writes how the launch ended: its pull window, then RUNNING, still PENDING with the containers so far (some wait
     * for dependsOn conditions; the next pass goes on), or STOPPED as failed to start, with an event for a service's
     * task.
     */
    public void record(Task task, LaunchResult result) {
        Instant now = clock.instant();
        if (result.pull() != null) {
            store.recordPull(task.id(), result.pull().startedAt(), result.pull().stoppedAt());
        }
        SecretVersions versions = switch (result) {
            case LaunchResult.Started s -> s.secretVersions();
            case LaunchResult.Waiting w -> w.secretVersions();
            case LaunchResult.Failed f -> SecretVersions.NONE;
        };
        if (!versions.isEmpty()) {
            store.recordSecretVersions(task.id(), versions);
        }
        switch (result) {
            case LaunchResult.Started s -> store.markRunning(task.id(), s.containers(), s.startedAt(), now);
            case LaunchResult.Waiting w -> store.recordContainers(task.id(), w.containers(), now);
            case LaunchResult.Failed f -> {
                store.markStopped(task.id(), StopCode.TaskFailedToStart, f.reason(), f.containers(), now);
                log.atInfo().addKeyValue("berth.task", task.id()).addKeyValue("berth.instance", task.instanceId())
                        .log("task {} failed to start: {}", task.id(), f.reason());
                if (task.serviceId() != null) {
                    store.appendEvents(task.serviceId(), List.of("service %s: task %s failed to start: %s"
                            .formatted(task.serviceName(), task.id().toString().substring(0, 8), f.reason())), now);
                }
            }
        }
    }
}
