package io.berth.reconciler.plan;

import io.berth.reconciler.model.ServiceState;
import io.berth.reconciler.model.StopCode;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskContainer;
import io.berth.reconciler.model.TaskStatus;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A task's health as its load balancers see it (ECS with an ELB). Pure: decides from {@link LoadBalancerFacts} only.
 *
 * <p><b>Rollout gating.</b> A task of the current revision of a service behind load balancers counts as healthy only
 * when it is {@code healthy} in every target group of the service, on top of its container checks
 * ({@link TaskHealth}). Worked example: groups {@code web, admin}; a new task is {@code healthy} in {@code web} and
 * {@code initial} in {@code admin} → not healthy yet, the rollout keeps the old task it would replace. Once
 * {@code admin} says {@code healthy} too, the traffic pass's report wakes the service and the rollout goes on. No
 * report at all (the balancer was silent, or not read yet since this Berth leads) is not healthy either: the rollout
 * waits rather than trusting an unchecked task. Tasks of older revisions count as they are (like {@link TaskHealth}),
 * so that a balancer that cannot be asked never makes them look unhealthy and expendable.
 *
 * <p><b>Replacement.</b> A RUNNING task that a load balancer reports {@code unhealthy} in one of its groups (HAProxy
 * marks a server down only after the group's unhealthyThreshold failed checks) is stopped with
 * {@link StopCode#TaskFailedElbHealthChecks} and replaced, once the service's healthCheckGracePeriod has passed since
 * it started. Worked example: grace 60 s, task started 10:00:00, {@code unhealthy} in {@code web} at 10:00:30 →
 * nothing now, look again at 10:01:00; still {@code unhealthy} then → stopped, "Task failed ELB health checks in
 * (target-group web)". Only evidence counts: {@code initial}, {@code unavailable}, {@code draining} or no report never
 * stop a task — after a blip in which no balancer can be asked, the fleet stays as it is.
 */
final class LoadBalancerHealth {

    static final String REASON = "Task failed ELB health checks in (target-group %s)";
    static final String HEALTHY = "healthy";
    static final String UNHEALTHY = "unhealthy";

    private LoadBalancerHealth() {
    }

    /** Whether the balancers let the task count as healthy for a rollout (always so for a service behind none). */
    static boolean passes(Task task, ServiceState service, LoadBalancerFacts facts) {
        if (!facts.behindLoadBalancer() || !service.isCurrent(task)) {
            return true;
        }
        return facts.targetGroups().stream()
                .allMatch(g -> facts.stateOf(task.id(), g).filter(HEALTHY::equals).isPresent());
    }

    /**
     * The first target group (in the service's order) that reports the task unhealthy once its grace period is over;
     * empty for a task not RUNNING, still in grace, or without such a report.
     */
    static Optional<String> failingGroup(Task task, ServiceState service, LoadBalancerFacts facts, Instant now) {
        if (!task.isActive() || task.lastStatus() != TaskStatus.RUNNING || task.startedAt() == null
                || now.isBefore(task.startedAt().plus(service.healthCheckGracePeriod()))) {
            return Optional.empty();
        }
        return reportedUnhealthy(task, facts);
    }

    private static Optional<String> reportedUnhealthy(Task task, LoadBalancerFacts facts) {
        return facts.targetGroups().stream()
                .filter(g -> facts.stateOf(task.id(), g).filter(UNHEALTHY::equals).isPresent())
                .findFirst();
    }

    /**
     * The stop of a task a balancer reports unhealthy, and the service event that says why. As with container health
     * checks ({@link UnhealthyTasks}) it is a failure of its deployment: the circuit breaker counts it and the
     * crash-loop backoff paces its replacements.
     *
     * @param containers the task's containers as the pass knows them freshest
     */
    static UnhealthyTasks.Replacement replace(ServiceSnapshot s, Task task, String targetGroup,
                                              List<TaskContainer> containers) {
        String reason = REASON.formatted(targetGroup);
        return new UnhealthyTasks.Replacement(
                new TaskAction.Stop(task.id(), StopCode.TaskFailedElbHealthChecks, reason, containers),
                "service %s: task %s failed ELB health checks in target group %s; stopping it to replace it"
                        .formatted(s.service().name(), ServicePlanner.shortIds(List.of(task.id())), targetGroup));
    }

    /** An unhealthy report during the grace period is ignored: when to look again (the grace's end), if so. */
    static Optional<Instant> lookAgainAt(Task task, ServiceState service, LoadBalancerFacts facts, Instant now) {
        if (!task.isActive() || task.lastStatus() != TaskStatus.RUNNING) {
            return Optional.empty();
        }
        return reportedUnhealthy(task, facts).flatMap(g -> TaskHealth.graceEnds(task, service, now));
    }
}
