package io.berth.reconciler.taskwork;

import io.berth.docker.ContainerState;
import io.berth.docker.DockerEngine;
import io.berth.reconciler.model.ContainerDefinition;
import io.berth.reconciler.model.ContainerLabels;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskContainer;
import io.berth.reconciler.model.TaskDefinitionSpec;
import io.berth.reconciler.model.TaskStatus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stops a task's containers (SIGTERM, then SIGKILL after the stop timeout) in reverse definition order,
 * and reports their exit codes. The containers stay on the host until the retention period ends.
 */
final class TaskStopper {

    private static final String OOM_REASON = "OutOfMemoryError: container killed due to memory usage";

    private final Duration stopTimeout;

    TaskStopper(Duration stopTimeout) {
        this.stopTimeout = stopTimeout;
    }

    /** ECS stopTimeout: the container's own grace before SIGKILL, else Berth's default. */
    private Duration stopTimeoutOf(ContainerDefinition def) {
        Duration own = def.options().stopTimeout();
        return own != null ? own : stopTimeout;
    }

    List<TaskContainer> stop(Task task, TaskDefinitionSpec spec, DockerEngine engine) {
        Map<String, ContainerState> byName = new HashMap<>();
        for (ContainerState c : engine.list(Map.of(ContainerLabels.TASK_ID, task.id().toString()))) {
            byName.put(c.labels().get(ContainerLabels.CONTAINER), c);
        }
        List<ContainerDefinition> defs = spec.containers();
        for (int i = defs.size() - 1; i >= 0; i--) {
            ContainerState c = byName.get(defs.get(i).name());
            if (c != null && c.running()) {
                engine.stop(c.id(), stopTimeoutOf(defs.get(i)));
            }
        }
        Map<String, TaskContainer> recorded = new HashMap<>();
        task.containers().forEach(c -> recorded.put(c.name(), c));
        List<TaskContainer> result = new ArrayList<>();
        for (ContainerDefinition def : defs) {
            TaskContainer known = recorded.getOrDefault(def.name(), TaskContainer.pending(def.name()));
            ContainerState c = byName.get(def.name());
            ContainerState now = c == null ? null : engine.inspect(c.id()).orElse(null);
            result.add(now == null
                    ? new TaskContainer(def.name(), known.dockerId(), TaskStatus.STOPPED, known.exitCode(), known.reason(), known.hostPorts())
                    : new TaskContainer(def.name(), now.id(), TaskStatus.STOPPED, now.exitCode(),
                    now.oomKilled() ? OOM_REASON : known.reason(), known.hostPorts()));
        }
        return result;
    }
}
