package io.berth.reconciler.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A container as an engine reported it, reduced to what the planners decide on. Berth's own type, so that the
 * planners, scheduler and rollout arithmetic never see the engine client's classes; the passes map the engine's
 * answer to it where they observe.
 *
 * @param status   the engine's state word: created, running, restarting, paused, exited, dead, removing
 * @param exitCode exit code once exited, else null
 * @param health   null when the engine did not say
 * @param error    the engine's error text for a container that failed to start, else null
 * @param ports    host ports the engine bound (a dynamic host port is known only to it)
 * @param startedAt null when unknown
 */
public record ObservedContainer(
        String id,
        Map<String, String> labels,
        String status,
        boolean running,
        Integer exitCode,
        boolean oomKilled,
        Health health,
        String error,
        List<PortMapping> ports,
        Instant startedAt) {

    public ObservedContainer {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        ports = ports == null ? List.of() : List.copyOf(ports);
    }

    /** The verdict of the container's own health check, as the engine reports it. */
    public enum Health { NONE, STARTING, HEALTHY, UNHEALTHY }
}
