package io.berth.reconciler.scheduler.spi;

import io.berth.reconciler.model.ContainerInstance;
import io.berth.reconciler.model.HostPort;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The host ports of a container instance, one definition for the scheduler ({@code PortFilter}) and the API's
 * registered/remaining ports, so the two cannot disagree.
 *
 * <p>As in ECS, the <em>registered</em> ports are those Berth never gives a task: the instance's reserved ports
 * ({@code ECS_RESERVED_PORTS} in ECS, {@code reservedPorts} of a Berth instance). ECS blocks 22, 2375, 2376, 51678 and
 * 51679 by default: ssh, the Docker engine and its agent. Berth has no agent on the host, so its default is ssh and the
 * Docker engine's plain and TLS listeners ({@link ContainerInstance#DEFAULT_RESERVED_PORTS}): a task mapping one of
 * those would fail to start, or take the host's engine port. And as in ECS, the <em>remaining</em> ports are the ports
 * <em>not</em> free: the registered ones plus the fixed host ports of every task placed there that is not STOPPED
 * ({@link InstanceLoad#usedPorts()}); any other port is free.
 */
public final class InstancePorts {

    private InstancePorts() {
    }

    /** True when a task asking for {@code port} cannot have it on {@code instance}: reserved, or another task's. */
    public static boolean taken(InstanceLoad instance, HostPort port) {
        return instance.reservedPorts().contains(port) || instance.usedPorts().contains(port);
    }

    /** The ports not free on an instance that reserves {@code reserved} and whose tasks use {@code usedByTasks}. */
    public static Set<HostPort> notFree(Collection<HostPort> reserved, Collection<HostPort> usedByTasks) {
        Set<HostPort> all = new TreeSet<>(HostPort.ORDER);
        all.addAll(reserved);
        all.addAll(usedByTasks);
        return all;
    }

    /** The port numbers of {@code protocol} among {@code ports}, ascending, as ECS's string sets ("22", "8080"). */
    public static List<String> numbers(Collection<HostPort> ports, String protocol) {
        return ports.stream().filter(p -> p.protocol().equals(protocol)).mapToInt(HostPort::port).sorted().distinct()
                .mapToObj(Integer::toString).toList();
    }
}
