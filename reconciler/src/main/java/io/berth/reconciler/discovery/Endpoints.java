package io.berth.reconciler.discovery;

import java.util.List;

/**
 * A service's endpoints (Kubernetes' Endpoints): its healthy tasks, ordered by task id so that equal sets are equal
 * lists (the watch stream compares them).
 *
 * @param total     how many tasks qualified; more than {@code endpoints.size()} when the list was cut at the limit
 */
public record Endpoints(String cluster, String service, List<Endpoint> endpoints, int total) {

    public Endpoints {
        endpoints = List.copyOf(endpoints);
    }

    public boolean truncated() {
        return total > endpoints.size();
    }
}
