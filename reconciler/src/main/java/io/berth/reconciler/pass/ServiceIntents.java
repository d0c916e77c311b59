package io.berth.reconciler.pass;

import io.berth.reconciler.model.Deployment;
import io.berth.reconciler.model.ServiceState;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskContainer;
import io.berth.reconciler.model.TaskDefinition;
import io.berth.reconciler.model.TaskStatus;
import io.berth.reconciler.plan.ServicePlan;
import io.berth.reconciler.plan.TaskAction;
import io.berth.reconciler.store.PlacementConflictException;
import io.berth.reconciler.store.StateStore;
import io.berth.reconciler.taskwork.TaskActionRecorder;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the Docker work of a service pass must find written before it starts: new tasks, stops asked for, tasks given
 * up with their host. Placements first: when another pass claimed one of their instances meanwhile,
 * {@link PlacementConflictException} leaves everything of the plan unwritten and the pass is run again.
 */
final class ServiceIntents {

    private final StateStore store;
    private final TaskActionRecorder records;

    ServiceIntents(StateStore store, TaskActionRecorder records) {
        this.store = store;
        this.records = records;
    }

    /** @param byId the service's tasks by id, to which the new tasks are added */
    void write(ServiceState service, ServicePlan plan, Map<UUID, Task> byId, Map<UUID, Long> placementVersions,
               Instant now) {
        List<Task> newTasks = new ArrayList<>();
        for (TaskAction action : plan.actions()) {
            if (action instanceof TaskAction.LaunchNew l) {
                newTasks.add(newTask(service, l, now));
            }
        }
        store.placeTasks(newTasks, placementVersions);
        newTasks.forEach(t -> byId.put(t.id(), t));
        records.writeIntents(plan.actions(), byId, now);
    }

    private static Task newTask(ServiceState service, TaskAction.LaunchNew l, Instant now) {
        TaskDefinition td = service.taskDefinition();
        List<TaskContainer> containers = td.spec().containers().stream()
                .map(c -> TaskContainer.pending(c.name())).toList();
        return new Task(l.taskId(), service.cluster(), service.id(), service.name(), td.family(), td.revision(),
                l.instanceId(), TaskStatus.RUNNING, TaskStatus.PROVISIONING, null, null,
                td.spec().reservedCpu(), td.spec().reservedMemory(), containers, now, null, null,
                service.primary().map(Deployment::id).orElse(null));
    }
}
