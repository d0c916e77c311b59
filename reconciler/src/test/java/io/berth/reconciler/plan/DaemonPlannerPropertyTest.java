package io.berth.reconciler.plan;

import io.berth.reconciler.model.ContainerInstance;
import io.berth.reconciler.model.DeploymentConfig;
import io.berth.reconciler.model.ServiceState;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskDefinition;
import io.berth.reconciler.scheduler.Scheduler;
import io.berth.reconciler.scheduler.placement.Placement;
import io.berth.reconciler.scheduler.placement.PlacementConstraint;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.berth.reconciler.plan.Fixtures.CLUSTER;
import static io.berth.reconciler.plan.Fixtures.T0;
import static io.berth.reconciler.plan.Fixtures.id;
import static io.berth.reconciler.plan.Fixtures.newIds;
import static io.berth.reconciler.plan.Fixtures.task;
import static io.berth.reconciler.plan.Fixtures.taskId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random clusters — hosts ACTIVE or DRAINING, meeting the constraint or not, answering or not, with or without room,
 * replica tasks of another service on them, and 0 to 2 daemon tasks of the current or an older revision, healthy or
 * still starting — and what every daemon plan must keep: never two tasks on a host, never a task on a host that is not
 * eligible, a daemon on a draining host stops only after the replicas there, minimumHealthyPercent over the eligible
 * hosts during a rollout, and the count is the eligible hosts. The clock is fixed ({@link #NOW}).
 */
class DaemonPlannerPropertyTest {

    static final Instant NOW = T0.plus(Duration.ofHours(1));
    static final TaskDefinition CURRENT = Fixtures.web(2);
    static final TaskDefinition OLD = Fixtures.web(1);
    static final UUID REPLICA_SERVICE = UUID.fromString("5e000000-0000-0000-0000-0000000000aa");

    record HostGen(boolean draining, boolean edge, boolean observed, boolean roomy, boolean replicas, List<TaskGen> tasks) {
    }

    record TaskGen(boolean current, boolean healthy) {
    }

    record World(List<HostGen> hosts, int minimumHealthyPercent, boolean edgeOnly) {

        ServiceState service() {
            Placement placement = edgeOnly ? new Placement(List.of(),
                    List.of(PlacementConstraint.MemberOf.parse("attribute:role == edge"))) : Placement.SERVICE_DEFAULT;
            return Fixtures.daemon(CURRENT, new DeploymentConfig(minimumHealthyPercent, 100, Duration.ZERO), placement);
        }

        boolean eligible(int i) {
            HostGen h = hosts.get(i);
            return !h.draining() && (h.edge() || !edgeOnly);
        }

        ServiceSnapshot snapshot() {
            Fixtures.SnapshotBuilder s = Fixtures.snapshot(service()).taskDefinition(OLD);
            int taskNo = 0;
            for (int i = 0; i < hosts.size(); i++) {
                HostGen h = hosts.get(i);
                UUID hostId = id(i + 1);
                ContainerInstance instance = new ContainerInstance(hostId, CLUSTER, "tcp://h" + i + ":2376", "e" + i,
                        "host-" + i, h.draining() ? ContainerInstance.InstanceStatus.DRAINING
                        : ContainerInstance.InstanceStatus.ACTIVE, true, T0, 4096, h.roomy() ? 8192 : 256,
                        Map.of("role", h.edge() ? "edge" : "db"));
                if (h.observed()) {
                    s.instance(instance);
                } else {
                    s.unobservedInstance(instance);
                }
                if (h.replicas()) {
                    s.otherTask(task(taskId(900 + i), CURRENT).service(REPLICA_SERVICE, "api").on(hostId).running().build());
                }
                for (TaskGen t : h.tasks()) {
                    Fixtures.TaskBuilder b = task(taskId(++taskNo), t.current() ? CURRENT : OLD).on(hostId)
                            .created(T0.plusSeconds(taskNo));
                    if (t.healthy() && h.observed()) {
                        s.healthyTask(b);
                    } else {
                        s.task(b.pending().build());
                    }
                }
            }
            return s.build();
        }
    }

    @Provide
    Arbitrary<World> worlds() {
        Arbitrary<TaskGen> tasks = Combinators.combine(Arbitraries.of(true, false),
                Arbitraries.integers().between(1, 4).map(n -> n > 1)).as(TaskGen::new);
        Arbitrary<HostGen> hosts = Combinators.combine(
                Arbitraries.integers().between(1, 5).map(n -> n == 1),
                Arbitraries.integers().between(1, 4).map(n -> n > 1),
                Arbitraries.integers().between(1, 8).map(n -> n > 1),
                Arbitraries.integers().between(1, 6).map(n -> n > 1),
                Arbitraries.of(true, false),
                Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(3, tasks.list().ofSize(0)),
                        net.jqwik.api.Tuple.of(6, tasks.list().ofSize(1)),
                        net.jqwik.api.Tuple.of(1, tasks.list().ofSize(2))))
                .as(HostGen::new);
        return Combinators.combine(hosts.list().ofMinSize(1).ofMaxSize(7), Arbitraries.of(0, 25, 50, 75, 100),
                Arbitraries.of(true, false)).as(World::new);
    }

    static ServicePlan plan(World w) {
        return new ServicePlanner(Scheduler.defaults(), Fixtures.settings(50, 50)).plan(w.snapshot(), NOW, newIds());
    }

    /** The world's daemon tasks by host index, and which of them count as healthy. */
    static Map<Integer, List<Task>> tasksByHost(World w, ServiceSnapshot s) {
        Map<Integer, List<Task>> result = new HashMap<>();
        for (Task t : s.tasks()) {
            int host = (int) t.instanceId().getLeastSignificantBits() - 1;
            result.computeIfAbsent(host, h -> new ArrayList<>()).add(t);
        }
        return result;
    }

    @Property(tries = 400)
    void neverTwoOnAHostAndNeverOnAHostThatIsNotEligible(@ForAll("worlds") World w) {
        ServiceSnapshot s = w.snapshot();
        ServicePlan plan = plan(w);
        Set<UUID> stopped = new HashSet<>(plan.actionsOf(TaskAction.Stop.class).stream().map(TaskAction::taskId).toList());
        Map<Integer, List<Task>> byHost = tasksByHost(w, s);
        for (TaskAction.LaunchNew l : plan.actionsOf(TaskAction.LaunchNew.class)) {
            int host = (int) l.instanceId().getLeastSignificantBits() - 1;
            assertThat(w.eligible(host)).as("launch on host %d of %s", host, w).isTrue();
            assertThat(byHost.getOrDefault(host, List.of())).as("launch beside a task on host %d", host).isEmpty();
        }
        for (int i = 0; i < w.hosts().size(); i++) {
            HostGen h = w.hosts().get(i);
            long launched = plan.actionsOf(TaskAction.LaunchNew.class).stream()
                    .filter(l -> l.instanceId().equals(id(w.hosts().indexOf(h) + 1))).count();
            long staying = byHost.getOrDefault(i, List.of()).stream().filter(t -> !stopped.contains(t.id())).count();
            if (h.observed()) {
                assertThat(staying + launched).as("tasks on host %d after the plan, %s", i, w).isLessThanOrEqualTo(1);
            }
            if (h.observed() && !w.eligible(i) && !h.draining()) {
                assertThat(staying).as("a task left on ineligible host %d", i).isZero();
            }
        }
        long eligible = java.util.stream.IntStream.range(0, w.hosts().size()).filter(w::eligible).count();
        assertThat(plan.daemonCount()).isEqualTo((int) eligible);
    }

    @Property(tries = 400)
    void onADrainingHostTheDaemonStopsOnlyAfterTheReplicas(@ForAll("worlds") World w) {
        ServiceSnapshot s = w.snapshot();
        ServicePlan plan = plan(w);
        Set<UUID> stopped = new HashSet<>(plan.actionsOf(TaskAction.Stop.class).stream().map(TaskAction::taskId).toList());
        Map<Integer, List<Task>> byHost = tasksByHost(w, s);
        for (int i = 0; i < w.hosts().size(); i++) {
            HostGen h = w.hosts().get(i);
            if (h.draining() && h.replicas()) {
                List<Task> there = byHost.getOrDefault(i, List.of());
                assertThat(there.stream().filter(t -> !stopped.contains(t.id())).count())
                        .as("host %d drains with replicas on it: its daemon task stays (a second one may go)", i)
                        .isEqualTo(h.observed() ? Math.min(1, there.size()) : there.size());
            }
            if (h.draining() && !h.replicas() && h.observed()) {
                assertThat(byHost.getOrDefault(i, List.of())).as("host %d drained of replicas", i)
                        .allMatch(t -> stopped.contains(t.id()));
            }
        }
    }

    /**
     * A rollout keeps minimumHealthyPercent of the eligible hosts healthy: among the healthy daemon tasks on eligible
     * hosts (one per host in these worlds), the plan stops no more than those above the minimum.
     */
    @Property(tries = 400)
    void aRolloutKeepsMinimumHealthyOverTheEligibleHosts(@ForAll("worlds") World w) {
        boolean oneEach = w.hosts().stream().allMatch(h -> h.tasks().size() <= 1);
        if (!oneEach) {
            return; // duplicates are stopped whatever their health; the bound is about replacing revisions
        }
        ServiceSnapshot s = w.snapshot();
        ServicePlan plan = plan(w);
        Set<UUID> stopped = new HashSet<>(plan.actionsOf(TaskAction.Stop.class).stream().map(TaskAction::taskId).toList());
        Map<Integer, List<Task>> byHost = tasksByHost(w, s);
        int eligible = 0;
        int healthyBefore = 0;
        int healthyAfter = 0;
        for (int i = 0; i < w.hosts().size(); i++) {
            if (!w.eligible(i)) {
                continue;
            }
            eligible++;
            HostGen h = w.hosts().get(i);
            for (int k = 0; k < h.tasks().size(); k++) {
                boolean healthy = h.tasks().get(k).healthy() && h.observed();
                if (healthy) {
                    healthyBefore++;
                    if (!stopped.contains(byHost.get(i).get(k).id())) {
                        healthyAfter++;
                    }
                }
            }
        }
        int minimum = DaemonArithmetic.minimumHealthy(eligible, w.minimumHealthyPercent());
        assertThat(healthyAfter).as("healthy after the plan in %s", w).isGreaterThanOrEqualTo(Math.min(minimum, healthyBefore));
    }

    @Property(tries = 200)
    void theSameSnapshotGivesTheSamePlan(@ForAll("worlds") World w) {
        assertThat(plan(w)).isEqualTo(plan(w));
    }
}
