package io.berth.reconciler.taskwork;

import io.berth.docker.DockerEngine;
import io.berth.docker.EngineException;
import io.berth.reconciler.hosts.EngineRegistry;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskContainer;
import io.berth.reconciler.model.TaskDefinitionSpec;
import io.berth.reconciler.store.StateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Stops a task's containers on its host and records the task STOPPED with their exits. */
public final class TaskStops {

    private static final Logger log = LoggerFactory.getLogger(TaskStops.class);

    private final StateStore store;
    private final EngineRegistry engines;
    private final TaskStopper stopper;
    private final Clock clock;

    TaskStops(StateStore store, EngineRegistry engines, ExecutorSettings settings, Clock clock) {
        this.store = store;
        this.engines = engines;
        this.stopper = new TaskStopper(settings.stopTimeout());
        this.clock = clock;
    }

    /**
     * A host without an engine client, or one that stops answering mid-stop, leaves the task as it is: its stop is
     * written down, and a later pass carries it out (or the task goes with its host once that is lost).
     */
    public void stop(Task task, TaskDefinitionSpec spec) {
        Optional<DockerEngine> engine = engines.engine(task.instanceId());
        if (engine.isEmpty()) {
            return;
        }
        try {
            List<TaskContainer> containers = stopper.stop(task, spec, engine.get());
            store.markStopped(task.id(), null, null, containers, clock.instant());
        } catch (EngineException e) {
            log.atWarn().addKeyValue("berth.task", task.id()).addKeyValue("berth.instance", task.instanceId())
                    .log("stop of task {} interrupted: {}", task.id(), e.getMessage());
        }
    }
}
