package io.berth.reconciler.traffic;

import java.util.Objects;
import java.util.UUID;

/**
 * A RUNNING task's container port as its host publishes it, registered in one target group.
 *
 * @param service  the task's service name, for what is reported about the target; null when unknown
 * @param draining the task is being stopped: it stays in the configuration with weight 0 (no new requests, its
 *                 in-flight ones finish) until its containers are stopped
 */
public record Registration(String targetGroup, String taskId, UUID instanceId, int hostPort, String service,
                           boolean draining) {

    public Registration {
        Objects.requireNonNull(targetGroup, "targetGroup");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(instanceId, "instanceId");
    }

    public Registration(String targetGroup, String taskId, UUID instanceId, int hostPort, String service) {
        this(targetGroup, taskId, instanceId, hostPort, service, false);
    }

    public Registration(String targetGroup, String taskId, UUID instanceId, int hostPort) {
        this(targetGroup, taskId, instanceId, hostPort, null, false);
    }
}
