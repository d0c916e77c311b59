package io.berth.app.api.dto;

import java.time.Instant;

/**
 * A cluster with the counts a user looks at first.
 *
 * @param registeredInstances container instances that are ACTIVE or DRAINING
 */
public record ClusterView(String name, Instant createdAt, long activeServices, long runningTasks,
                          long registeredInstances) {
}
