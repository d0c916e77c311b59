package io.berth.reconciler.plan;

import io.berth.reconciler.model.BackoffConfig;
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
import io.berth.reconciler.scheduler.TaskRequirements;

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

    /** ECS's stoppedReason for the same case, so that users searching for it find it. */
    static final String UNHEALTHY_REASON = "Task failed container health checks";

    private final Scheduler scheduler;
    private final PlannerSettings settings;

    public ServicePlanner(Scheduler scheduler, PlannerSettings settings) {
        this.scheduler = scheduler;
        this.settings = settings;
    }

    public ServicePlan plan(ServiceSnapshot s, Instant now, java.util.function.Supplier<UUID> newTaskId) {
        PassBuilder pass = new PassBuilder(s, now);
        evaluateTasks(s, now, pass);
        if (s.service().deleting()) {
            planDeletion(s, pass);
        } else {
            Set<UUID> healthy = healthy(s, pass.active(), now);
            List<DeploymentDecision> decisions = DeploymentPlanner.decide(s.service(), pass.active(), healthy, now);
            decisions.forEach(d -> pass.deployment(d, describe(s.service(), d)));
            if (decisions.stream().anyMatch(d -> d instanceof DeploymentDecision.RollBack)) {
                pass.requeueAfter(Duration.ZERO); // the next pass rolls out the revision rolled back to
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
            if (unhealthy.isPresent()) {
                replaceUnhealthy(s, task, unhealthy.get(), action, pass);
            } else {
                action.ifPresent(a -> pass.add(task, a));
                unhealthyAfterGrace(s, task, now).ifPresent(at -> pass.requeueAfter(Duration.between(now, at)));
            }
        }
    }

    /**
     * As ECS: a task whose essential container fails its health check is stopped ("Task failed container health
     * checks") and replaced by the count planning of this same pass. It is a failure of its deployment: the circuit
     * breaker counts it, and the crash-loop backoff paces its replacements. Stopping it never lowers the healthy
     * count (it is not healthy), so it needs no room under minimumHealthyPercent.
     */
    private static void replaceUnhealthy(ServiceSnapshot s, Task task, String container, Optional<TaskAction> evaluated,
                                         PassBuilder pass) {
        List<TaskContainer> containers = switch (evaluated.orElse(null)) {
            case TaskAction.MarkRunning r -> r.containers();
            case TaskAction.RecordContainers r -> r.containers();
            case null, default -> task.containers();
        };
        pass.add(task, new TaskAction.Stop(task.id(), StopCode.TaskFailedHealthChecks, UNHEALTHY_REASON, containers));
        pass.event("service %s: task %s failed container health checks (%s unhealthy); stopping it to replace it"
                .formatted(s.service().name(), shortIds(List.of(task.id())), container));
    }

    /** An unhealthy report during the grace period is ignored: look again when the grace ends. */
    private static Optional<Instant> unhealthyAfterGrace(ServiceSnapshot s, Task task, Instant now) {
        boolean reportsUnhealthy = s.containersOf(task.id()).stream().anyMatch(c -> c.running()
                && c.health() == io.berth.docker.ContainerState.Health.UNHEALTHY);
        return reportsUnhealthy ? TaskHealth.graceEnds(task, s.service(), now) : Optional.empty();
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
        } else {
            pass.requeueAfter(Duration.ZERO); // the stops happen in this pass; the next one deletes the row
        }
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
            Optional<LaunchBackoff.Wait> wait = LaunchBackoff.next(pass.withFailuresStopped(), backoffOf(service), settings.stableRun(), now);
            if (wait.isPresent()) {
                Task failed = wait.get().lastFailure();
                pass.event("service %s: task %s %s; backing off, next replacement in %s".formatted(service.name(),
                        shortIds(List.of(failed.id())), LaunchBackoff.failureWords(failed), DurationWords.of(wait.get().delay())));
                pass.requeueAfter(Duration.between(now, wait.get().until()));
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

    private static boolean isDraining(ServiceSnapshot s, Task t) {
        return t.instanceId() != null && s.drainingInstances().contains(t.instanceId());
    }

    /** The service's own crash-loop backoff, else Berth's configured one. */
    private BackoffConfig backoffOf(ServiceState service) {
        BackoffConfig own = service.deployment().backoff();
        return own != null ? own : new BackoffConfig(settings.backoffInitial(), settings.backoffMax());
    }

    private static Set<UUID> healthy(ServiceSnapshot s, List<Task> active, Instant now) {
        Set<UUID> result = new HashSet<>();
        for (Task t : active) {
            if (TaskHealth.isHealthy(t, s.taskDefinitionOf(t).spec(), s.containersOf(t.id()), s.service(),
                    s.observedInstances().contains(t.instanceId()), now)) {
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
        PlacementOutcome outcome = scheduler.place(req, s.service().effectivePlacement(), count, pass.load());
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
            pass.event("service %s was unable to place %d %s: %s".formatted(s.service().name(), outcome.unplaced(),
                    outcome.unplaced() == 1 ? "task" : "tasks", outcome.explanation().describe()));
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

    /** Collects the decisions of one pass and the facts later steps of the pass depend on. */
    private final class PassBuilder {
        private final ServiceSnapshot snapshot;
        private final Instant now;
        private final List<TaskAction> actions = new ArrayList<>();
        private final List<String> events = new ArrayList<>();
        private final Set<UUID> leaving = new HashSet<>();
        private final Set<UUID> markedStopped = new HashSet<>();
        private ClusterLoad load;
        private boolean deleteService;
        private Duration requeueAfter;
        private int stops;
        private int leavingButRunning;
        private int unplaced;
        private final List<DeploymentDecision> deployments = new ArrayList<>();

        PassBuilder(ServiceSnapshot snapshot, Instant now) {
            this.snapshot = snapshot;
            this.now = now;
            this.load = withoutDrainingTasks(snapshot);
        }

        /**
         * The service's tasks on draining instances are on their way out: spread strategies place their
         * replacements as if they were gone (their instance takes no new task anyway).
         */
        private static ClusterLoad withoutDrainingTasks(ServiceSnapshot s) {
            ClusterLoad load = s.load();
            for (Task t : s.tasks()) {
                if (t.isActive() && isDraining(s, t)) {
                    TaskRequirements req = TaskRequirements.of(s.taskDefinitionOf(t).spec(), t.serviceId());
                    load = load.withoutTask(t.instanceId(), new TaskRequirements(t.reservedCpu(), t.reservedMemory(),
                            req.fixedPorts(), req.group(), ClusterLoads.groupName(t)));
                }
            }
            return load;
        }

        void add(Task task, TaskAction action) {
            actions.add(action);
            switch (action) {
                case TaskAction.Stop stop -> {
                    leaving.add(task.id());
                    if (task.desiredStatus() == TaskStatus.RUNNING) {
                        releaseIfDead(task, stop);
                    }
                    // Also a stop decided by an earlier pass and still under way: its containers run until it ends.
                    if (anyRunning(task)) {
                        leavingButRunning++;
                    }
                }
                case TaskAction.MarkStopped ms -> {
                    leaving.add(task.id());
                    markedStopped.add(task.id());
                }
                case TaskAction.MarkLost ml -> {
                    leaving.add(task.id());
                    markedStopped.add(task.id());
                }
                default -> {
                }
            }
        }

        /** A task whose containers all exited holds no resources any more: its replacement may use them now. */
        private void releaseIfDead(Task task, TaskAction.Stop stop) {
            if (!anyRunning(task)) {
                TaskRequirements req = TaskRequirements.of(snapshot.taskDefinitionOf(task).spec(), task.serviceId());
                load = load.withoutTask(task.instanceId(),
                        new TaskRequirements(task.reservedCpu(), task.reservedMemory(), req.fixedPorts(), req.group(),
                                ClusterLoads.groupName(task)));
            }
        }

        private boolean anyRunning(Task task) {
            return snapshot.containersOf(task.id()).stream().anyMatch(c -> ContainerPhase.of(c) == ContainerPhase.RUNNING);
        }

        /** Tasks this pass stopped for failing whose containers still run: they count as active until they stop. */
        int leavingButRunning() {
            return leavingButRunning;
        }

        /**
         * A scheduler-chosen stop. It replaces whatever the evaluator decided for the task this pass (a Relaunch
         * must not race the stop in the executor), keeping the freshest view of its containers.
         */
        void stop(Task task, StopCode code, String reason) {
            stops++;
            List<TaskContainer> containers = task.containers();
            for (TaskAction a : actions) {
                if (a.taskId().equals(task.id())) {
                    switch (a) {
                        case TaskAction.MarkRunning r -> containers = r.containers();
                        case TaskAction.RecordContainers r -> containers = r.containers();
                        default -> {
                        }
                    }
                }
            }
            actions.removeIf(a -> a.taskId().equals(task.id()));
            add(task, new TaskAction.Stop(task.id(), code, reason, containers));
        }

        void deployment(DeploymentDecision decision, String message) {
            deployments.add(decision);
            if (message != null) {
                event(message);
            }
        }

        void unplaced(int n) {
            unplaced += n;
        }

        void launch(UUID id, UUID instance) {
            actions.add(new TaskAction.LaunchNew(id, instance));
        }

        /**
         * The service's tasks as they are once this pass's stops of failed tasks are written: a task that crashed
         * is replaced in the very pass that stops it, and the backoff must count it as the failure it is, not as a
         * task still running.
         */
        List<Task> withFailuresStopped() {
            Map<UUID, TaskAction.Stop> failing = new HashMap<>();
            for (TaskAction a : actions) {
                if (a instanceof TaskAction.Stop stop && stop.code() != null && stop.code().isFailure()) {
                    failing.put(stop.taskId(), stop);
                }
            }
            return snapshot.tasks().stream().map(t -> {
                TaskAction.Stop stop = failing.get(t.id());
                return stop == null || t.isStopped() ? t : new Task(t.id(), t.cluster(), t.serviceId(), t.serviceName(),
                        t.family(), t.revision(), t.instanceId(), TaskStatus.STOPPED, TaskStatus.STOPPED, stop.code(),
                        stop.reason(), t.reservedCpu(), t.reservedMemory(), stop.containers(), t.createdAt(), t.startedAt(),
                        now, t.deploymentId());
            }).toList();
        }

        /**
         * The active tasks as this pass leaves them: a task it records RUNNING counts as running now. Its health
         * event often comes before its RUNNING state is recorded (the launch records it after the start, the
         * health check passes a second later, and the pass for the event may be the one that notices the start):
         * judged by its stale record, it would not count as healthy, and the deployment it completes would wait
         * for the next resync.
         */
        List<Task> active() {
            Map<UUID, TaskAction.MarkRunning> running = new HashMap<>();
            for (TaskAction a : actions) {
                if (a instanceof TaskAction.MarkRunning r) {
                    running.put(r.taskId(), r);
                }
            }
            return snapshot.tasks().stream().filter(Task::isActive).filter(t -> !leaving.contains(t.id()))
                    .map(t -> {
                        TaskAction.MarkRunning r = running.get(t.id());
                        return r == null ? t : t.running(r.containers(), r.startedAt());
                    })
                    .toList();
        }

        boolean isMarkedStopped(UUID id) {
            return markedStopped.contains(id);
        }

        /** No launch or stop was decided (bookkeeping actions such as MarkRunning do not count). */
        boolean isQuiet() {
            return actions.stream().noneMatch(a -> a instanceof TaskAction.LaunchNew || a instanceof TaskAction.Stop
                    || a instanceof TaskAction.Relaunch);
        }

        int stopCount() {
            return stops;
        }

        String serviceName() {
            return snapshot.service().name();
        }

        ClusterLoad load() {
            return load;
        }

        void setLoad(ClusterLoad load) {
            this.load = load;
        }

        void event(String message) {
            var last = snapshot.lastEvent();
            boolean repeat = last != null && last.message().equals(message)
                    && last.createdAt().plus(settings.eventRepeat()).isAfter(now);
            if (!repeat) {
                events.add(message);
            }
        }

        void deleteService() {
            deleteService = true;
        }

        void requeueAfter(Duration d) {
            requeueAfter = requeueAfter == null || d.compareTo(requeueAfter) < 0 ? d : requeueAfter;
        }

        ServicePlan build() {
            return new ServicePlan(actions, events, deleteService, requeueAfter, unplaced, deployments);
        }
    }
}
