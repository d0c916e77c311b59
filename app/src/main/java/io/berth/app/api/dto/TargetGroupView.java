package io.berth.app.api.dto;

import java.time.Instant;
import java.util.Map;

/**
 * A target group as applied, in the manifest's own words (durations as "30s", the port "traffic-port" or a number).
 *
 * @param healthCheck {@code path} (HTTP only), {@code port}, {@code interval}, {@code timeout},
 *                    {@code healthyThreshold}, {@code unhealthyThreshold}, {@code matcher} (HTTP only)
 * @param connectTimeout how long HAProxy waits for a target to accept a connection before trying another
 */
public record TargetGroupView(String name, String cluster, String protocol, Map<String, Object> healthCheck,
                              String deregistrationDelay, String connectTimeout, Map<String, String> labels, Instant createdAt,
                              Instant updatedAt) {
}
