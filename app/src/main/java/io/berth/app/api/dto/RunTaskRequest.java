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
 * @param placementConstraints as a service's: distinctInstance, memberOf with the cluster query language
 * @param placementStrategy    as a service's: binpack / spread / random, chained up to 5
 * @param clientToken          ECS's idempotency token (1..64 printable ASCII characters): a retry with the same token
 *                             answers the tasks the first request started instead of starting more
 */
public record RunTaskRequest(String taskDefinition, Integer count, Overrides overrides, String startedBy, String group,
                             JsonNode placementConstraints, JsonNode placementStrategy, String clientToken) {

    public RunTaskRequest(String taskDefinition, Integer count, Overrides overrides, String startedBy, String group,
                          JsonNode placementConstraints, JsonNode placementStrategy) {
        this(taskDefinition, count, overrides, startedBy, group, placementConstraints, placementStrategy, null);
    }

    /** Without placement: the default strategy, and the task definition's own constraints. */
    public RunTaskRequest(String taskDefinition, Integer count, Overrides overrides, String startedBy, String group) {
        this(taskDefinition, count, overrides, startedBy, group, null, null, null);
    }

    public record Overrides(List<ContainerOverride> containerOverrides) {
    }

    /**
     * @param environment ECS's {@code [{name, value}]} list, or an object of names to values; added to the
     *                    definition's environment (the override wins)
     */
    public record ContainerOverride(String name, List<String> command, JsonNode environment, Integer cpu, Integer memory) {
    }
}
