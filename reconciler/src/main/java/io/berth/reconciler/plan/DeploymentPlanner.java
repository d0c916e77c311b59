package io.berth.reconciler.plan;

import io.berth.reconciler.model.CircuitBreakerConfig;
import io.berth.reconciler.model.Deployment;
import io.berth.reconciler.model.ServiceState;
import io.berth.reconciler.model.Task;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Decides the fate of a service's deployments from its tasks: completed, failed by the circuit breaker or
 * the progress deadline (and rolled back to the last completed deployment), or done with. Pure.
 */
final class DeploymentPlanner {

    private DeploymentPlanner() {
    }

    /**
     * @param active  the service's active tasks after this pass's evaluation (dead ones already left out)
     * @param healthy ids of the active tasks that count as healthy now
     */
    static List<DeploymentDecision> decide(ServiceState service, List<Task> active, Set<UUID> healthy, Instant now) {
        List<DeploymentDecision> decisions = new ArrayList<>();
        Optional<Deployment> primary = service.primary();
        primary.filter(Deployment::inProgress).ifPresent(p -> judgePrimary(service, p, active, healthy, now).ifPresent(decisions::add));
        for (Deployment d : service.deployments()) {
            boolean hasTasks = active.stream().anyMatch(t -> d.id().equals(t.deploymentId()));
            if (d.status() == Deployment.Status.ACTIVE && !hasTasks) {
                decisions.add(new DeploymentDecision.Deactivate(d.id()));
            }
        }
        return decisions;
    }

    private static Optional<DeploymentDecision> judgePrimary(ServiceState service, Deployment primary, List<Task> active,
                                                             Set<UUID> healthy, Instant now) {
        Optional<String> failure = breakerTripped(service, primary).or(() -> deadlinePassed(service, primary, active, healthy, now));
        if (failure.isPresent()) {
            CircuitBreakerConfig breaker = service.deployment().circuitBreaker();
            Optional<Deployment> target = rollbackTarget(service, primary);
            if (breaker.rollback() && target.isPresent()) {
                return Optional.of(new DeploymentDecision.RollBack(primary.id(),
                        failure.get() + "; rolled back to " + target.get().taskDefinitionArn(), target.get().taskDefinitionArn()));
            }
            String why = breaker.rollback() ? failure.get() + "; no completed deployment to roll back to" : failure.get();
            return Optional.of(new DeploymentDecision.Fail(primary.id(), why));
        }
        List<Task> current = active.stream().filter(service::isCurrent).toList();
        boolean olderLeft = active.size() > current.size();
        if (!olderLeft && current.size() == service.desiredCount() && healthy.containsAll(current.stream().map(Task::id).toList())) {
            return Optional.of(new DeploymentDecision.Complete(primary.id(), "%d of %d tasks of %s are healthy"
                    .formatted(current.size(), service.desiredCount(), primary.taskDefinitionArn())));
        }
        return Optional.empty();
    }

    /** ECS's deployment circuit breaker: enough tasks of this deployment failed to start or exited. */
    private static Optional<String> breakerTripped(ServiceState service, Deployment primary) {
        CircuitBreakerConfig breaker = service.deployment().circuitBreaker();
        int threshold = breaker.effectiveThreshold(service.desiredCount());
        if (!breaker.enabled() || primary.failedTasks() < threshold) {
            return Optional.empty();
        }
        return Optional.of("circuit breaker tripped after %d failed tasks of %s (threshold %d)"
                .formatted(primary.failedTasks(), primary.taskDefinitionArn(), threshold));
    }

    /**
     * No progress for progressDeadline: progress is the deployment starting, or one of its tasks becoming
     * healthy (measured from when it started). 10 m deadline, started 12:00, last healthy task started 12:03 →
     * fails at 12:13 unless another one becomes healthy first.
     */
    private static Optional<String> deadlinePassed(ServiceState service, Deployment primary, List<Task> active,
                                                   Set<UUID> healthy, Instant now) {
        Duration deadline = service.deployment().progressDeadline();
        Instant lastProgress = active.stream()
                .filter(service::isCurrent).filter(t -> healthy.contains(t.id()))
                .map(Task::startedAt)
                .filter(java.util.Objects::nonNull)
                .max(Comparator.naturalOrder())
                .filter(at -> at.isAfter(primary.createdAt()))
                .orElse(primary.createdAt());
        if (now.isBefore(lastProgress.plus(deadline))) {
            return Optional.empty();
        }
        return Optional.of("no progress for %s (progressDeadline)".formatted(DurationWords.of(deadline)));
    }

    /** The newest completed deployment other than the failing one. */
    private static Optional<Deployment> rollbackTarget(ServiceState service, Deployment primary) {
        return service.deployments().stream()
                .filter(d -> d.rolloutState() == Deployment.RolloutState.COMPLETED)
                .filter(d -> !d.id().equals(primary.id()))
                .max(Comparator.comparing(Deployment::createdAt));
    }

    /** When the progress deadline of the primary deployment falls, if it is in progress. */
    static Optional<Instant> deadline(ServiceState service, Instant now) {
        return service.primary().filter(Deployment::inProgress)
                .map(p -> p.createdAt().plus(service.deployment().progressDeadline()))
                .filter(at -> at.isAfter(now));
    }
}
