package io.berth.app.api.dto;

import java.util.List;

/** As ECS answers run-task: the tasks started, and one failure per task that could not be placed. */
public record RunTaskResponse(List<TaskView> tasks, List<Failure> failures) {

    /** @param arn the task definition ("family:revision"); @param reason why no instance could take the task */
    public record Failure(String arn, String reason) {
    }
}
