package io.berth.app.api.dto;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A load balancer as applied.
 *
 * @param placement null when it runs on every container instance of the cluster
 */
public record LoadBalancerView(String name, String cluster, String placement, List<ListenerView> listeners,
                               Map<String, String> labels, Instant createdAt, Instant updatedAt) {

    /** @param rules in order: the first that matches a request wins */
    public record ListenerView(int port, String protocol, String defaultTargetGroup, List<RuleView> rules) {
    }

    /** A routing rule; a condition not given is null. */
    public record RuleView(String pathPrefix, String host, String targetGroup) {
    }
}
