package io.berth.reconciler.plan;

import io.berth.reconciler.model.ContainerDefinition;
import io.berth.reconciler.model.ContainerInstance;
import io.berth.reconciler.model.DeploymentConfig;
import io.berth.reconciler.model.ObservedContainer;
import io.berth.reconciler.model.PortMapping;
import io.berth.reconciler.model.ServiceState;
import io.berth.reconciler.model.StopCode;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskContainer;
import io.berth.reconciler.model.TaskDefinition;
import io.berth.reconciler.model.TaskDefinitionSpec;
import io.berth.reconciler.model.TaskStatus;
import io.berth.reconciler.scheduler.Scheduler;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.berth.reconciler.plan.Fixtures.T0;
import static io.berth.reconciler.plan.Fixtures.id;
import static io.berth.reconciler.plan.Fixtures.newIds;
import static io.berth.reconciler.plan.Fixtures.state;
import static io.berth.reconciler.plan.Fixtures.taskId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random service snapshots — tasks of the current and an older revision in every lifecycle state, with random
 * container observations, on random instances some of which did not answer — and the bounds every plan must keep:
 * maximumPercent 200, minimumHealthyPercent 100, the per-pass caps, determinism.
 */
class ServicePlannerPropertyTest {

    static final Instant NOW = T0.plus(Duration.ofHours(1));

    // ---- generated model ----

    enum Lifecycle { PROVISIONING, PENDING, RUNNING, STOP_REQUESTED, STOP_REQUESTED_PENDING, STOPPED }

    enum Seen { NONE, CREATED, RUNNING, EXITED, OOM, DEAD }

    record SpecGen(int cpu, int memory, boolean sidecar, boolean fixedPort) {
        TaskDefinition toTaskDefinition(int revision) {
            List<ContainerDefinition> containers = new ArrayList<>();
            containers.add(Fixtures.container("app", true,
                    fixedPort ? new PortMapping[]{new PortMapping(80, 8080, "tcp")} : new PortMapping[0]));
            if (sidecar) {
                containers.add(Fixtures.container("sidecar", false));
            }
            return new TaskDefinition("web", revision, new TaskDefinitionSpec(containers, cpu, memory));
        }
    }

    record InstanceGen(int cpu, int memory, boolean active, boolean observed) {
    }

    record TaskGen(int instance, boolean current, Lifecycle lifecycle, Seen app, Seen sidecar, StopCode stopCode,
                   int ageSeconds, int ranSeconds) {
    }

    /** The planner's per-pass settings and the service's rollout bounds. */
    record Knobs(PlannerSettings settings, DeploymentConfig deployment) {
    }

    record Scenario(int desired, boolean deleting, SpecGen oldSpec, SpecGen newSpec, List<InstanceGen> instances,
                    List<TaskGen> tasks, Knobs knobs, boolean lastEventIsSteadyState) {

        PlannerSettings settings() {
            return knobs.settings();
        }

        DeploymentConfig deployment() {
            return knobs.deployment();
        }

        ServiceSnapshot snapshot() {
            TaskDefinition v1 = oldSpec.toTaskDefinition(1);
            TaskDefinition v2 = newSpec.toTaskDefinition(2);
            ServiceState service = new ServiceState(Fixtures.SERVICE_ID, Fixtures.CLUSTER, "web", v2, desired, deleting,
                    Duration.ZERO, knobs.deployment());
            Fixtures.SnapshotBuilder b = Fixtures.snapshot(service).taskDefinition(v1);
            for (int i = 0; i < instances.size(); i++) {
                InstanceGen g = instances.get(i);
                ContainerInstance ci = new ContainerInstance(id(i + 1), Fixtures.CLUSTER, "tcp://h" + i, "e" + i, "h" + i,
                        g.active() ? ContainerInstance.InstanceStatus.ACTIVE : ContainerInstance.InstanceStatus.DRAINING,
                        true, T0, g.cpu(), g.memory(), Map.of());
                if (g.observed()) {
                    b.instance(ci);
                } else {
                    b.unobservedInstance(ci);
                }
            }
            for (int n = 0; n < tasks.size(); n++) {
                TaskGen g = tasks.get(n);
                TaskDefinition td = g.current() ? v2 : v1;
                UUID tid = taskId(n + 1);
                Fixtures.TaskBuilder tb = Fixtures.task(tid, td).on(id(g.instance() % instances.size() + 1))
                        .created(NOW.minusSeconds(g.ageSeconds()));
                Instant started = NOW.minusSeconds(Math.min(g.ageSeconds(), g.ranSeconds()) + 1);
                switch (g.lifecycle()) {
                    case PROVISIONING -> tb.provisioning();
                    case PENDING -> tb.pending();
                    case RUNNING -> tb.running().started(started);
                    case STOP_REQUESTED -> tb.stopRequested(g.stopCode(), "requested");
                    case STOP_REQUESTED_PENDING -> tb.pending().status(TaskStatus.STOPPED, TaskStatus.PENDING);
                    case STOPPED -> tb.stopped(g.stopCode(), g.stopCode() == StopCode.TaskFailedToStart ? null : started,
                            started.plusSeconds(g.ranSeconds()).isAfter(NOW) ? NOW : started.plusSeconds(g.ranSeconds()));
                }
                Task task = tb.build();
                List<ObservedContainer> seen = new ArrayList<>();
                addSeen(seen, tid, "app", g.app(), started);
                if (td.spec().containers().size() > 1) {
                    addSeen(seen, tid, "sidecar", g.sidecar(), started);
                }
                b.task(task, seen.toArray(ObservedContainer[]::new));
            }
            if (lastEventIsSteadyState) {
                b.lastEvent(NOW.minusSeconds(30), "service web has reached a steady state.");
            }
            return b.build();
        }

        private static void addSeen(List<ObservedContainer> seen, UUID task, String name, Seen s, Instant started) {
            switch (s) {
                case NONE -> {
                }
                case CREATED -> seen.add(state(task, name, "created", null, false, null, null));
                case RUNNING -> seen.add(state(task, name, "running", null, false, null, started));
                case EXITED -> seen.add(state(task, name, "exited", 1, false, null, started));
                case OOM -> seen.add(state(task, name, "exited", 137, true, null, started));
                case DEAD -> seen.add(state(task, name, "dead", null, false, "driver failed", started));
            }
        }
    }

    // ---- generators ----

    Arbitrary<SpecGen> specs() {
        return Combinators.combine(
                Arbitraries.of(0, 128, 256, 1024),
                Arbitraries.of(64, 256, 512, 2048),
                Arbitraries.of(true, false),
                Arbitraries.integers().between(1, 5).map(n -> n == 1))
                .as(SpecGen::new);
    }

    Arbitrary<InstanceGen> instanceGens() {
        return Combinators.combine(
                Arbitraries.frequency(Tuple.of(1, 0), Tuple.of(2, 1024), Tuple.of(6, 16384)),
                Arbitraries.frequency(Tuple.of(1, 256), Tuple.of(2, 2048), Tuple.of(6, 32768)),
                Arbitraries.integers().between(1, 10).map(n -> n <= 8),
                Arbitraries.integers().between(1, 10).map(n -> n <= 8))
                .as(InstanceGen::new);
    }

    Arbitrary<TaskGen> taskGens() {
        return Combinators.combine(
                Arbitraries.integers().between(0, 3),
                Arbitraries.of(true, false),
                Arbitraries.frequency(Tuple.of(5, Lifecycle.RUNNING), Tuple.of(2, Lifecycle.PENDING),
                        Tuple.of(1, Lifecycle.PROVISIONING), Tuple.of(1, Lifecycle.STOP_REQUESTED),
                        Tuple.of(1, Lifecycle.STOP_REQUESTED_PENDING), Tuple.of(2, Lifecycle.STOPPED)),
                seen(),
                seen(),
                Arbitraries.of(StopCode.class),
                Arbitraries.integers().between(0, 3600),
                Arbitraries.of(0, 1, 5, 9, 30, 600))
                .as(TaskGen::new);
    }

    /** Mostly running, as containers mostly are. */
    Arbitrary<Seen> seen() {
        return Arbitraries.frequency(Tuple.of(6, Seen.RUNNING), Tuple.of(2, Seen.NONE), Tuple.of(1, Seen.CREATED),
                Tuple.of(1, Seen.EXITED), Tuple.of(1, Seen.OOM), Tuple.of(1, Seen.DEAD));
    }

    Arbitrary<Knobs> settingsGens() {
        Arbitrary<PlannerSettings> settings = Combinators.combine(
                Arbitraries.integers().between(1, 10),
                Arbitraries.integers().between(1, 10),
                Arbitraries.of(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(30)))
                .as((l, s, initial) -> new PlannerSettings(l, s, initial, Duration.ofMinutes(5), Duration.ofSeconds(10),
                        Duration.ofMinutes(5)));
        Arbitrary<DeploymentConfig> deployments = Combinators.combine(
                Arbitraries.of(0, 25, 50, 75, 100),
                Arbitraries.of(100, 110, 150, 200, 300),
                Arbitraries.of(Duration.ZERO, Duration.ofSeconds(3), Duration.ofSeconds(30)))
                .as(DeploymentConfig::new);
        return Combinators.combine(settings, deployments).as(Knobs::new);
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        return Combinators.combine(
                Arbitraries.integers().between(0, 10),
                Arbitraries.integers().between(1, 10).map(n -> n == 1),
                specs(),
                specs(),
                instanceGens().list().ofMinSize(1).ofMaxSize(4),
                taskGens().list().ofMaxSize(15).withSizeDistribution(RandomDistribution.biased()),
                settingsGens(),
                Arbitraries.of(true, false))
                .as(Scenario::new);
    }

    // ---- the properties ----

    static ServicePlan plan(Scenario sc, ServiceSnapshot s) {
        return new ServicePlanner(Scheduler.defaults(), sc.settings()).plan(s, NOW, newIds());
    }

    static String describe(ServiceSnapshot s, ServicePlan plan) {
        StringBuilder sb = new StringBuilder("\ndesired=" + s.service().desiredCount() + " deleting=" + s.service().deleting()
                + " current=" + s.service().taskDefinition().arn() + " observed=" + s.observedInstances() + "\n");
        for (Task t : s.tasks()) {
            sb.append("  task ").append(t.id().toString(), 0, 8).append(' ').append(t.taskDefinitionArn())
                    .append(" on ").append(t.instanceId().getLeastSignificantBits())
                    .append(" desired=").append(t.desiredStatus()).append(" last=").append(t.lastStatus())
                    .append(" seen=").append(s.containersOf(t.id()).stream().map(c -> c.labels().get("berth.container") + ":" + c.status()).toList())
                    .append('\n');
        }
        sb.append("plan:\n");
        plan.actions().forEach(a -> sb.append("  ").append(a.getClass().getSimpleName()).append(' ')
                .append(a.taskId().toString(), 0, 8).append(a instanceof TaskAction.Stop st ? " " + st.code() : "").append('\n'));
        sb.append("events: ").append(plan.events()).append('\n');
        return sb.toString();
    }

    @Property(tries = 2000)
    void plansKeepDeploymentBoundsAndCaps(@ForAll("scenarios") Scenario sc) {
        ServiceSnapshot s = sc.snapshot();
        ServicePlan plan = plan(sc, s);
        PlannerSettings settings = sc.settings();
        int desired = s.service().deleting() ? 0 : s.service().desiredCount();
        String currentArn = s.service().taskDefinition().arn();
        List<String> violations = new ArrayList<>();

        Set<UUID> stoppedIds = plan.actionsOf(TaskAction.Stop.class).stream().map(TaskAction::taskId).collect(Collectors.toSet());
        Set<UUID> leaving = new HashSet<>(stoppedIds);
        plan.actionsOf(TaskAction.MarkStopped.class).forEach(a -> leaving.add(a.taskId()));
        int launches = plan.actionsOf(TaskAction.LaunchNew.class).size();

        // maximumPercent: desired × max / 100 rounded down, never below desired
        long ceiling = Math.max(desired, (long) desired * sc.deployment().maximumPercent() / 100);
        long activeBefore = s.tasks().stream().filter(Task::isActive).count();
        long activeAfter = activeBefore - s.tasks().stream().filter(Task::isActive).filter(t -> leaving.contains(t.id())).count()
                + launches;
        if (activeAfter > Math.max(activeBefore, ceiling)) {
            violations.add("active after %d > max(active before %d, maximum %d)".formatted(activeAfter, activeBefore, ceiling));
        }
        // stricter: launches and stops of one pass run concurrently, so the service's own stops must not be what
        // makes room for its launches — only tasks already dead (stopped for another reason) free their slot
        long deadNow = s.tasks().stream().filter(Task::isActive)
                .filter(t -> plan.actions().stream().anyMatch(a -> a.taskId().equals(t.id())
                        && (a instanceof TaskAction.MarkStopped
                        || a instanceof TaskAction.Stop st && st.code() != StopCode.ServiceSchedulerInitiated)))
                .count();
        long peak = activeBefore - deadNow + launches;
        if (launches > 0 && peak > Math.max(activeBefore, ceiling)) {
            violations.add("while launching, active tasks peak at %d > max(active before %d, maximum %d)"
                    .formatted(peak, activeBefore, ceiling));
        }
        if (s.service().deleting() && launches > 0) {
            violations.add("launches while deleting");
        }

        // caps
        if (launches > settings.maxLaunchesPerPass()) {
            violations.add("%d launches > maxLaunchesPerPass %d".formatted(launches, settings.maxLaunchesPerPass()));
        }
        long schedulerStops = plan.actionsOf(TaskAction.Stop.class).stream()
                .filter(st -> st.code() == StopCode.ServiceSchedulerInitiated)
                .filter(st -> s.tasks().stream().anyMatch(t -> t.id().equals(st.taskId()) && t.isActive()))
                .count();
        if (schedulerStops > settings.maxStopsPerPass()) {
            violations.add("%d scheduler stops > maxStopsPerPass %d".formatted(schedulerStops, settings.maxStopsPerPass()));
        }

        // minimumHealthyPercent: a healthy old task is only stopped while enough healthy ones remain.
        // Healthy, recomputed here independently: RUNNING on a host that answered; a current-revision task only
        // once it has run minHealthyTime (the fixtures have no health checks). A task this pass records RUNNING
        // (its containers run) counts as running from the start the pass records.
        Map<UUID, TaskAction.MarkRunning> markedRunning = plan.actionsOf(TaskAction.MarkRunning.class).stream()
                .collect(Collectors.toMap(TaskAction::taskId, r -> r));
        List<Task> healthyBefore = s.tasks().stream().filter(Task::isActive)
                .map(t -> markedRunning.containsKey(t.id())
                        ? t.running(markedRunning.get(t.id()).containers(), markedRunning.get(t.id()).startedAt()) : t)
                .filter(t -> t.lastStatus() == TaskStatus.RUNNING && t.startedAt() != null)
                .filter(t -> s.observedInstances().contains(t.instanceId()))
                .filter(t -> !t.taskDefinitionArn().equals(currentArn)
                        || !t.startedAt().plus(sc.deployment().minHealthyTime()).isAfter(NOW))
                .toList();
        long floor = (desired * sc.deployment().minimumHealthyPercent() + 99) / 100;
        long healthyAfter = healthyBefore.stream().filter(t -> !stoppedIds.contains(t.id())).count();
        List<Task> healthyOldStoppedByScheduler = healthyBefore.stream()
                .filter(t -> !t.taskDefinitionArn().equals(currentArn))
                .filter(t -> plan.actionsOf(TaskAction.Stop.class).stream()
                        .anyMatch(st -> st.taskId().equals(t.id()) && st.code() == StopCode.ServiceSchedulerInitiated))
                .toList();
        if (!s.service().deleting() && !healthyOldStoppedByScheduler.isEmpty()
                && healthyAfter < Math.min(healthyBefore.size(), floor)) {
            violations.add("stopped %d healthy old tasks leaving %d healthy < minimum %d"
                    .formatted(healthyOldStoppedByScheduler.size(), healthyAfter, floor));
        }

        // tasks on instances that did not answer are not judged (scheduler stops may still name them)
        for (TaskAction a : plan.actions()) {
            Task t = s.tasks().stream().filter(x -> x.id().equals(a.taskId())).findFirst().orElse(null);
            if (t != null && !s.observedInstances().contains(t.instanceId())
                    && !(a instanceof TaskAction.Stop st && st.code() == StopCode.ServiceSchedulerInitiated && t.isActive())) {
                violations.add("%s for task %s on an instance that did not answer".formatted(a.getClass().getSimpleName(), t.id()));
            }
            if (t == null && !(a instanceof TaskAction.LaunchNew)) {
                violations.add("action for unknown task " + a);
            }
            if (t != null && t.isStopped()) {
                violations.add("action for an already STOPPED task " + a);
            }
        }

        // every launch lands on an ACTIVE, answering-or-not instance of the cluster
        for (TaskAction.LaunchNew l : plan.actionsOf(TaskAction.LaunchNew.class)) {
            if (!s.load().instances().containsKey(l.instanceId()) || !s.load().instances().get(l.instanceId()).schedulable()) {
                violations.add("launch on unschedulable/unknown instance " + l.instanceId());
            }
        }

        // how much of the interesting ground the generator covers (printed in the Surefire output)
        Statistics.label("launches").collect(launches == 0 ? "none" : launches == settings.maxLaunchesPerPass() ? "at cap" : "some");
        Statistics.label("launch outcome").collect(s.service().deleting() ? "deleting"
                : plan.events().stream().anyMatch(e -> e.contains("backing off")) ? "backoff"
                : plan.events().stream().anyMatch(e -> e.contains("unable to place")) ? "unplaced"
                : launches > 0 ? "launched" : "nothing wanted");
        Statistics.label("scheduler stops").collect(schedulerStops == 0 ? "none"
                : schedulerStops == settings.maxStopsPerPass() ? "at cap" : "some");
        Statistics.label("healthy old tasks stopped").collect(!healthyOldStoppedByScheduler.isEmpty());
        Statistics.label("old revision active").collect(s.tasks().stream().anyMatch(t -> t.isActive()
                && !t.taskDefinitionArn().equals(currentArn)));

        assertThat(violations).as(describe(s, plan)).isEmpty();
    }

    @Property(tries = 1000)
    void planningIsDeterministic(@ForAll("scenarios") Scenario sc) {
        ServiceSnapshot s = sc.snapshot();
        ServicePlan first = plan(sc, s);
        ServicePlan second = plan(sc, sc.snapshot());
        assertThat(second).as(describe(s, first)).isEqualTo(first);
    }

    @Property(tries = 2000)
    void atMostOneActionPerTask(@ForAll("scenarios") Scenario sc) {
        ServiceSnapshot s = sc.snapshot();
        ServicePlan plan = plan(sc, s);
        Map<UUID, List<String>> perTask = plan.actions().stream().collect(Collectors.groupingBy(TaskAction::taskId,
                Collectors.mapping(a -> a.getClass().getSimpleName(), Collectors.toList())));
        assertThat(perTask.values()).as(describe(s, plan)).allSatisfy(kinds -> assertThat(kinds).hasSize(1));
    }
}
