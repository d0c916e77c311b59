package io.berth.reconciler.plan;

import io.berth.reconciler.model.ContainerDefinition;
import io.berth.reconciler.model.ContainerLabels;
import io.berth.reconciler.model.ObservedContainer;
import io.berth.reconciler.model.ServiceState;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskDefinitionSpec;
import io.berth.reconciler.model.TaskStatus;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When a task counts as healthy for a rollout: RUNNING, and either every essential container with a health
 * check reports healthy once the service's healthCheckGracePeriod has passed, or — without health checks —
 * it has been RUNNING for the service's minHealthyTime. The waiting times apply to tasks that must prove
 * themselves (the current revision's); a task of an older revision that runs (and passes its checks) counts
 * as it is, or a rollout started right after a deployment would take the young old tasks for failures.
 */
final class TaskHealth {

    private TaskHealth() {
    }

    static boolean isHealthy(Task task, TaskDefinitionSpec spec, List<ObservedContainer> observed, ServiceState service,
                             boolean observedHost, Instant now) {
        if (!task.isActive() || task.lastStatus() != TaskStatus.RUNNING || task.startedAt() == null || !observedHost) {
            return false;
        }
        return healthyFrom(task, spec, observed, service).map(at -> !at.isAfter(now)).orElse(false);
    }

    private static boolean proving(Task task, ServiceState service) {
        return service.isCurrent(task);
    }

    /**
     * The moment the task will count as healthy if nothing changes; empty when that depends on a health check
     * that does not pass yet (its health_status event will trigger a pass).
     */
    static Optional<Instant> healthyFrom(Task task, TaskDefinitionSpec spec, List<ObservedContainer> observed,
                                         ServiceState service) {
        if (task.startedAt() == null) {
            return Optional.empty();
        }
        List<ContainerDefinition> checked = spec.containers().stream()
                .filter(ContainerDefinition::essential).filter(c -> c.healthCheck() != null).toList();
        boolean proving = proving(task, service);
        if (checked.isEmpty()) {
            return Optional.of(proving ? task.startedAt().plus(service.deployment().minHealthyTime()) : task.startedAt());
        }
        for (ContainerDefinition c : checked) {
            boolean healthy = observed.stream()
                    .filter(o -> c.name().equals(o.labels().get(ContainerLabels.CONTAINER)))
                    .anyMatch(o -> o.running() && o.health() == ObservedContainer.Health.HEALTHY);
            if (!healthy) {
                return Optional.empty();
            }
        }
        return Optional.of(proving ? task.startedAt().plus(service.healthCheckGracePeriod()) : task.startedAt());
    }

    /**
     * The essential container whose health check reports unhealthy, once the service's healthCheckGracePeriod has
     * passed since the task started (ECS: health checks are ignored during the grace period; Docker's own
     * startPeriod already keeps a container "starting" before that). Such a task is stopped and replaced, and
     * counts as a failure of its deployment. Empty for tasks not RUNNING, without checks, or still in grace.
     */
    static Optional<String> failingContainer(Task task, TaskDefinitionSpec spec, List<ObservedContainer> observed,
                                             ServiceState service, Instant now) {
        if (!task.isActive() || task.lastStatus() != TaskStatus.RUNNING || task.startedAt() == null
                || now.isBefore(task.startedAt().plus(service.healthCheckGracePeriod()))) {
            return Optional.empty();
        }
        return spec.containers().stream()
                .filter(ContainerDefinition::essential).filter(c -> c.healthCheck() != null)
                .map(ContainerDefinition::name)
                .filter(name -> observed.stream()
                        .filter(o -> name.equals(o.labels().get(ContainerLabels.CONTAINER)))
                        .anyMatch(o -> o.running() && o.health() == ObservedContainer.Health.UNHEALTHY))
                .findFirst();
    }

    /** When the grace period of a running task ends: an unhealthy report before then is ignored, so look again at it. */
    static Optional<Instant> graceEnds(Task task, ServiceState service, Instant now) {
        if (task.startedAt() == null || service.healthCheckGracePeriod().isZero()) {
            return Optional.empty();
        }
        Instant end = task.startedAt().plus(service.healthCheckGracePeriod());
        return end.isAfter(now) ? Optional.of(end) : Optional.empty();
    }
}
