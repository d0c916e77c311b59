package io.berth.reconciler.plan;

import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskContainer;
import io.berth.reconciler.model.TaskDefinition;
import io.berth.reconciler.model.TaskDefinitionSpec;
import io.berth.reconciler.model.TaskOverrides;
import io.berth.reconciler.model.TaskStatus;
import io.berth.reconciler.scheduler.ClusterLoad;
import io.berth.reconciler.scheduler.PlacementOutcome;
import io.berth.reconciler.scheduler.Scheduler;
import io.berth.reconciler.scheduler.placement.Placement;
import io.berth.reconciler.scheduler.spi.TaskRequirements;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Places the tasks of one run-task request: {@code (request, load, now) -> RunTaskPlan}. Pure; ids come from the
 * caller's supplier. The reservations are those of the spec with the overrides applied (a memory override changes
 * what the task holds on its host).
 */
public final class RunTaskPlanner {

    private final Scheduler scheduler;

    public RunTaskPlanner(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    public RunTaskPlan plan(String cluster, TaskDefinition td, TaskOverrides overrides, int count, ClusterLoad load,
                            Instant now, Supplier<UUID> newTaskId) {
        return plan(cluster, td, overrides, Placement.SERVICE_DEFAULT, count, load, now, newTaskId);
    }

    /**
     * @param placement the request's constraints and strategies (ECS run-task's); the task definition's memberOf
     *                  constraints hold whoever places its tasks, so they are added
     */
    public RunTaskPlan plan(String cluster, TaskDefinition td, TaskOverrides overrides, Placement placement, int count,
                            ClusterLoad load, Instant now, Supplier<UUID> newTaskId) {
        TaskDefinitionSpec spec = overrides.applyTo(td.spec());
        // The tasks of one request form a placement group, so that spread places them on different hosts.
        UUID group = UUID.nameUUIDFromBytes(("run-task:" + cluster + ":" + td.arn()).getBytes(StandardCharsets.UTF_8));
        PlacementOutcome outcome = scheduler.place(TaskRequirements.of(spec, group),
                placement.withMoreConstraints(spec.placementConstraints()), count, load);
        List<TaskContainer> containers = spec.containers().stream().map(c -> TaskContainer.pending(c.name())).toList();
        List<Task> tasks = new ArrayList<>();
        for (UUID instance : outcome.placements()) {
            tasks.add(new Task(newTaskId.get(), cluster, null, null, td.family(), td.revision(), instance,
                    TaskStatus.RUNNING, TaskStatus.PROVISIONING, null, null, spec.reservedCpu(), spec.reservedMemory(),
                    containers, now, null, null));
        }
        List<RunTaskPlan.Failure> failures = outcome.unplaced() == 0 ? List.of()
                : Collections.nCopies(outcome.unplaced(), new RunTaskPlan.Failure(td.arn(),
                "unable to place the task: " + outcome.explanation().describe()));
        return new RunTaskPlan(tasks, failures);
    }
}
