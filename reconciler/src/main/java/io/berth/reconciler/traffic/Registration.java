package io.berth.reconciler.traffic;

import java.util.Objects;
import java.util.UUID;

/**
 * A RUNNING task's container port as its host publishes it, registered in one target group.
 *
 * @param service the task's service name, for what is reported about the target; null when unknown
 */
public record Registration(String targetGroup, String taskId, UUID instanceId, int hostPort, String service) {

    public Registration {
        Objects.requireNonNull(targetGroup, "targetGroup");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(instanceId, "instanceId");
    }

    public Registration(String targetGroup, String taskId, UUID instanceId, int hostPort) {
        this(targetGroup, taskId, instanceId, hostPort, null);
    }
}
