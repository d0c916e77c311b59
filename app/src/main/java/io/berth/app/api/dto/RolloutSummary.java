package io.berth.app.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where a service's rollout stands, as {@code apply?wait=true} reports it per service.
 *
 * @param rolloutState IN_PROGRESS, COMPLETED, FAILED or ROLLED_BACK; GONE when the service was deleted meanwhile
 * @param reason       why it ended so (circuit breaker, progress deadline, ...); absent while in progress
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RolloutSummary(String rolloutState, String reason) {
}
