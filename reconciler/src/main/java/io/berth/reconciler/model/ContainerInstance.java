package io.berth.reconciler.model;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A Docker host of a cluster, as stored.
 *
 * @param registeredCpu    CPU units the host offers (1024 per core)
 * @param registeredMemory MiB the host offers
 * @param placementVersion counts the placements claimed on the host; read before its tasks, a pass claims its
 *                         placements with it so that a pass that read stale load cannot over-commit the host
 * @param reservedPorts    host ports no task gets there, as ECS's {@code ECS_RESERVED_PORTS}: by default ssh and the
 *                         Docker engine's listeners ({@link #DEFAULT_RESERVED_PORTS}); a host that runs something else
 *                         on a fixed port declares it, one that has no ssh can give 22 to tasks
 */
public record ContainerInstance(
        UUID id,
        String cluster,
        String endpoint,
        String engineId,
        String hostname,
        InstanceStatus status,
        boolean connected,
        Instant lastSeen,
        int registeredCpu,
        int registeredMemory,
        Map<String, String> attributes,
        long placementVersion,
        Set<HostPort> reservedPorts) {

    /** tcp/22 (ssh), tcp/2375 and tcp/2376 (the Docker engine, plain and TLS); no udp port. */
    public static final Set<HostPort> DEFAULT_RESERVED_PORTS = Set.of(new HostPort(22, "tcp"),
            new HostPort(2375, "tcp"), new HostPort(2376, "tcp"));

    public ContainerInstance {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        reservedPorts = reservedPorts == null ? DEFAULT_RESERVED_PORTS : Set.copyOf(reservedPorts);
    }

    /** The reserved ports as stored ({@link HostPort#formatList}), null standing for the default set. */
    public static Set<HostPort> storedReservedPorts(String stored) {
        return stored == null ? DEFAULT_RESERVED_PORTS : HostPort.parseList(stored);
    }

    /** An instance that reserves the default ports. */
    public ContainerInstance(UUID id, String cluster, String endpoint, String engineId, String hostname,
                             InstanceStatus status, boolean connected, Instant lastSeen, int registeredCpu,
                             int registeredMemory, Map<String, String> attributes, long placementVersion) {
        this(id, cluster, endpoint, engineId, hostname, status, connected, lastSeen, registeredCpu, registeredMemory,
                attributes, placementVersion, DEFAULT_RESERVED_PORTS);
    }

    public ContainerInstance(UUID id, String cluster, String endpoint, String engineId, String hostname,
                             InstanceStatus status, boolean connected, Instant lastSeen, int registeredCpu,
                             int registeredMemory, Map<String, String> attributes) {
        this(id, cluster, endpoint, engineId, hostname, status, connected, lastSeen, registeredCpu, registeredMemory,
                attributes, 0);
    }

    public enum InstanceStatus { ACTIVE, DRAINING, INACTIVE }

    /** The same instance, seen as not connected: its host failed to answer since its row was last written. */
    public ContainerInstance silent() {
        return connected ? new ContainerInstance(id, cluster, endpoint, engineId, hostname, status, false, lastSeen,
                registeredCpu, registeredMemory, attributes, placementVersion, reservedPorts) : this;
    }

    public boolean schedulable() {
        return status == InstanceStatus.ACTIVE && connected;
    }
}
