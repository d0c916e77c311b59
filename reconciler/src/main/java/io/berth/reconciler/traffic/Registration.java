package io.berth.reconciler.traffic;

import java.util.Objects;
import java.util.UUID;

/** A RUNNING task's container port as its host publishes it, registered in one target group. */
public record Registration(String targetGroup, String taskId, UUID instanceId, int hostPort) {

    public Registration {
        Objects.requireNonNull(targetGroup, "targetGroup");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(instanceId, "instanceId");
    }
}
