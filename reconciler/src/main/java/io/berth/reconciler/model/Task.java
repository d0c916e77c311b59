package io.berth.reconciler.model;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A task as stored: one placement of a task definition revision on a container instance.
 *
 * @param serviceId    null for one-off tasks
 * @param deploymentId the deployment that started it; null for one-off tasks and tasks older than deployments
 */
public record Task(
        UUID id,
        String cluster,
        UUID serviceId,
        String serviceName,
        String family,
        int revision,
        UUID instanceId,
        TaskStatus desiredStatus,
        TaskStatus lastStatus,
        StopCode stopCode,
        String stoppedReason,
        int reservedCpu,
        int reservedMemory,
        List<TaskContainer> containers,
        Instant createdAt,
        Instant startedAt,
        Instant stoppedAt,
        UUID deploymentId) {

    public Task {
        containers = List.copyOf(containers);
    }

    /** A task of no deployment (one-off tasks, and tasks older than deployments). */
    public Task(UUID id, String cluster, UUID serviceId, String serviceName, String family, int revision, UUID instanceId,
                TaskStatus desiredStatus, TaskStatus lastStatus, StopCode stopCode, String stoppedReason, int reservedCpu,
                int reservedMemory, List<TaskContainer> containers, Instant createdAt, Instant startedAt, Instant stoppedAt) {
        this(id, cluster, serviceId, serviceName, family, revision, instanceId, desiredStatus, lastStatus, stopCode,
                stoppedReason, reservedCpu, reservedMemory, containers, createdAt, startedAt, stoppedAt, null);
    }

    /** This task as it is once recorded RUNNING (a task already started keeps its start). */
    public Task running(List<TaskContainer> observed, Instant started) {
        return new Task(id, cluster, serviceId, serviceName, family, revision, instanceId, desiredStatus, TaskStatus.RUNNING,
                stopCode, stoppedReason, reservedCpu, reservedMemory, observed, createdAt,
                startedAt != null ? startedAt : started, stoppedAt, deploymentId);
    }

    public boolean isActive() {
        return desiredStatus == TaskStatus.RUNNING && lastStatus != TaskStatus.STOPPED;
    }

    public boolean isStopped() {
        return lastStatus == TaskStatus.STOPPED;
    }

    public String taskDefinitionArn() {
        return family + ":" + revision;
    }
}
