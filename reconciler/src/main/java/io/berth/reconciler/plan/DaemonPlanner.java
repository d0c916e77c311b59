package io.berth.reconciler.plan;

import io.berth.reconciler.model.ServiceState;
import io.berth.reconciler.model.StopCode;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskStatus;
import io.berth.reconciler.scheduler.PlacementOutcome;
import io.berth.reconciler.scheduler.Scheduler;
import io.berth.reconciler.scheduler.placement.Placement;
import io.berth.reconciler.scheduler.placement.PlacementConstraint;
import io.berth.reconciler.scheduler.spi.InstanceLoad;
import io.berth.reconciler.scheduler.spi.TaskRequirements;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The counts of a DAEMON service: one task on every eligible instance (ACTIVE, connected, meeting the placement
 * constraints), none elsewhere. Per host, in this order:
 * <ol>
 *     <li>a host no longer eligible and not draining (deregistered, no longer meeting the constraints) loses its task,
 *     with no replacement elsewhere;</li>
 *     <li>a DRAINING host keeps its task until every replica task there has stopped (ECS: daemon tasks stop last);</li>
 *     <li>a second task on one host is stopped;</li>
 *     <li>a task of an older revision is stopped, within minimumHealthyPercent of the eligible hosts
 *     ({@link DaemonArithmetic}), and its host gets the new one once the old has stopped;</li>
 *     <li>an eligible host without a task gets one — on that host, or an event saying why it does not fit.</li>
 * </ol>
 * Pure, like {@link ServicePlanner}, whose pass state it shares.
 */
final class DaemonPlanner {

    /**
     * How soon a daemon waiting for the replica tasks of a draining host looks again: their stops are other services'
     * work and wake only those services.
     */
    static final Duration DRAIN_RECHECK = Duration.ofSeconds(2);

    private final Scheduler scheduler;
    private final PlannerSettings settings;

    DaemonPlanner(Scheduler scheduler, PlannerSettings settings) {
        this.scheduler = scheduler;
        this.settings = settings;
    }

    /** The instances the service wants a task on, in id order. */
    Set<UUID> eligible(ServiceSnapshot s) {
        TaskRequirements req = requirements(s.service());
        Placement placement = placement(s.service());
        Set<UUID> result = new TreeSet<>();
        for (InstanceLoad instance : s.load().instances().values()) {
            if (!s.lostInstances().contains(instance.id()) && !s.drainingInstances().contains(instance.id())
                    && scheduler.eligible(req, placement, instance)) {
                result.add(instance.id());
            }
        }
        return result;
    }

    /**
     * The service's constraints without strategies (the host is given) and without distinctInstance (a daemon is
     * distinct by nature; the filter would find the daemon's own task and call its host ineligible).
     */
    static Placement placement(ServiceState service) {
        return new Placement(List.of(), service.effectivePlacement().constraints().stream()
                .filter(c -> !(c instanceof PlacementConstraint.DistinctInstance)).toList());
    }

    static TaskRequirements requirements(ServiceState service) {
        return TaskRequirements.of(service.taskDefinition().spec(), service.id())
                .withGroupName(TaskRequirements.serviceGroup(service.name()));
    }

    /**
     * @param s       the snapshot whose service's desired count is already the number of {@code eligible} instances
     * @param healthy ids of the active tasks that count as healthy now
     */
    void plan(ServiceSnapshot s, Set<UUID> eligible, Instant now, Supplier<UUID> newTaskId, PassBuilder pass,
              Set<UUID> healthy) {
        ServiceState service = s.service();
        Map<UUID, List<Task>> byHost = new TreeMap<>();
        for (Task t : pass.active()) {
            if (t.instanceId() != null) {
                byHost.computeIfAbsent(t.instanceId(), h -> new ArrayList<>()).add(t);
            }
        }
        Stops stops = new Stops(service.name());
        List<Task> kept = new ArrayList<>();
        for (Map.Entry<UUID, List<Task>> e : byHost.entrySet()) {
            UUID host = e.getKey();
            if (!s.observedInstances().contains(host)) {
                continue; // its engine did not answer: neither healthy nor known to be gone; leave it be
            }
            List<Task> ordered = e.getValue().stream().sorted(keepFirst(service, healthy)).toList();
            if (s.drainingInstances().contains(host)) {
                if (replicaTasksOn(s, host) == 0) {
                    ordered.forEach(t -> stops.add(t, "Container instance %s is draining and its replica tasks have stopped"
                            .formatted(name(s, host))));
                } else {
                    stopSurplus(s, host, ordered, stops); // the one kept stops last
                    pass.requeueAfter(DRAIN_RECHECK);
                }
            } else if (!eligible.contains(host)) {
                ordered.forEach(t -> stops.add(t, "Container instance %s is no longer eligible: not ACTIVE or not meeting the placement constraints"
                        .formatted(name(s, host))));
            } else {
                kept.add(ordered.getFirst());
                stopSurplus(s, host, ordered, stops);
            }
        }

        List<Task> old = kept.stream().filter(t -> !service.isCurrent(t)).toList();
        int allHealthy = (int) kept.stream().filter(t -> healthy.contains(t.id())).count();
        int oldHealthy = (int) old.stream().filter(t -> healthy.contains(t.id())).count();
        int minimumHealthy = DaemonArithmetic.minimumHealthy(eligible.size(), service.deployment().minimumHealthyPercent());
        int oldStops = DaemonArithmetic.oldToStop(old.size(), oldHealthy, allHealthy, minimumHealthy);
        old.stream().sorted(Comparator.comparing((Task t) -> healthy.contains(t.id())).thenComparing(Task::instanceId))
                .limit(oldStops)
                .forEach(t -> stops.add(t, "Task replaced by revision " + service.taskDefinition().arn()));
        stops.apply(pass, settings.maxStopsPerPass());
        if (oldStops > 0) {
            pass.requeueAfter(Duration.ZERO); // the stops free their hosts: start the new revision right after them
        }

        List<UUID> missing = eligible.stream().filter(host -> free(s, pass, host)).toList();
        launch(s, missing, now, newTaskId, pass);

        boolean inFlight = kept.stream().anyMatch(t -> !healthy.contains(t.id())) || !missing.isEmpty();
        if (DaemonArithmetic.stuck(old.size(), oldStops, inFlight)) {
            pass.event(("service %s cannot replace its daemon tasks of an older revision: minimumHealthyPercent %d "
                    + "requires %d healthy of %d instances and a daemon task is stopped before its replacement starts; "
                    + "lower minimumHealthyPercent").formatted(service.name(),
                    service.deployment().minimumHealthyPercent(), minimumHealthy, eligible.size()));
        }
        long running = kept.stream().filter(service::isCurrent).filter(t -> t.lastStatus() == TaskStatus.RUNNING).count();
        if (pass.isQuiet() && old.isEmpty() && kept.size() == eligible.size() && running == eligible.size()
                && byHost.size() == eligible.size()) {
            pass.event("service %s has reached a steady state.".formatted(service.name()));
        }
    }

    private static void stopSurplus(ServiceSnapshot s, UUID host, List<Task> ordered, Stops stops) {
        ordered.subList(1, ordered.size()).forEach(t -> stops.add(t,
                "More than one task of the daemon on container instance " + name(s, host)));
    }

    /** Keep a current task before an old one, then a healthy one, then the oldest. */
    private static Comparator<Task> keepFirst(ServiceState service, Set<UUID> healthy) {
        return Comparator.comparing((Task t) -> !service.isCurrent(t))
                .thenComparing(t -> !healthy.contains(t.id()))
                .thenComparing(Task::createdAt)
                .thenComparing(Task::id);
    }

    /**
     * Tasks of replica services still holding the draining host, as the cluster's load counts them (every task not
     * STOPPED): the service's own tasks and those of other daemons do not count, or two daemons would wait for each
     * other.
     */
    private static int replicaTasksOn(ServiceSnapshot s, UUID host) {
        InstanceLoad load = s.load().instances().get(host);
        if (load == null) {
            return 0;
        }
        int n = 0;
        for (Map.Entry<UUID, Integer> e : load.tasksByGroup().entrySet()) {
            if (!e.getKey().equals(s.service().id()) && !s.daemonServices().contains(e.getKey())) {
                n += e.getValue();
            }
        }
        return n;
    }

    /** No task of the service is on the host (a stopping one included: stop first, then start). */
    private static boolean free(ServiceSnapshot s, PassBuilder pass, UUID host) {
        return s.tasks().stream().noneMatch(t -> host.equals(t.instanceId()) && !t.isStopped() && !pass.isMarkedStopped(t.id()));
    }

    private void launch(ServiceSnapshot s, List<UUID> hosts, Instant now, Supplier<UUID> newTaskId, PassBuilder pass) {
        if (hosts.isEmpty()) {
            return;
        }
        Optional<LaunchPacing.Paused> paused = LaunchPacing.paused(s.service(), pass.withFailuresStopped(), settings, now);
        if (paused.isPresent()) {
            pass.event(paused.get().event());
            pass.requeueAfter(Duration.between(now, paused.get().until()));
            return;
        }
        TaskRequirements req = requirements(s.service());
        Placement placement = placement(s.service()); // checked by eligibility already; resources are not
        List<UUID> started = new ArrayList<>();
        int unplaced = 0;
        for (UUID host : hosts) {
            if (started.size() >= settings.maxLaunchesPerPass()) {
                pass.requeueAfter(Duration.ZERO); // capped: more to start next pass
                break;
            }
            PlacementOutcome outcome = scheduler.placeOn(req, placement, host, pass.load());
            if (outcome.placements().isEmpty()) {
                unplaced++;
                pass.event("service %s was unable to place its daemon task on container instance %s: %s".formatted(
                        s.service().name(), name(s, host), outcome.explanation().describe()));
                continue;
            }
            UUID id = newTaskId.get();
            pass.launch(id, host);
            pass.setLoad(outcome.after());
            started.add(id);
        }
        if (!started.isEmpty()) {
            pass.event("service %s has started %d %s: %s".formatted(s.service().name(), started.size(),
                    started.size() == 1 ? "task" : "tasks", ServicePlanner.shortIds(started)));
        }
        pass.unplaced(unplaced);
    }

    private static String name(ServiceSnapshot s, UUID host) {
        InstanceLoad load = s.load().instances().get(host);
        String shortId = host.toString().substring(0, 8);
        return load == null || load.name() == null || load.name().isBlank() || load.name().equals(host.toString())
                ? shortId : load.name() + " (" + shortId + ")";
    }

    /** The pass's stops, grouped by reason for one event each, within the per-pass cap. */
    private static final class Stops {
        private final String service;
        private final Map<UUID, String> reasons = new LinkedHashMap<>();
        private final Map<UUID, Task> tasks = new LinkedHashMap<>();

        Stops(String service) {
            this.service = service;
        }

        void add(Task t, String reason) {
            reasons.putIfAbsent(t.id(), reason);
            tasks.putIfAbsent(t.id(), t);
        }

        void apply(PassBuilder pass, int maxStopsPerPass) {
            int budget = maxStopsPerPass - pass.stopCount();
            Map<String, List<UUID>> byReason = new LinkedHashMap<>();
            for (Map.Entry<UUID, Task> e : tasks.entrySet()) {
                if (budget <= 0) {
                    pass.requeueAfter(Duration.ZERO); // capped: the rest go next pass
                    break;
                }
                String reason = reasons.get(e.getKey());
                pass.stop(e.getValue(), StopCode.ServiceSchedulerInitiated, reason);
                byReason.computeIfAbsent(reason, r -> new ArrayList<>()).add(e.getKey());
                budget--;
            }
            byReason.forEach((reason, ids) -> pass.event("service %s has stopped %d %s: %s (%s)".formatted(service,
                    ids.size(), ids.size() == 1 ? "task" : "tasks", ServicePlanner.shortIds(ids), reason)));
        }
    }
}
