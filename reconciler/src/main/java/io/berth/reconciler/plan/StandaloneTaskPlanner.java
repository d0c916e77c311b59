package io.berth.reconciler.plan;

import io.berth.reconciler.model.ObservedContainer;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskDefinitionSpec;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Decides one pass over a one-off (run-task) task: {@code (task, spec, observed containers, now) -> action}. Pure.
 *
 * <p>The same per-task rules as service tasks ({@link TaskEvaluator}: launch what is not started, record exits, stop
 * the task when an essential container exited, finish a requested stop) — and nothing else: no service replaces a
 * one-off task, so a task that ran to completion stays STOPPED and is never restarted.
 */
public final class StandaloneTaskPlanner {

    private StandaloneTaskPlanner() {
    }

    /**
     * @param spec         the task's revision with its run-task overrides applied
     * @param observed     the containers the task's engine reports (the engine answered)
     * @param instanceLost the task's host has been silent for longer than the grace period
     */
    public static Optional<TaskAction> plan(Task task, TaskDefinitionSpec spec, List<ObservedContainer> observed,
                                            boolean instanceLost, Instant now) {
        if (task.isStopped()) {
            return Optional.empty();
        }
        if (instanceLost) {
            return Optional.of(new TaskAction.MarkLost(task.id(), "Host of the task (instance %s) stopped answering"
                    .formatted(task.instanceId().toString().substring(0, 8))));
        }
        return TaskEvaluator.evaluate(task, spec, observed, now);
    }
}
