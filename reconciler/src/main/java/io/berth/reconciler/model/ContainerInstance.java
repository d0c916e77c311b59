package io.berth.reconciler.model;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A Docker host of a cluster, as stored.
 *
 * @param registeredCpu    CPU units the host offers (1024 per core)
 * @param registeredMemory MiB the host offers
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
        Map<String, String> attributes) {

    public ContainerInstance {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    public enum InstanceStatus { ACTIVE, DRAINING, INACTIVE }

    public boolean schedulable() {
        return status == InstanceStatus.ACTIVE && connected;
    }
}
