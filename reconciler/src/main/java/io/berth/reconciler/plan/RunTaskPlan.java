package io.berth.reconciler.plan;

import io.berth.reconciler.model.Task;

import java.util.List;

/**
 * What a run-task request decided: the tasks to write (PROVISIONING, placed) and, as ECS answers, one failure per
 * task that found no instance, with the scheduler's reason.
 *
 * @param repeated true when a request with the same client token had already written these tasks
 */
public record RunTaskPlan(List<Task> tasks, List<Failure> failures, boolean repeated) {

    /** As ECS: at most 10 tasks per run-task request. */
    public static final int MAX_COUNT = 10;

    public RunTaskPlan {
        tasks = List.copyOf(tasks);
        failures = List.copyOf(failures);
    }

    public RunTaskPlan(List<Task> tasks, List<Failure> failures) {
        this(tasks, failures, false);
    }

    /** A retry of a request with the same client token: the tasks the first one wrote, nothing new. */
    public static RunTaskPlan repeated(List<Task> earlier) {
        return new RunTaskPlan(earlier, List.of(), true);
    }

    /** @param reason why no instance could take the task, e.g. "2 instances checked — 2 lack memory (...)" */
    public record Failure(String taskDefinitionArn, String reason) {
    }
}
