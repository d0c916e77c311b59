package io.berth.reconciler.model;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A Docker host of a cluster, as stored.
 *
 * @param registeredCpu    CPU units the host offers (1024 per core)
 * @param registeredMemory MiB the host offers
 * @param placementVersion counts the placements claimed on the host; read before its tasks, a pass claims its
 *                         placements with it so that a pass that read stale load cannot over-commit the host
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
        long placementVersion) {

    public ContainerInstance {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    public ContainerInstance(UUID id, String cluster, String endpoint, String engineId, String hostname,
                             InstanceStatus status, boolean connected, Instant lastSeen, int registeredCpu,
                             int registeredMemory, Map<String, String> attributes) {
        this(id, cluster, endpoint, engineId, hostname, status, connected, lastSeen, registeredCpu, registeredMemory,
                attributes, 0);
    }

    public enum InstanceStatus { ACTIVE, DRAINING, INACTIVE }

    public boolean schedulable() {
        return status == InstanceStatus.ACTIVE && connected;
    }
}
