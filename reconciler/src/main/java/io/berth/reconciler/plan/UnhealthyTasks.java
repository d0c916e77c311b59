package io.berth.reconciler.plan;

import io.berth.reconciler.model.ObservedContainer;
import io.berth.reconciler.model.StopCode;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskContainer;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a pass decides about a task whose health check fails. As ECS: a task whose essential container fails its
 * health check is stopped ("Task failed container health checks") and replaced by the count planning of the same
 * pass. It is a failure of its deployment: the circuit breaker counts it, and the crash-loop backoff paces its
 * replacements. Stopping it never lowers the healthy count (it is not healthy), so it needs no room under
 * minimumHealthyPercent. Pure.
 */
final class UnhealthyTasks {

    /** ECS's stoppedReason for the same case, so that users searching for it find it. */
    static final String REASON = "Task failed container health checks";

    private UnhealthyTasks() {
    }

    /** The stop of an unhealthy task, and the service event that says why. */
    record Replacement(TaskAction.Stop stop, String event) {
    }

    /**
     * @param container the essential container whose check fails
     * @param evaluated what the evaluator decided for the task this pass (its freshest view of the containers)
     */
    static Replacement replace(ServiceSnapshot s, Task task, String container, Optional<TaskAction> evaluated) {
        return new Replacement(new TaskAction.Stop(task.id(), StopCode.TaskFailedHealthChecks, REASON,
                freshestContainers(task, evaluated)),
                "service %s: task %s failed container health checks (%s unhealthy); stopping it to replace it"
                        .formatted(s.service().name(), ServicePlanner.shortIds(List.of(task.id())), container));
    }

    /** The task's containers as the evaluator saw them this pass, else as recorded. */
    static List<TaskContainer> freshestContainers(Task task, Optional<TaskAction> evaluated) {
        return switch (evaluated.orElse(null)) {
            case TaskAction.MarkRunning r -> r.containers();
            case TaskAction.RecordContainers r -> r.containers();
            case null, default -> task.containers();
        };
    }

    /** An unhealthy report during the grace period is ignored: when to look again (the grace's end), if so. */
    static Optional<Instant> lookAgainAt(ServiceSnapshot s, Task task, Instant now) {
        boolean reportsUnhealthy = s.containersOf(task.id()).stream()
                .anyMatch(c -> c.running() && c.health() == ObservedContainer.Health.UNHEALTHY);
        return reportsUnhealthy ? TaskHealth.graceEnds(task, s.service(), now) : Optional.empty();
    }
}
