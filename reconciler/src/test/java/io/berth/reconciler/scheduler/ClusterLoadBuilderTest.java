package io.berth.reconciler.scheduler;

import io.berth.reconciler.model.ContainerInstance;
import io.berth.reconciler.model.HostPort;
import io.berth.reconciler.model.PortMapping;
import io.berth.reconciler.model.StopCode;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskDefinition;
import io.berth.reconciler.scheduler.ClusterLoad;
import io.berth.reconciler.scheduler.spi.InstanceLoad;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.berth.reconciler.plan.Fixtures.SERVICE_ID;
import static io.berth.reconciler.plan.Fixtures.T0;
import static io.berth.reconciler.plan.Fixtures.container;
import static io.berth.reconciler.plan.Fixtures.id;
import static io.berth.reconciler.plan.Fixtures.instance;
import static io.berth.reconciler.plan.Fixtures.task;
import static io.berth.reconciler.plan.Fixtures.taskDef;
import static io.berth.reconciler.plan.Fixtures.taskId;
import static org.assertj.core.api.Assertions.assertThat;

class ClusterLoadBuilderTest {

    @Test
    void loadIsDerivedFromTheTasksPlacedOnEachInstance() {
        TaskDefinition td = taskDef("web", 1, 256, 512, container("app", true,
                new PortMapping(80, 8080, "tcp"), new PortMapping(81, 0, "tcp")));
        UUID other = UUID.fromString("5e000000-0000-0000-0000-000000000002");
        ContainerInstance draining = new ContainerInstance(id(2), "prod", "tcp://h2", "e2", null,
                ContainerInstance.InstanceStatus.DRAINING, true, T0, 1024, 2048, Map.of("zone", "a"));
        List<Task> tasks = List.of(
                task(taskId(1), td).on(id(1)).running().build(),
                task(taskId(2), td).on(id(1)).pending().service(other, "api").build(),
                task(taskId(3), td).on(id(1)).stopped(StopCode.UserInitiated, T0, T0).build(),       // holds nothing
                task(taskId(4), td).on(id(1)).stopRequested(StopCode.UserInitiated, "x").build(),   // still holds
                task(taskId(5), td).on(id(2)).service(null, null).running().build(),                 // one-off
                task(taskId(6), td).on(id(9)).running().build());                                    // unknown instance

        ClusterLoad load = ClusterLoadBuilder.build(List.of(instance(id(1), 4096, 8192), draining), tasks, arn -> td.spec());

        assertThat(load.instances()).containsOnlyKeys(id(1), id(2));
        InstanceLoad one = load.instances().get(id(1));
        assertThat(one.usedCpu()).isEqualTo(3 * 256);
        assertThat(one.usedMemory()).isEqualTo(3 * 512);
        assertThat(one.usedPorts()).containsExactly(new HostPort(8080, "tcp"));
        assertThat(one.tasksByGroup()).isEqualTo(Map.of(SERVICE_ID, 2, other, 1));
        assertThat(one.schedulable()).isTrue();

        InstanceLoad two = load.instances().get(id(2));
        assertThat(two.usedCpu()).isEqualTo(256);
        assertThat(two.tasksByGroup()).isEmpty();
        assertThat(two.schedulable()).isFalse();
        assertThat(two.name()).isEqualTo("tcp://h2");
        assertThat(two.attributes()).containsEntry("zone", "a");
    }

    @Test
    void usedPortsAreTheFixedHostPortsOfThePlacedTasksThatHoldThemTheSameAsTheLoads() {
        TaskDefinition web = taskDef("web", 1, 256, 512, container("app", true,
                new PortMapping(80, 8080, "tcp"), new PortMapping(81, 0, "tcp")));
        TaskDefinition dns = taskDef("dns", 3, 10, 10, container("dns", true, new PortMapping(53, 53, "udp")),
                container("admin", false, new PortMapping(9000, 9000, "tcp")));
        TaskDefinition plain = taskDef("batch", 1, 10, 10, container("job", true));
        Map<String, TaskDefinition> byArn = Map.of("web:1", web, "dns:3", dns, "batch:1", plain);
        List<Task> tasks = List.of(
                task(taskId(1), web).on(id(1)).running().build(),
                task(taskId(2), dns).on(id(1)).service(null, null).pending().build(),
                task(taskId(3), dns).on(id(2)).stopped(StopCode.UserInitiated, T0, T0).build(), // frees its ports
                task(taskId(4), plain).on(id(2)).running().build());
        List<io.berth.reconciler.model.TaskReservation> reservations = tasks.stream().filter(t -> !t.isStopped())
                .map(io.berth.reconciler.model.TaskReservation::of).toList();

        Map<UUID, java.util.Set<HostPort>> used = ClusterLoadBuilder.usedPorts(reservations, arn -> byArn.get(arn).spec());

        assertThat(used).containsOnlyKeys(id(1));
        assertThat(used.get(id(1))).containsExactlyInAnyOrder(new HostPort(8080, "tcp"), new HostPort(53, "udp"),
                new HostPort(9000, "tcp"));
        ClusterLoad load = ClusterLoadBuilder.fromReservations(List.of(instance(id(1), 4096, 8192), instance(id(2), 4096, 8192)),
                reservations, arn -> byArn.get(arn).spec());
        assertThat(load.instances().get(id(1)).usedPorts()).isEqualTo(used.get(id(1)));
        assertThat(load.instances().get(id(2)).usedPorts()).isEmpty();
    }
}
