package io.berth.app.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.Map;
import java.util.List;
import java.util.UUID;

/**
 * One task with its containers.
 *
 * @param service        null for a task of no service
 * @param taskDefinition e.g. "web:3"
 * @param stopCode       ECS's: TaskFailedToStart, EssentialContainerExited, TaskFailedHealthChecks, TaskFailedElbHealthChecks,
 *                       UserInitiated, ServiceSchedulerInitiated, HostLost
 * @param startedBy      run-task's startedBy; null for service tasks
 * @param group          run-task's group; null for service tasks
 * @param healthStatus   ECS's: HEALTHY when every essential container with a health check is healthy, UNHEALTHY when
 *                       one of them is unhealthy, else UNKNOWN
 * @param pullStartedAt  ECS's: when the launch started pulling the task's images; null when no pull happened
 * @param pullStoppedAt  when the last of those pulls ended
 * @param secretVersions the version of each secret (by name) its containers were given; absent when none
 * @param configVersions the same for configs
 */
public record TaskView(UUID id, String cluster, String service, String taskDefinition, UUID containerInstanceId,
                       String desiredStatus, String lastStatus, String stopCode, String stoppedReason,
                       Instant createdAt, Instant startedAt, Instant stoppingAt, Instant stoppedAt,
                       List<TaskContainerView> containers, String startedBy, String group, String healthStatus,
                       Instant pullStartedAt, Instant pullStoppedAt,
                       @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Integer> secretVersions,
                       @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Integer> configVersions) {

    public TaskView(UUID id, String cluster, String service, String taskDefinition, UUID containerInstanceId,
                    String desiredStatus, String lastStatus, String stopCode, String stoppedReason,
                    Instant createdAt, Instant startedAt, Instant stoppingAt, Instant stoppedAt,
                    List<TaskContainerView> containers, String startedBy, String group, String healthStatus,
                    Instant pullStartedAt, Instant pullStoppedAt) {
        this(id, cluster, service, taskDefinition, containerInstanceId, desiredStatus, lastStatus, stopCode,
                stoppedReason, createdAt, startedAt, stoppingAt, stoppedAt, containers, startedBy, group, healthStatus,
                pullStartedAt, pullStoppedAt, Map.of(), Map.of());
    }
}
