package io.berth.reconciler.model;

/**
 * ECS's task lifecycle: PROVISIONING (row written, nothing on the host yet) → PENDING (containers being
 * created/started) → RUNNING → STOPPED. {@code desiredStatus} uses only RUNNING and STOPPED.
 */
public enum TaskStatus {
    PROVISIONING, PENDING, RUNNING, STOPPED
}
