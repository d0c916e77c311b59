package io.berth.app.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.UUID;

/** The service view's summary of its PRIMARY deployment; the whole story is under {@code .../rollout}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceRolloutView(UUID deploymentId, String taskDefinition, String rolloutState, String reason) {
}
