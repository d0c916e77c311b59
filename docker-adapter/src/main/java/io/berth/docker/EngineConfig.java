package io.berth.docker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach one Docker engine and how patient to be with it.
 *
 * @param endpoint           {@code unix:///var/run/docker.sock} or {@code tcp://host:port}
 * @param certDir            directory with ca.pem/cert.pem/key.pem (a DOCKER_CERT_PATH) for mutual TLS on a tcp
 *                           endpoint (engine on tcp://host:2376 with --tlsverify): the engine's certificate must be
 *                           signed by ca.pem and name the host (IP or DNS SAN); cert.pem/key.pem is the client's.
 *                           Null = plain HTTP (tcp://host:2375, unix sockets)
 * @param apiVersion         Docker API version to speak, null = unversioned paths (the engine answers with its own
 *                           version). Never pin something newer than the engine: 20.10 rejects 1.44.
 * @param connectTimeout     bound on opening a connection; an unreachable host fails after this
 * @param responseTimeout    bound on waiting for an answer to an ordinary call (not streams, pulls, stops)
 * @param pullTimeout        bound on a whole image pull
 * @param pullFailureBackoff after a failed pull, how long the same image is not pulled again (the cached copy is used,
 *                           or the remembered failure returned at once), so that an unreachable registry does not
 *                           cost a pull attempt on every launch; {@link Duration#ZERO} disables it
 * @param retry              retries of idempotent calls on transient failures
 * @param breaker            the engine's circuit breaker
 * @param maxConnections     connections to the engine at most for ordinary calls, pulls, stops and events
 *                           (0 = 32)
 * @param maxLogConnections  connections at most for container log streams, a pool of their own (0 = 8): an
 *                           hour-long followed log cannot take a connection a pull or a stop needs
 * @param maxStatsConnections connections at most for one-shot stats readings, a pool of their own (0 = 40): a
 *                           reading waits for the engine's stats collection, so many are in flight on a busy host,
 *                           and they must not take the connections the control loop's list and inspect need
 */
public record EngineConfig(
        String endpoint,
        Path certDir,
        String apiVersion,
        Duration connectTimeout,
        Duration responseTimeout,
        Duration pullTimeout,
        Duration pullFailureBackoff,
        RetrySettings retry,
        BreakerSettings breaker,
        int maxConnections,
        int maxLogConnections,
        int maxStatsConnections) {

    public static final String LOCAL_ENDPOINT = "unix:///var/run/docker.sock";
    public static final int DEFAULT_MAX_CONNECTIONS = 32;
    public static final int DEFAULT_MAX_LOG_CONNECTIONS = 8;
    public static final int DEFAULT_MAX_STATS_CONNECTIONS = 40;

    public EngineConfig {
        Objects.requireNonNull(endpoint, "endpoint");
        if (!endpoint.startsWith("unix://") && !endpoint.startsWith("tcp://")) {
            throw new IllegalArgumentException("endpoint must be unix:///path or tcp://host:port, was " + endpoint);
        }
        if (certDir != null && !endpoint.startsWith("tcp://")) {
            throw new IllegalArgumentException("certDir (TLS) applies to tcp:// endpoints only, not " + endpoint);
        }
        connectTimeout = positive(connectTimeout, Duration.ofSeconds(3));
        responseTimeout = positive(responseTimeout, Duration.ofSeconds(30));
        pullTimeout = positive(pullTimeout, Duration.ofMinutes(5));
        pullFailureBackoff = pullFailureBackoff == null || pullFailureBackoff.isNegative()
                ? Duration.ofSeconds(30) : pullFailureBackoff;
        retry = retry == null ? RetrySettings.DEFAULT : retry;
        breaker = breaker == null ? BreakerSettings.DEFAULT : breaker;
        if (maxConnections < 0 || maxLogConnections < 0 || maxStatsConnections < 0) {
            throw new IllegalArgumentException("maxConnections, maxLogConnections and maxStatsConnections must not be"
                    + " negative, were " + maxConnections + ", " + maxLogConnections + " and " + maxStatsConnections);
        }
        maxConnections = maxConnections == 0 ? DEFAULT_MAX_CONNECTIONS : maxConnections;
        maxLogConnections = maxLogConnections == 0 ? DEFAULT_MAX_LOG_CONNECTIONS : maxLogConnections;
        maxStatsConnections = maxStatsConnections == 0 ? DEFAULT_MAX_STATS_CONNECTIONS : maxStatsConnections;
    }

    /** Defaults for everything but the endpoint. */
    public static EngineConfig of(String endpoint) {
        return new EngineConfig(endpoint, null, null, null, null, null, null, null, null, 0, 0, 0);
    }

    public EngineConfig withTimeouts(Duration connect, Duration response) {
        return new EngineConfig(endpoint, certDir, apiVersion, connect, response, pullTimeout, pullFailureBackoff, retry, breaker, maxConnections, maxLogConnections, maxStatsConnections);
    }

    public EngineConfig withRetry(RetrySettings newRetry) {
        return new EngineConfig(endpoint, certDir, apiVersion, connectTimeout, responseTimeout, pullTimeout, pullFailureBackoff, newRetry, breaker, maxConnections, maxLogConnections, maxStatsConnections);
    }

    public EngineConfig withBreaker(BreakerSettings newBreaker) {
        return new EngineConfig(endpoint, certDir, apiVersion, connectTimeout, responseTimeout, pullTimeout, pullFailureBackoff, retry, newBreaker, maxConnections, maxLogConnections, maxStatsConnections);
    }

    public EngineConfig withPull(Duration timeout, Duration failureBackoff) {
        return new EngineConfig(endpoint, certDir, apiVersion, connectTimeout, responseTimeout, timeout, failureBackoff, retry, breaker, maxConnections, maxLogConnections, maxStatsConnections);
    }

    public EngineConfig withTls(Path newCertDir) {
        return new EngineConfig(endpoint, newCertDir, apiVersion, connectTimeout, responseTimeout, pullTimeout, pullFailureBackoff, retry, breaker, maxConnections, maxLogConnections, maxStatsConnections);
    }

    public EngineConfig withApiVersion(String version) {
        return new EngineConfig(endpoint, certDir, version, connectTimeout, responseTimeout, pullTimeout, pullFailureBackoff, retry, breaker, maxConnections, maxLogConnections, maxStatsConnections);
    }

    public EngineConfig withPull(Duration timeout) {
        return withPull(timeout, pullFailureBackoff);
    }

    public EngineConfig withConnections(int max, int maxLogs) {
        return new EngineConfig(endpoint, certDir, apiVersion, connectTimeout, responseTimeout, pullTimeout, pullFailureBackoff, retry, breaker, max, maxLogs, maxStatsConnections);
    }

    public EngineConfig withStatsConnections(int max) {
        return new EngineConfig(endpoint, certDir, apiVersion, connectTimeout, responseTimeout, pullTimeout, pullFailureBackoff, retry, breaker, maxConnections, maxLogConnections, max);
    }

    private static Duration positive(Duration value, Duration fallback) {
        return value == null || value.isZero() || value.isNegative() ? fallback : value;
    }

    /**
     * Exponential backoff: waits {@code initialBackoff}, then ×{@code multiplier}, capped at {@code maxBackoff}.
     * {@code maxAttempts} counts the first call; 1 = no retry.
     */
    public record RetrySettings(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff) {
        public static final RetrySettings DEFAULT =
                new RetrySettings(3, Duration.ofMillis(200), 2.0, Duration.ofSeconds(2));
        public static final RetrySettings NONE = new RetrySettings(1, Duration.ofMillis(1), 1.0, Duration.ofMillis(1));

        public RetrySettings {
            if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be >= 1");
            if (multiplier < 1.0) throw new IllegalArgumentException("multiplier must be >= 1");
            Objects.requireNonNull(initialBackoff, "initialBackoff");
            Objects.requireNonNull(maxBackoff, "maxBackoff");
        }
    }

    /**
     * Count-based breaker: opens when at least {@code failureRatePercent} of the last {@code slidingWindowSize}
     * calls (and at least {@code minimumCalls}) failed for engine-health reasons (unreachable, timeout);
     * stays open {@code openDuration}, then lets {@code halfOpenCalls} probes through.
     */
    public record BreakerSettings(float failureRatePercent, int slidingWindowSize, int minimumCalls,
                                  Duration openDuration, int halfOpenCalls) {
        public static final BreakerSettings DEFAULT =
                new BreakerSettings(50f, 10, 5, Duration.ofSeconds(30), 2);

        public BreakerSettings {
            if (failureRatePercent <= 0 || failureRatePercent > 100) throw new IllegalArgumentException("failureRatePercent in (0,100]");
            if (slidingWindowSize < 1 || minimumCalls < 1 || halfOpenCalls < 1) throw new IllegalArgumentException("sizes must be >= 1");
            Objects.requireNonNull(openDuration, "openDuration");
        }
    }
}
