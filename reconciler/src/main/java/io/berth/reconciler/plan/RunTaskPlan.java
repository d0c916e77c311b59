package io.berth.reconciler.plan;

import io.berth.reconciler.model.Task;

import java.util.List;

/**
 * What a run-task request decided: the tasks to write (PROVISIONING, placed) and, as ECS answers, one failure per
 * task that found no instance, with the scheduler's reason.
 */
public record RunTaskPlan(List<Task> tasks, List<Failure> failures) {

    public RunTaskPlan {
        tasks = List.copyOf(tasks);
        failures = List.copyOf(failures);
    }

    /** @param reason why no instance could take the task, e.g. "2 instances checked — 2 lack memory (...)" */
    public record Failure(String taskDefinitionArn, String reason) {
    }
}
