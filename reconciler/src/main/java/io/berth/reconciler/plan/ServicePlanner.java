package io.berth.reconciler.plan;

import io.berth.reconciler.model.Deployment;
import io.berth.reconciler.model.DeploymentConfig;
import io.berth.reconciler.model.ServiceState;
import io.berth.reconciler.model.StopCode;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskContainer;
import io.berth.reconciler.model.TaskStatus;
import io.berth.reconciler.scheduler.ClusterLoad;
import io.berth.reconciler.scheduler.PlacementOutcome;
import io.berth.reconciler.scheduler.Scheduler;
import io.berth.reconciler.scheduler.spi.TaskRequirements;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Decides one pass over a service: {@code (snapshot, now) -> ServicePlan}. No I/O, no clock, no randomness:
 * new task ids come from the supplier the caller passes, so tests can fix them.
 */
public final class ServicePlanner {

    private final Scheduler scheduler;
    private final PlannerSettings settings;
    private final DaemonPlanner daemons;

    public ServicePlanner(Scheduler scheduler, PlannerSettings settings) {
        this.scheduler = scheduler;
        this.settings = settings;
        this.daemons = new DaemonPlanner(scheduler, settings);
    }

    public ServicePlan plan(ServiceSnapshot snapshot, Instant now, java.util.function.Supplier<UUID> newTaskId) {
        // A daemon wants one task per eligible instance: that count is its desired count for everything below
        // (deployment completion, circuit breaker threshold, the count users see).
        boolean daemon = snapshot.service().isDaemon() && !snapshot.service().deleting();
        Set<UUID> eligible = daemon ? daemons.eligible(snapshot) : Set.of();
        ServiceSnapshot s = daemon ? snapshot.withService(snapshot.service().withDesiredCount(eligible.size())) : snapshot;
        PassBuilder pass = new PassBuilder(s, now, settings.eventRepeat());
        if (daemon) {
            pass.daemonCount(eligible.size());
        }
        evaluateTasks(s, now, pass);
        if (s.service().deleting()) {
            planDeletion(s, pass);
        } else {
            Set<UUID> healthy = healthy(s, pass.active(), now);
            List<DeploymentDecision> decisions = DeploymentPlanner.decide(s.service(), pass.active(), healthy, now);
            decisions.forEach(d -> pass.deployment(d, describe(s.service(), d)));
            if (decisions.stream().anyMatch(d -> d instanceof DeploymentDecision.RollBack)) {
                pass.requeueAfter(Duration.ZERO); // the next pass rolls out the revision rolled back to
            } else if (s.service().isDaemon()) {
                daemons.plan(s, eligible, now, newTaskId, pass, healthy);
                nextHealthChange(s, pass.active(), healthy, now).ifPresent(at -> pass.requeueAfter(Duration.between(now, at)));
            } else {
                planCounts(s, now, newTaskId, pass, healthy);
            }
            DeploymentPlanner.deadline(s.service(), now).ifPresent(at -> pass.requeueAfter(Duration.between(now, at)));
        }
        return pass.build();
    }

    private void evaluateTasks(ServiceSnapshot s, Instant now, PassBuilder pass) {
        for (Task task : s.tasks()) {
            if (!task.isStopped() && s.lostInstances().contains(task.instanceId())) {
                pass.add(task, new TaskAction.MarkLost(task.id(), "Host of the task (instance %s) stopped answering"
                        .formatted(task.instanceId().toString().substring(0, 8))));
                continue;
            }
            if (task.isStopped() || !s.observedInstances().contains(task.instanceId())) {
                continue; // tasks on hosts that did not answer (but are not lost yet) are left as they are
            }
            Optional<TaskAction> action = TaskEvaluator.evaluate(task, s.taskDefinitionOf(task).spec(), s.containersOf(task.id()), now);
            if (action.isPresent() && action.get() instanceof TaskAction.Stop stop) {
                pass.add(task, action.get()); // dead already (or being stopped): nothing to say about its health
                // A task ended by its own container (exit, OOM kill) is news to the service's users, as ECS
                // reports it; stops that Berth chose are reported where they are decided.
                if (task.desiredStatus() == TaskStatus.RUNNING) {
                    pass.event("service %s task %s stopped: %s".formatted(s.service().name(),
                            shortIds(List.of(task.id())), stop.reason()));
                }
                continue;
            }
            Optional<String> unhealthy = s.service().deleting() ? Optional.empty()
                    : TaskHealth.failingContainer(task, s.taskDefinitionOf(task).spec(), s.containersOf(task.id()), s.service(), now);
            // Judged as it is once this pass records it RUNNING: its balancers check it from then on.
            Task current = action.orElse(null) instanceof TaskAction.MarkRunning r
                    ? task.running(r.containers(), r.startedAt()) : task;
            Optional<String> failingGroup = unhealthy.isPresent() || s.service().deleting() ? Optional.empty()
                    : LoadBalancerHealth.failingGroup(current, s.service(), s.loadBalancerHealth(), now);
            if (unhealthy.isPresent()) {
                UnhealthyTasks.Replacement replacement = UnhealthyTasks.replace(s, task, unhealthy.get(), action);
                pass.add(task, replacement.stop());
                pass.event(replacement.event());
            } else if (failingGroup.isPresent()) {
                UnhealthyTasks.Replacement replacement = LoadBalancerHealth.replace(s, task, failingGroup.get(),
                        UnhealthyTasks.freshestContainers(task, action));
                pass.add(task, replacement.stop());
                pass.event(replacement.event());
            } else {
                action.ifPresent(a -> pass.add(task, a));
                UnhealthyTasks.lookAgainAt(s, task, now).ifPresent(at -> pass.requeueAfter(Duration.between(now, at)));
                LoadBalancerHealth.lookAgainAt(current, s.service(), s.loadBalancerHealth(), now)
                        .ifPresent(at -> pass.requeueAfter(Duration.between(now, at)));
            }
        }
    }

    private void planDeletion(ServiceSnapshot s, PassBuilder pass) {
        List<Task> toStop = pass.active().stream().limit(settings.maxStopsPerPass()).toList();
        for (Task t : toStop) {
            pass.stop(t, StopCode.ServiceSchedulerInitiated, "Service " + s.service().name() + " was deleted");
        }
        if (!toStop.isEmpty()) {
            pass.event("service %s has begun draining %d tasks: the service was deleted".formatted(s.service().name(), toStop.size()));
        }
        boolean nothingRuns = s.tasks().stream().allMatch(t -> t.isStopped() || pass.isMarkedStopped(t.id()));
        if (nothingRuns) {
            pass.deleteService();
        } else if (!pass.anyDeregistering()) {
            pass.requeueAfter(Duration.ZERO); // the stops happen in this pass; the next one deletes the row
        } // else: tasks being drained: the pass looks again when their hold ends (or their drain is recorded)
    }

    private static String describe(ServiceState service, DeploymentDecision d) {
        return switch (d) {
            case DeploymentDecision.Complete c -> "service %s deployment %s completed: %s"
                    .formatted(service.name(), shortIds(List.of(c.deploymentId())), c.reason());
            case DeploymentDecision.Fail f -> "service %s deployment %s failed: %s"
                    .formatted(service.name(), shortIds(List.of(f.deploymentId())), f.reason());
            case DeploymentDecision.RollBack r -> "service %s deployment %s failed: %s"
                    .formatted(service.name(), shortIds(List.of(r.deploymentId())), r.reason());
            case DeploymentDecision.Deactivate x -> null;
        };
    }

    private void planCounts(ServiceSnapshot s, Instant now, java.util.function.Supplier<UUID> newTaskId, PassBuilder pass,
                            Set<UUID> healthy) {
        ServiceState service = s.service();
        String currentArn = service.taskDefinition().arn();
        List<Task> active = pass.active();
        // Tasks on a draining instance are replaced like tasks of an older revision: same bounds, same order.
        List<Task> current = active.stream().filter(service::isCurrent).filter(t -> !isDraining(s, t)).toList();
        List<Task> old = active.stream().filter(t -> !service.isCurrent(t) || isDraining(s, t)).toList();
        int desired = service.desiredCount();
        DeploymentConfig bounds = service.deployment();
        int maximumActive = RolloutArithmetic.maximumActive(desired, bounds.maximumPercent());
        int minimumHealthy = RolloutArithmetic.minimumHealthy(desired, bounds.minimumHealthyPercent());

        // A task this pass stops for failing (unhealthy, or an essential container exited beside a running sidecar)
        // still has containers running until its stop completes: it takes room under maximumPercent until then.
        int allowed = RolloutArithmetic.toStart(desired, current.size(), active.size() + pass.leavingButRunning(), maximumActive);
        int toStart = Math.min(allowed, settings.maxLaunchesPerPass());
        if (toStart > 0) {
            Optional<LaunchPacing.Paused> paused = LaunchPacing.paused(service, pass.withFailuresStopped(), settings, now);
            if (paused.isPresent()) {
                pass.event(paused.get().event());
                pass.requeueAfter(Duration.between(now, paused.get().until()));
            } else {
                launch(s, toStart, newTaskId, pass);
                if (toStart < allowed) {
                    pass.requeueAfter(Duration.ZERO); // capped: more to start next pass
                }
            }
        }

        // Tasks on hosts that did not answer are neither healthy nor known to be unhealthy: leave them be.
        List<Task> oldKnown = old.stream().filter(t -> s.observedInstances().contains(t.instanceId())).toList();
        int oldHealthy = (int) oldKnown.stream().filter(t -> healthy.contains(t.id())).count();
        int oldStops = RolloutArithmetic.oldToStop(oldKnown.size(), oldHealthy, healthy.size(), minimumHealthy);
        stopPreferringIdle(oldKnown, oldStops, healthy, StopCode.ServiceSchedulerInitiated,
                t -> isDraining(s, t)
                        ? "Container instance %s is draining".formatted(t.instanceId().toString().substring(0, 8))
                        : "Task replaced by revision " + currentArn, pass);
        if (oldStops > 0 && allowed < desired - current.size()) {
            pass.requeueAfter(Duration.ZERO); // the stops make room: start the replacements right after them
        }

        boolean inFlight = active.stream().anyMatch(t -> !healthy.contains(t.id()));
        if (RolloutArithmetic.stuck(old.size(), allowed, oldStops, inFlight)) {
            String what = old.stream().allMatch(t -> isDraining(s, t) && service.isCurrent(t))
                    ? "move its tasks off draining instances" : "replace its tasks of an older revision";
            pass.event(("service %s cannot %s: maximumPercent %d allows no more "
                    + "than %d active tasks and minimumHealthyPercent %d requires %d healthy; raise maximumPercent "
                    + "or lower minimumHealthyPercent").formatted(service.name(), what, bounds.maximumPercent(),
                    maximumActive, bounds.minimumHealthyPercent(), minimumHealthy));
        }
        nextHealthChange(s, active, healthy, now).ifPresent(at -> pass.requeueAfter(Duration.between(now, at)));

        int surplus = current.size() - desired;
        stopPreferringIdle(current, surplus, healthy, StopCode.ServiceSchedulerInitiated,
                t -> "Service scaled in to desired count " + desired, pass);

        long currentRunning = current.stream().filter(t -> t.lastStatus() == TaskStatus.RUNNING).count();
        if (pass.isQuiet() && old.isEmpty() && current.size() == desired && currentRunning == desired) {
            pass.event("service %s has reached a steady state.".formatted(service.name()));
        }
    }

    static boolean isDraining(ServiceSnapshot s, Task t) {
        return t.instanceId() != null && s.drainingInstances().contains(t.instanceId());
    }

    private static Set<UUID> healthy(ServiceSnapshot s, List<Task> active, Instant now) {
        Set<UUID> result = new HashSet<>();
        for (Task t : active) {
            if (TaskHealth.isHealthy(t, s.taskDefinitionOf(t).spec(), s.containersOf(t.id()), s.service(),
                    s.observedInstances().contains(t.instanceId()), now)
                    && LoadBalancerHealth.passes(t, s.service(), s.loadBalancerHealth())) {
                result.add(t.id());
            }
        }
        return result;
    }

    /**
     * Time passing makes a task healthy without any event: look again then, while an older revision (or a task on
     * a draining instance) waits for it.
     */
    private static Optional<Instant> nextHealthChange(ServiceSnapshot s, List<Task> active, Set<UUID> healthy, Instant now) {
        boolean rollout = active.stream().anyMatch(t -> !s.service().isCurrent(t) || isDraining(s, t))
                || s.service().primary().filter(Deployment::inProgress).isPresent();
        if (!rollout) {
            return Optional.empty();
        }
        return active.stream()
                .filter(t -> !healthy.contains(t.id()) && t.lastStatus() == TaskStatus.RUNNING)
                .flatMap(t -> TaskHealth.healthyFrom(t, s.taskDefinitionOf(t).spec(), s.containersOf(t.id()), s.service()).stream())
                .filter(at -> at.isAfter(now))
                .min(Instant::compareTo);
    }

    private void launch(ServiceSnapshot s, int count, java.util.function.Supplier<UUID> newTaskId, PassBuilder pass) {
        TaskRequirements req = TaskRequirements.of(s.service().taskDefinition().spec(), s.service().id())
                .withGroupName(TaskRequirements.serviceGroup(s.service().name()));
        // Daemons are placed first: room their missing tasks need is held, and a replica that finds none is told so.
        ClusterLoad before = pass.load();
        DaemonHolds holds = DaemonHolds.of(scheduler, s.daemons(), before);
        PlacementOutcome outcome = scheduler.place(req, s.service().effectivePlacement(), count, holds.load());
        List<UUID> started = new ArrayList<>();
        for (UUID instance : outcome.placements()) {
            UUID id = newTaskId.get();
            pass.launch(id, instance);
            started.add(id);
        }
        pass.setLoad(outcome.after());
        if (!started.isEmpty()) {
            pass.event("service %s has started %d %s: %s".formatted(s.service().name(), started.size(),
                    started.size() == 1 ? "task" : "tasks", shortIds(started)));
        }
        pass.unplaced(outcome.unplaced());
        if (outcome.unplaced() > 0) {
            String why = outcome.explanation().describe();
            if (!holds.isEmpty() && scheduler.place(req, s.service().effectivePlacement(), count, before).unplaced()
                    < outcome.unplaced()) {
                why += "; " + holds.describe(before);
            }
            pass.event("service %s was unable to place %d %s: %s".formatted(s.service().name(), outcome.unplaced(),
                    outcome.unplaced() == 1 ? "task" : "tasks", why));
        }
    }

    /** Stops {@code count} tasks: those not running first, then unhealthy ones, then the youngest (the cheapest to lose). */
    private void stopPreferringIdle(List<Task> candidates, int count, Set<UUID> healthy, StopCode code,
                                    java.util.function.Function<Task, String> reasonOf, PassBuilder pass) {
        int budget = Math.min(count, settings.maxStopsPerPass() - pass.stopCount());
        if (budget < count) {
            pass.requeueAfter(Duration.ZERO); // capped: the rest go next pass, not at the next resync
        }
        if (budget <= 0) {
            return;
        }
        List<Task> chosen = candidates.stream()
                .sorted(Comparator.comparing((Task t) -> t.lastStatus() == TaskStatus.RUNNING)
                        .thenComparing(t -> healthy.contains(t.id()))
                        .thenComparing(Task::createdAt, Comparator.reverseOrder())
                        .thenComparing(Task::id))
                .limit(budget)
                .toList();
        java.util.Map<String, List<UUID>> byReason = new java.util.LinkedHashMap<>();
        for (Task t : chosen) {
            String reason = reasonOf.apply(t);
            pass.stop(t, code, reason);
            byReason.computeIfAbsent(reason, r -> new ArrayList<>()).add(t.id());
        }
        byReason.forEach((reason, ids) -> pass.event("service %s has stopped %d %s: %s (%s)".formatted(pass.serviceName(),
                ids.size(), ids.size() == 1 ? "task" : "tasks", shortIds(ids), reason)));
    }

    static String shortIds(List<UUID> ids) {
        return String.join(", ", ids.stream().map(id -> id.toString().substring(0, 8)).toList());
    }
}
