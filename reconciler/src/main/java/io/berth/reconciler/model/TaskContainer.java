package io.berth.reconciler.model;

import java.util.List;

/**
 * What Berth has recorded about one container of a task.
 *
 * @param dockerId null until the container was created
 * @param exitCode null unless it exited
 * @param health   see {@link HealthStatus}
 */
public record TaskContainer(
        String name,
        String dockerId,
        TaskStatus lastStatus,
        Integer exitCode,
        String reason,
        List<PortMapping> hostPorts,
        HealthStatus health) {

    public TaskContainer {
        hostPorts = hostPorts == null ? List.of() : List.copyOf(hostPorts);
        health = health == null ? HealthStatus.UNKNOWN : health;
    }

    /** A container whose health is not known (or does not count). */
    public TaskContainer(String name, String dockerId, TaskStatus lastStatus, Integer exitCode, String reason,
                         List<PortMapping> hostPorts) {
        this(name, dockerId, lastStatus, exitCode, reason, hostPorts, HealthStatus.UNKNOWN);
    }

    public static TaskContainer pending(String name) {
        return new TaskContainer(name, null, TaskStatus.PENDING, null, null, List.of());
    }
}
