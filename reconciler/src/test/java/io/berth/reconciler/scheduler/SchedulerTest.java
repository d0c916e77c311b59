package io.berth.reconciler.scheduler;

import io.berth.reconciler.model.HostPort;
import io.berth.reconciler.model.PortMapping;
import io.berth.reconciler.scheduler.filters.CpuFilter;
import io.berth.reconciler.scheduler.filters.MemoryFilter;
import io.berth.reconciler.scheduler.filters.PortFilter;
import io.berth.reconciler.scheduler.filters.SchedulableFilter;
import io.berth.reconciler.scheduler.scorers.BinpackScorer;
import io.berth.reconciler.scheduler.spi.InstanceLoad;
import io.berth.reconciler.scheduler.spi.TaskRequirements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static io.berth.reconciler.plan.Fixtures.container;
import static io.berth.reconciler.plan.Fixtures.id;
import static io.berth.reconciler.plan.Fixtures.taskDef;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

class SchedulerTest {

    static final UUID GROUP = UUID.fromString("5e000000-0000-0000-0000-000000000001");
    static final HostPort TCP_8080 = new HostPort(8080, "tcp");
    static final HostPort UDP_8080 = new HostPort(8080, "udp");

    static InstanceLoad load(int n, int freeCpu, int freeMemory) {
        return new InstanceLoad(id(n), "host-" + n, true, 4096, 8192, 4096 - freeCpu, 8192 - freeMemory,
                Set.of(), Map.of(), Map.of());
    }

    static InstanceLoad withPorts(InstanceLoad l, HostPort... ports) {
        return new InstanceLoad(l.id(), l.name(), l.schedulable(), l.registeredCpu(), l.registeredMemory(), l.usedCpu(),
                l.usedMemory(), Set.of(ports), l.tasksByGroup(), l.attributes());
    }

    static InstanceLoad withGroup(InstanceLoad l, int tasks) {
        return new InstanceLoad(l.id(), l.name(), l.schedulable(), l.registeredCpu(), l.registeredMemory(), l.usedCpu(),
                l.usedMemory(), l.usedPorts(), tasks == 0 ? Map.of() : Map.of(GROUP, tasks), l.attributes());
    }

    static InstanceLoad unschedulable(InstanceLoad l) {
        return new InstanceLoad(l.id(), l.name(), false, l.registeredCpu(), l.registeredMemory(), l.usedCpu(),
                l.usedMemory(), l.usedPorts(), l.tasksByGroup(), l.attributes());
    }

    static TaskRequirements req(int cpu, int memory, HostPort... ports) {
        return new TaskRequirements(cpu, memory, Set.of(ports), GROUP);
    }

    static ClusterLoad cluster(InstanceLoad... loads) {
        return ClusterLoad.of(List.of(loads));
    }

    @Test
    void spreadsThreeTasksOverThreeInstancesTiesBrokenById() {
        // listed out of id order: the tie-break is the id, not the listing
        ClusterLoad c = cluster(load(3, 4096, 8192), load(1, 4096, 8192), load(2, 4096, 8192));

        PlacementOutcome out = Scheduler.defaults().place(req(256, 512), 3, c);

        assertThat(out.placements()).containsExactly(id(1), id(2), id(3));
        assertThat(out.unplaced()).isZero();
        assertThat(out.explanation()).isNull();
        assertThat(out.after().instances().values()).allSatisfy(i -> {
            assertThat(i.tasksOf(GROUP)).isEqualTo(1);
            assertThat(i.usedCpu()).isEqualTo(256);
            assertThat(i.usedMemory()).isEqualTo(512);
        });
    }

    @Test
    void spreadFillsTheInstancesWithFewestTasksOfTheGroupFirst() {
        ClusterLoad c = cluster(withGroup(load(1, 4096, 8192), 2), load(2, 4096, 8192), withGroup(load(3, 4096, 8192), 1));

        assertThat(Scheduler.defaults().place(req(1, 1), 3, c).placements()).containsExactly(id(2), id(2), id(3));
    }

    @Test
    void tasksOfOtherGroupsDoNotCountForSpread() {
        InstanceLoad busyWithOthers = new InstanceLoad(id(1), "h1", true, 4096, 8192, 0, 0, Set.of(),
                Map.of(UUID.randomUUID(), 5), Map.of());
        ClusterLoad c = cluster(busyWithOthers, withGroup(load(2, 4096, 8192), 1));

        assertThat(Scheduler.defaults().place(req(1, 1), 1, c).placements()).containsExactly(id(1));
    }

    @Test
    void placementIsReproducible() {
        ClusterLoad c = cluster(load(2, 4096, 8192), load(1, 4096, 8192), load(3, 1024, 1024));
        Scheduler s = Scheduler.defaults();
        assertThat(s.place(req(512, 512), 7, c)).isEqualTo(s.place(req(512, 512), 7, c));
    }

    static Stream<Arguments> filterCases() {
        return Stream.of(
                // instance, task, placed?, explanation when not
                argumentSet("CPU fits exactly", load(1, 512, 8192), req(512, 0), true, null),
                argumentSet("CPU one unit short", load(1, 511, 8192), req(512, 0), false,
                        "1 instance checked — 1 lack CPU (need 512 units, largest free 511)"),
                argumentSet("memory fits exactly", load(1, 4096, 512), req(0, 512), true, null),
                argumentSet("memory short", load(1, 4096, 256), req(0, 512), false,
                        "1 instance checked — 1 lack memory (need 512 MiB, largest free 256 MiB)"),
                argumentSet("overcommitted instance reports largest free 0", load(1, 4096, -100), req(0, 512), false,
                        "1 instance checked — 1 lack memory (need 512 MiB, largest free 0 MiB)"),
                argumentSet("tcp/8080 taken, task needs tcp/8080", withPorts(load(1, 4096, 8192), TCP_8080), req(1, 1, TCP_8080),
                        false, "1 instance checked — 1 have host port 8080/tcp already in use"),
                argumentSet("udp/8080 taken, task needs tcp/8080: no clash", withPorts(load(1, 4096, 8192), UDP_8080),
                        req(1, 1, TCP_8080), true, null),
                argumentSet("tcp/8080 taken, task needs udp/8080: no clash", withPorts(load(1, 4096, 8192), TCP_8080),
                        req(1, 1, UDP_8080), true, null),
                argumentSet("tcp/8080 taken, task needs tcp/8081", withPorts(load(1, 4096, 8192), TCP_8080),
                        req(1, 1, new HostPort(8081, "tcp")), true, null),
                argumentSet("tcp/2376 is the Docker engine's: reserved on every instance by default", load(1, 4096, 8192),
                        req(1, 1, new HostPort(2376, "tcp")), false, "1 instance checked — 1 reserve host port 2376/tcp "
                                + "(ssh, the Docker engine or the instance's reservedPorts; no task gets it)"),
                argumentSet("udp/22 is not reserved (only tcp/22 is)", load(1, 4096, 8192),
                        req(1, 1, new HostPort(22, "udp")), true, null),
                argumentSet("not schedulable", unschedulable(load(1, 4096, 8192)), req(1, 1), false,
                        "1 instance checked — 1 is not active or not connected"),
                argumentSet("not schedulable and full: the first failing filter explains",
                        unschedulable(load(1, 0, 0)), req(1, 1), false,
                        "1 instance checked — 1 is not active or not connected"),
                argumentSet("zero-size task on a full instance", load(1, 0, 0), req(0, 0), true, null));
    }

    @ParameterizedTest
    @MethodSource("filterCases")
    void filters(InstanceLoad instance, TaskRequirements task, boolean placed, String explanation) {
        PlacementOutcome out = Scheduler.defaults().place(task, 1, cluster(instance));

        if (placed) {
            assertThat(out.placements()).containsExactly(instance.id());
            assertThat(out.explanation()).isNull();
        } else {
            assertThat(out.placements()).isEmpty();
            assertThat(out.unplaced()).isEqualTo(1);
            assertThat(out.explanation().describe()).isEqualTo(explanation);
            assertThat(out.after()).isEqualTo(cluster(instance));
        }
    }

    @Test
    void explanationAggregatesPerFilterInFilterOrder() {
        ClusterLoad c = cluster(
                load(1, 4096, 100),
                unschedulable(load(2, 4096, 8192)),
                load(3, 0, 8192),
                withPorts(load(4, 4096, 8192), TCP_8080),
                load(5, 4096, 256),
                unschedulable(load(6, 0, 0)),
                withPorts(load(7, 4096, 8192), TCP_8080, new HostPort(9090, "tcp")));

        PlacementOutcome out = Scheduler.defaults().place(req(512, 512, TCP_8080, new HostPort(9090, "tcp")), 3, c);

        assertThat(out.unplaced()).isEqualTo(3);
        assertThat(out.explanation().instancesChecked()).isEqualTo(7);
        assertThat(out.explanation().rejections()).extracting(PlacementExplanation.Rejection::instances).containsExactly(2, 1, 2, 2);
        assertThat(out.explanation().describe()).isEqualTo("7 instances checked — 2 are not active or not connected, "
                + "1 lack CPU (need 512 units, largest free 0), 2 lack memory (need 512 MiB, largest free 256 MiB), "
                + "2 have host port 8080/tcp, 9090/tcp already in use");
    }

    @Test
    void noInstances() {
        PlacementOutcome out = Scheduler.defaults().place(req(1, 1), 2, cluster());

        assertThat(out.unplaced()).isEqualTo(2);
        assertThat(out.explanation().describe()).isEqualTo("no container instances are registered in the cluster");
    }

    @Test
    void placingZeroTasks() {
        ClusterLoad c = cluster(load(1, 0, 0));
        PlacementOutcome out = Scheduler.defaults().place(req(1, 1), 0, c);

        assertThat(out.placements()).isEmpty();
        assertThat(out.unplaced()).isZero();
        assertThat(out.explanation()).isNull();
        assertThat(out.after()).isEqualTo(c);
    }

    @Test
    void eachPlacementSeesThePreviousReservationsIncludingPorts() {
        ClusterLoad c = cluster(load(1, 4096, 8192), load(2, 4096, 8192));

        PlacementOutcome out = Scheduler.defaults().place(req(1, 1, TCP_8080), 3, c);

        assertThat(out.placements()).containsExactly(id(1), id(2));
        assertThat(out.unplaced()).isEqualTo(1);
        assertThat(out.explanation().describe()).isEqualTo("2 instances checked — 2 have host port 8080/tcp already in use");
        assertThat(out.after().instances().get(id(1)).usedPorts()).containsExactly(TCP_8080);
    }

    @Test
    void binpackPicksTheFullestInstanceThatFits() {
        Scheduler binpack = new Scheduler(
                List.of(new SchedulableFilter(), new CpuFilter(), new MemoryFilter(), new PortFilter()),
                List.of(new BinpackScorer(BinpackScorer.Field.MEMORY)));
        ClusterLoad c = cluster(load(1, 4096, 1000), load(2, 4096, 600), load(3, 4096, 2000), load(4, 4096, 400));

        PlacementOutcome out = binpack.place(req(1, 512), 3, c);

        // 600 is the fullest that fits (400 does not); then it has 88 left, so 1000 is next, then 2000
        assertThat(out.placements()).containsExactly(id(2), id(1), id(3));
    }

    @Test
    void binpackByCpuThenSpreadBreaksTies() {
        Scheduler s = new Scheduler(List.of(new CpuFilter()),
                List.of(new BinpackScorer(BinpackScorer.Field.CPU), new io.berth.reconciler.scheduler.scorers.SpreadScorer()));
        ClusterLoad c = cluster(withGroup(load(1, 1024, 8192), 1), load(2, 1024, 8192), load(3, 2048, 8192));

        assertThat(s.place(req(256, 1), 1, c).placements()).containsExactly(id(2));
    }

    @Test
    void requirementsOfATaskDefinition() {
        var td = taskDef("web", 1, 512, 1024,
                container("app", true, new PortMapping(80, 8080, "tcp"), new PortMapping(53, 8080, "udp"),
                        new PortMapping(81, 0, "tcp")),
                container("sidecar", false, new PortMapping(9000, 9000, null)));

        TaskRequirements r = TaskRequirements.of(td.spec(), GROUP);

        assertThat(r.cpu()).isEqualTo(512);
        assertThat(r.memory()).isEqualTo(1024);
        assertThat(r.fixedPorts()).containsExactlyInAnyOrder(TCP_8080, UDP_8080, new HostPort(9000, "tcp"));
        assertThat(r.group()).isEqualTo(GROUP);
    }
}
