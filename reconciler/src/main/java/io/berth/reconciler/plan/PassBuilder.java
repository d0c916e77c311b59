package io.berth.reconciler.plan;

import io.berth.reconciler.model.StopCode;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskContainer;
import io.berth.reconciler.model.TaskStatus;
import io.berth.reconciler.scheduler.ClusterLoad;
import io.berth.reconciler.scheduler.ClusterLoadBuilder;
import io.berth.reconciler.scheduler.spi.TaskRequirements;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Collects the decisions of one pass and the facts later steps of the pass depend on. */
final class PassBuilder {
    private final ServiceSnapshot snapshot;
    private final Instant now;
    private final List<TaskAction> actions = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    private final Set<UUID> leaving = new HashSet<>();
    private final Set<UUID> markedStopped = new HashSet<>();
    /** Tasks whose stop this pass holds back while their load balancers drain them. */
    private final Set<UUID> deregistering = new HashSet<>();
    private ClusterLoad load;
    private boolean deleteService;
    private Duration requeueAfter;
    private int stops;
    private int leavingButRunning;
    private int unplaced;
    private Integer daemonCount;
    private final List<DeploymentDecision> deployments = new ArrayList<>();
    /** An event the service's last event already said this recently is not said again. */
    private final Duration eventRepeat;

    PassBuilder(ServiceSnapshot snapshot, Instant now, Duration eventRepeat) {
        this.snapshot = snapshot;
        this.now = now;
        this.eventRepeat = eventRepeat;
        this.load = withoutDrainingTasks(snapshot);
    }

    /**
     * The service's tasks on draining instances are on their way out: spread strategies place their
     * replacements as if they were gone (their instance takes no new task anyway).
     */
    private static ClusterLoad withoutDrainingTasks(ServiceSnapshot s) {
        ClusterLoad load = s.load();
        for (Task t : s.tasks()) {
            if (t.isActive() && ServicePlanner.isDraining(s, t)) {
                TaskRequirements req = TaskRequirements.of(s.taskDefinitionOf(t).spec(), t.serviceId());
                load = load.withoutTask(t.instanceId(), new TaskRequirements(t.reservedCpu(), t.reservedMemory(),
                        req.fixedPorts(), req.group(), ClusterLoadBuilder.groupName(t)));
            }
        }
        return load;
    }

    void add(Task task, TaskAction action) {
        if (action instanceof TaskAction.Stop stop) {
            Optional<Instant> hold = drainHold(task);
            if (hold.isPresent()) {
                // Not counted in leavingButRunning: as in ECS, a task no longer RUNNING or PENDING (DEACTIVATING)
                // takes no room under maximumPercent, so its replacement starts while it drains. Its resources
                // stay in the load until it has stopped.
                actions.add(new TaskAction.Deregister(stop.taskId(), stop.code(), stop.reason(), stop.containers()));
                leaving.add(task.id());
                deregistering.add(task.id());
                requeueAfter(Duration.between(now, hold.get()));
                return;
            }
        }
        deregistering.remove(task.id());
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

    /** Until when the stop of a task registered in a target group waits for its draining; empty = stop now. */
    private Optional<Instant> drainHold(Task task) {
        ServiceTraffic traffic = snapshot.traffic();
        if (!Deregistration.registered(task, snapshot.taskDefinitionOf(task).spec(), snapshot.containersOf(task.id()),
                traffic.loadBalancers())) {
            return Optional.empty();
        }
        return Deregistration.holdUntil(traffic.drainOf(task.id()), traffic.deregistrationDelay(), now);
    }

    /** Some stop of this pass is held back while its task drains. */
    boolean anyDeregistering() {
        return !deregistering.isEmpty();
    }

    /** A task whose containers all exited holds no resources any more: its replacement may use them now. */
    private void releaseIfDead(Task task, TaskAction.Stop stop) {
        if (!anyRunning(task)) {
            TaskRequirements req = TaskRequirements.of(snapshot.taskDefinitionOf(task).spec(), task.serviceId());
            load = load.withoutTask(task.instanceId(),
                    new TaskRequirements(task.reservedCpu(), task.reservedMemory(), req.fixedPorts(), req.group(),
                            ClusterLoadBuilder.groupName(task)));
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
                || a instanceof TaskAction.Relaunch || a instanceof TaskAction.Deregister);
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
                && last.createdAt().plus(eventRepeat).isAfter(now);
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

    void daemonCount(int n) {
        daemonCount = n;
    }

    ServicePlan build() {
        return new ServicePlan(actions, events, deleteService, requeueAfter, unplaced, deployments, daemonCount);
    }
}
