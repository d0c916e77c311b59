package io.berth.reconciler.model;

import java.util.List;

/**
 * What Berth has recorded about one container of a task.
 *
 * @param dockerId null until the container was created
 * @param exitCode null unless it exited
 */
public record TaskContainer(
        String name,
        String dockerId,
        TaskStatus lastStatus,
        Integer exitCode,
        String reason,
        List<PortMapping> hostPorts) {

    public TaskContainer {
        hostPorts = hostPorts == null ? List.of() : List.copyOf(hostPorts);
    }

    public static TaskContainer pending(String name) {
        return new TaskContainer(name, null, TaskStatus.PENDING, null, null, List.of());
    }
}
