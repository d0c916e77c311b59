package io.berth.reconciler.traffic;

import java.time.Duration;
import java.util.Optional;

/**
 * A target group's health check, done by HAProxy itself (Berth reads the result back, never infers it).
 *
 * @param path               the HTTP path requested (HTTP target groups); empty for TCP groups, which connect only
 * @param port               the port checked, or {@link #TRAFFIC_PORT} for the target's own (dynamic) port
 * @param interval           time between checks of one target (HAProxy {@code inter})
 * @param timeout            how long a check may take (HAProxy {@code timeout check}); shorter than the interval
 * @param healthyThreshold   consecutive successes before a target is healthy (HAProxy {@code rise})
 * @param unhealthyThreshold consecutive failures before it is unhealthy (HAProxy {@code fall})
 * @param matcher            status codes that count as success (HTTP only)
 */
public record TargetHealthCheck(Optional<String> path, int port, Duration interval, Duration timeout,
                                int healthyThreshold, int unhealthyThreshold, StatusMatcher matcher) {

    /** ELBv2's "traffic-port": check the port the target receives traffic on. */
    public static final int TRAFFIC_PORT = 0;
    public static final String TRAFFIC_PORT_TEXT = "traffic-port";
    /** ELBv2's bounds. */
    public static final int MIN_THRESHOLD = 2;
    public static final int MAX_THRESHOLD = 10;
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    public static final Duration MAX_INTERVAL = Duration.ofSeconds(300);
    public static final Duration MIN_TIMEOUT = Duration.ofMillis(500);
    public static final Duration MAX_TIMEOUT = Duration.ofSeconds(120);

    public TargetHealthCheck {
        path.ifPresent(p -> TrafficNames.require("health check path", p, TrafficNames.pathProblem(p)));
        if (port != TRAFFIC_PORT) {
            TrafficNames.portProblem(port).ifPresent(p -> {
                throw new IllegalArgumentException("health check port " + port + " " + p);
            });
        }
        problems(interval, timeout, healthyThreshold, unhealthyThreshold).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        if (matcher == null) {
            throw new IllegalArgumentException("a health check needs a matcher");
        }
    }

    /** ELBv2's defaults for an HTTP group (path "/", 30 s / 5 s, 5 up, 2 down, "200") and a TCP group (connect). */
    public static TargetHealthCheck defaults(TrafficProtocol protocol) {
        return new TargetHealthCheck(protocol == TrafficProtocol.HTTP ? Optional.of("/") : Optional.empty(),
                TRAFFIC_PORT, Duration.ofSeconds(30), Duration.ofSeconds(protocol == TrafficProtocol.HTTP ? 5 : 10),
                5, 2, StatusMatcher.DEFAULT);
    }

    /** The first problem of these timings, in words naming the field; shared with the manifest reader. */
    public static Optional<String> problems(Duration interval, Duration timeout, int healthy, int unhealthy) {
        if (interval == null || interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(MAX_INTERVAL) > 0) {
            return Optional.of("interval must be between 1s and 300s");
        }
        if (timeout == null || timeout.compareTo(MIN_TIMEOUT) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
            return Optional.of("timeout must be between 500ms and 120s");
        }
        if (timeout.compareTo(interval) >= 0) {
            return Optional.of("timeout must be shorter than the interval");
        }
        if (healthy < MIN_THRESHOLD || healthy > MAX_THRESHOLD) {
            return Optional.of("healthyThreshold must be between " + MIN_THRESHOLD + " and " + MAX_THRESHOLD);
        }
        if (unhealthy < MIN_THRESHOLD || unhealthy > MAX_THRESHOLD) {
            return Optional.of("unhealthyThreshold must be between " + MIN_THRESHOLD + " and " + MAX_THRESHOLD);
        }
        return Optional.empty();
    }

    public boolean checksTrafficPort() {
        return port == TRAFFIC_PORT;
    }
}
