package io.berth.reconciler.scheduler;

import io.berth.reconciler.model.ContainerInstance;
import io.berth.reconciler.model.HostPort;
import io.berth.reconciler.scheduler.filters.PortFilter;
import io.berth.reconciler.scheduler.spi.InstanceLoad;
import io.berth.reconciler.scheduler.spi.InstancePorts;
import io.berth.reconciler.scheduler.spi.TaskRequirements;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InstancePortsTest {

    private static final HostPort TCP_8080 = new HostPort(8080, "tcp");
    private static final HostPort UDP_53 = new HostPort(53, "udp");
    private static final HostPort SSH = new HostPort(22, "tcp");

    private static InstanceLoad using(HostPort... ports) {
        return new InstanceLoad(new UUID(0, 1), "h1", true, 4096, 8192, 0, 0, Set.of(ports), Map.of(), Map.of());
    }

    private static InstanceLoad reserving(Set<HostPort> reserved, HostPort... used) {
        return new InstanceLoad(new UUID(0, 2), "h2", true, 4096, 8192, 0, 0, Set.of(used), Map.of(), Map.of(),
                Map.of(), reserved);
    }

    @Test
    void theDefaultReservedPortsAreTakenOnEveryInstanceAndTaskPortsOnlyWhereTheyRun() {
        InstanceLoad busy = using(TCP_8080, UDP_53);
        InstanceLoad idle = using();

        assertThat(InstancePorts.taken(idle, SSH)).isTrue();
        assertThat(InstancePorts.taken(idle, new HostPort(2375, "tcp"))).isTrue();
        assertThat(InstancePorts.taken(idle, new HostPort(2376, "tcp"))).isTrue();
        assertThat(InstancePorts.taken(idle, new HostPort(2376, "udp"))).as("reserved per protocol").isFalse();
        assertThat(InstancePorts.taken(idle, TCP_8080)).isFalse();
        assertThat(InstancePorts.taken(busy, TCP_8080)).isTrue();
        assertThat(InstancePorts.taken(busy, new HostPort(8080, "udp"))).isFalse();
        assertThat(InstancePorts.taken(busy, UDP_53)).isTrue();
    }

    @Test
    void anInstanceReservesItsOwnPortsInsteadOfTheDefaultOnes() {
        InstanceLoad noSsh = reserving(Set.of(new HostPort(9100, "tcp"), UDP_53));

        assertThat(InstancePorts.taken(noSsh, SSH)).as("not reserved there").isFalse();
        assertThat(InstancePorts.taken(noSsh, new HostPort(9100, "tcp"))).isTrue();
        assertThat(InstancePorts.taken(noSsh, UDP_53)).isTrue();
        assertThat(InstancePorts.taken(noSsh.withTask(new TaskRequirements(1, 1, Set.of(SSH), null)), SSH))
                .as("a placement keeps the instance's reserved ports and adds the task's").isTrue();
        assertThat(noSsh.withTask(new TaskRequirements(1, 1, Set.of(), null)).reservedPorts())
                .isEqualTo(noSsh.reservedPorts());
        assertThat(noSsh.withSchedulable(false).reservedPorts()).isEqualTo(noSsh.reservedPorts());
        assertThat(noSsh.withTask(new TaskRequirements(1, 1, Set.of(SSH), null))
                .withoutTask(new TaskRequirements(1, 1, Set.of(SSH), null)).reservedPorts())
                .isEqualTo(noSsh.reservedPorts());
    }

    @Test
    void notFreeIsTheReservedPortsPlusTheTasksOnesAsEcsStringSetsPerProtocol() {
        Set<HostPort> notFree = InstancePorts.notFree(ContainerInstance.DEFAULT_RESERVED_PORTS,
                List.of(TCP_8080, new HostPort(80, "tcp"), UDP_53, SSH));

        assertThat(InstancePorts.numbers(notFree, "tcp")).containsExactly("22", "80", "2375", "2376", "8080");
        assertThat(InstancePorts.numbers(notFree, "udp")).containsExactly("53");
        assertThat(InstancePorts.numbers(InstancePorts.notFree(ContainerInstance.DEFAULT_RESERVED_PORTS, List.of()),
                "tcp")).containsExactly("22", "2375", "2376");
        assertThat(InstancePorts.numbers(ContainerInstance.DEFAULT_RESERVED_PORTS, "udp")).isEmpty();
        assertThat(InstancePorts.numbers(InstancePorts.notFree(Set.of(UDP_53), List.of(TCP_8080)), "tcp"))
                .containsExactly("8080");
    }

    @Test
    void whatTheApiCallsNotFreeIsExactlyWhatThePortFilterRefuses() {
        for (InstanceLoad instance : List.of(using(TCP_8080, UDP_53),
                reserving(Set.of(new HostPort(9100, "tcp"), UDP_53), TCP_8080))) {
            Set<HostPort> notFree = InstancePorts.notFree(instance.reservedPorts(), instance.usedPorts());
            for (String protocol : List.of("tcp", "udp")) {
                for (int port = 1; port <= 10_000; port++) {
                    HostPort p = new HostPort(port, protocol);
                    boolean placed = new PortFilter().accepts(new TaskRequirements(0, 0, Set.of(p), null), instance);
                    assertThat(placed).as(p.toString()).isEqualTo(!notFree.contains(p));
                }
            }
        }
    }

    @Test
    void thePortFilterSaysWhetherAPortIsReservedOrHeldByATask() {
        PortFilter filter = new PortFilter();
        TaskRequirements ssh = new TaskRequirements(0, 0, Set.of(SSH), null);

        assertThat(filter.explain(ssh, List.of(using()))).startsWith("reserve host port 22/tcp");
        assertThat(filter.explain(ssh, List.of(reserving(Set.of(), SSH)))).isEqualTo("have host port 22/tcp already in use");
        assertThat(filter.explain(ssh, List.of(using(), reserving(Set.of(), SSH))))
                .startsWith("have host port 22/tcp already in use or reserve host port 22/tcp");
    }

    @Test
    void storedListsReadBackAndNullIsTheDefaultSet() {
        Set<HostPort> ports = Set.of(UDP_53, SSH, TCP_8080);

        assertThat(HostPort.formatList(ports)).isEqualTo("22/tcp,8080/tcp,53/udp");
        assertThat(HostPort.parseList(HostPort.formatList(ports))).isEqualTo(ports);
        assertThat(HostPort.parseList("")).isEmpty();
        assertThat(ContainerInstance.storedReservedPorts(null)).isEqualTo(ContainerInstance.DEFAULT_RESERVED_PORTS);
        assertThat(ContainerInstance.storedReservedPorts("")).isEmpty();
        assertThatThrownBy(() -> HostPort.parseList("22/sctp")).hasMessageContaining("22/sctp");
        assertThatThrownBy(() -> HostPort.parseList("x/tcp")).hasMessageContaining("x/tcp");
    }
}
