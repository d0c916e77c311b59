package io.berth.app.api.dto;

import tools.jackson.databind.JsonNode;

import java.util.List;

/**
 * ECS run-task, with its names.
 *
 * @param taskDefinition "family" (newest ACTIVE revision) or "family:revision"
 * @param count          1..10 tasks; absent = 1
 * @param startedBy      free text recorded on the tasks (ECS startedBy), e.g. a CI job id
 * @param group          free text recorded on the tasks (ECS group), e.g. "migrations"
 */
public record RunTaskRequest(String taskDefinition, Integer count, Overrides overrides, String startedBy, String group) {

    public record Overrides(List<ContainerOverride> containerOverrides) {
    }

    /**
     * @param environment ECS's {@code [{name, value}]} list, or an object of names to values; added to the
     *                    definition's environment (the override wins)
     */
    public record ContainerOverride(String name, List<String> command, JsonNode environment, Integer cpu, Integer memory) {
    }
}
