package io.berth.reconciler.scheduler;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class InstancePortsTest {

    private static final HostPort TCP_8080 = new HostPort(8080, "tcp");
    private static final HostPort UDP_53 = new HostPort(53, "udp");

    private static InstanceLoad using(HostPort... ports) {
        return new InstanceLoad(new UUID(0, 1), "h1", true, 4096, 8192, 0, 0, Set.of(ports), Map.of(), Map.of());
    }

    @Test
    void reservedPortsAreTakenOnEveryInstanceAndTaskPortsOnlyWhereTheyRun() {
        InstanceLoad busy = using(TCP_8080, UDP_53);
        InstanceLoad idle = using();

        assertThat(InstancePorts.taken(idle, new HostPort(22, "tcp"))).isTrue();
        assertThat(InstancePorts.taken(idle, new HostPort(2375, "tcp"))).isTrue();
        assertThat(InstancePorts.taken(idle, new HostPort(2376, "tcp"))).isTrue();
        assertThat(InstancePorts.taken(idle, new HostPort(2376, "udp"))).as("reserved per protocol").isFalse();
        assertThat(InstancePorts.taken(idle, TCP_8080)).isFalse();
        assertThat(InstancePorts.taken(busy, TCP_8080)).isTrue();
        assertThat(InstancePorts.taken(busy, new HostPort(8080, "udp"))).isFalse();
        assertThat(InstancePorts.taken(busy, UDP_53)).isTrue();
    }

    @Test
    void notFreeIsTheReservedPortsPlusTheTasksOnesAsEcsStringSetsPerProtocol() {
        Set<HostPort> notFree = InstancePorts.notFree(List.of(TCP_8080, new HostPort(80, "tcp"), UDP_53,
                new HostPort(22, "tcp")));

        assertThat(InstancePorts.numbers(notFree, "tcp")).containsExactly("22", "80", "2375", "2376", "8080");
        assertThat(InstancePorts.numbers(notFree, "udp")).containsExactly("53");
        assertThat(InstancePorts.numbers(InstancePorts.notFree(List.of()), "tcp")).containsExactly("22", "2375", "2376");
        assertThat(InstancePorts.numbers(InstancePorts.RESERVED, "udp")).isEmpty();
    }

    @Test
    void whatTheApiCallsNotFreeIsExactlyWhatThePortFilterRefuses() {
        InstanceLoad busy = using(TCP_8080, UDP_53);
        Set<HostPort> notFree = InstancePorts.notFree(busy.usedPorts());
        for (String protocol : List.of("tcp", "udp")) {
            for (int port = 1; port <= 10_000; port++) {
                HostPort p = new HostPort(port, protocol);
                boolean placed = new io.berth.reconciler.scheduler.filters.PortFilter()
                        .accepts(new TaskRequirements(0, 0, Set.of(p), null), busy);
                assertThat(placed).as(p.toString()).isEqualTo(!notFree.contains(p));
            }
        }
    }
}
