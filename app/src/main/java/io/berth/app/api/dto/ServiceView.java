package io.berth.app.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A service as users see it.
 *
 * @param status         ACTIVE, DRAINING (being deleted) or, once a waited-for delete finished, INACTIVE
 * @param taskDefinition the resolved revision, e.g. "web:3"
 * @param runningCount   tasks RUNNING that the service still wants
 * @param pendingCount   tasks PROVISIONING or PENDING that the service still wants
 * @param events         newest first, at most 50; left out of lists
 * @param rollout        its PRIMARY deployment; absent while it has none
 * @param placementStrategy    as declared; absent when none is (the default: spread across zone, then instances)
 * @param placementConstraints as declared; absent when none is
 * @param schedulingStrategy   REPLICA or DAEMON; a DAEMON's desiredCount is the number of container instances it is
 *                             eligible for, as its last pass counted them
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceView(String name, String cluster, String status, String taskDefinition, int desiredCount,
                          long runningCount, long pendingCount, Map<String, String> labels, Instant createdAt,
                          Instant updatedAt, List<ServiceEventView> events, ServiceRolloutView rollout,
                          @JsonInclude(JsonInclude.Include.NON_EMPTY) List<PlacementItemView> placementStrategy,
                          @JsonInclude(JsonInclude.Include.NON_EMPTY) List<PlacementItemView> placementConstraints,
                          String schedulingStrategy) {

    /** This view once the service's row is gone: nothing runs any more. */
    public ServiceView deleted() {
        return new ServiceView(name, cluster, "INACTIVE", taskDefinition, desiredCount, 0, 0, labels, createdAt,
                updatedAt, events, rollout, placementStrategy, placementConstraints, schedulingStrategy);
    }
}
