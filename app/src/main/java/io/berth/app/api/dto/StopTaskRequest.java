package io.berth.app.api.dto;

/** @param reason recorded as the task's stoppedReason (ECS stop-task --reason); absent = "Task stopped by user" */
public record StopTaskRequest(String reason) {
}
