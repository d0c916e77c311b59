package io.berth.reconciler.traffic;

import java.time.Duration;
import java.util.Objects;

/**
 * An ELBv2 target group: a set of targets (tasks' host address and port) that receive traffic alike and share one
 * health check. Rendered as one HAProxy backend.
 *
 * @param deregistrationDelay how long a target being removed keeps its in-flight requests (connection draining)
 *                            before its task is stopped
 * @param connectTimeout      how long HAProxy waits for a target to accept a connection before it tries another
 *                            (Berth's own: ELBv2 has none). Short by default: targets are dynamic ports on hosts
 *                            of one network, which accept in milliseconds; a host that crashed answers nothing, and
 *                            a request sent there must be retried elsewhere well within a client's patience
 */
public record TargetGroup(String name, TrafficProtocol protocol, TargetHealthCheck healthCheck,
                          Duration deregistrationDelay, Duration connectTimeout) {

    /** ELBv2's bounds and default (300 s). */
    public static final Duration MAX_DEREGISTRATION_DELAY = Duration.ofSeconds(3600);
    public static final Duration DEFAULT_DEREGISTRATION_DELAY = Duration.ofSeconds(300);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(1);
    public static final Duration MIN_CONNECT_TIMEOUT = Duration.ofMillis(100);
    public static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(60);

    public TargetGroup {
        TrafficNames.require("target group name", name, TrafficNames.nameProblem(name));
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(healthCheck, "healthCheck");
        if (protocol == TrafficProtocol.TCP && healthCheck.path().isPresent()) {
            throw new IllegalArgumentException("a TCP target group checks by connecting; it has no health check path");
        }
        if (protocol == TrafficProtocol.HTTP && healthCheck.path().isEmpty()) {
            throw new IllegalArgumentException("an HTTP target group needs a health check path");
        }
        deregistrationDelayProblem(deregistrationDelay).ifPresent(p -> {
            throw new IllegalArgumentException("deregistrationDelay " + p);
        });
        connectTimeoutProblem(connectTimeout).ifPresent(p -> {
            throw new IllegalArgumentException("connectTimeout " + p);
        });
    }

    public TargetGroup(String name, TrafficProtocol protocol, TargetHealthCheck healthCheck,
                       Duration deregistrationDelay) {
        this(name, protocol, healthCheck, deregistrationDelay, DEFAULT_CONNECT_TIMEOUT);
    }

    public static java.util.Optional<String> connectTimeoutProblem(Duration timeout) {
        return timeout != null && timeout.compareTo(MIN_CONNECT_TIMEOUT) >= 0
                && timeout.compareTo(MAX_CONNECT_TIMEOUT) <= 0
                ? java.util.Optional.empty() : java.util.Optional.of("must be between 100ms and 60s");
    }

    public static java.util.Optional<String> deregistrationDelayProblem(Duration delay) {
        return delay != null && !delay.isNegative() && delay.compareTo(MAX_DEREGISTRATION_DELAY) <= 0
                ? java.util.Optional.empty() : java.util.Optional.of("must be between 0s and 3600s");
    }
}
