package io.berth.docker;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A container as the engine reports it (list or inspect).
 *
 * @param status    Docker's state: created, running, restarting, paused, exited, dead, removing
 * @param exitCode  exit code once exited, else null
 * @param error     the engine's error text for a container that failed to start, else null
 * @param ports     host ports the engine bound (useful with dynamic host ports)
 * @param startedAt / finishedAt null when unknown / not yet
 */
public record ContainerState(
        String id,
        String name,
        String image,
        Map<String, String> labels,
        String status,
        boolean running,
        Integer exitCode,
        boolean oomKilled,
        Health health,
        String error,
        List<ContainerSpec.PortBinding> ports,
        Instant startedAt,
        Instant finishedAt) {

    public ContainerState {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        ports = ports == null ? List.of() : List.copyOf(ports);
    }

    public enum Health { NONE, STARTING, HEALTHY, UNHEALTHY }
}
