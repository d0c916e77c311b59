package io.berth.app.instances;

import io.berth.docker.EngineConfig;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code berth.docker.*}: how patient Berth is with each host's engine and how many connections it opens to it.
 * Every engine call is bounded: ordinary calls by {@code responseTimeout}, pulls by {@code pullTimeout}, stops by
 * their stop timeout plus {@code responseTimeout}, log streams by the API's follow limit.
 *
 * @param connectTimeout    opening a connection (and a ping); an unreachable host fails after this
 * @param responseTimeout   waiting for the answer to an ordinary call
 * @param pullTimeout       a whole image pull
 * @param maxConnections    connections to one engine for calls, pulls, stops and events
 * @param maxLogConnections connections to one engine for container log streams, a pool of their own
 * @param maxStatsConnections connections to one engine for one-shot stats readings, a pool of their own
 */
@ConfigurationProperties("berth.docker")
public record EngineProperties(Duration connectTimeout, Duration responseTimeout, Duration pullTimeout,
                               Integer maxConnections, Integer maxLogConnections, Integer maxStatsConnections) {

    public EngineProperties {
        connectTimeout = positive("connect-timeout", connectTimeout, Duration.ofSeconds(3));
        responseTimeout = positive("response-timeout", responseTimeout, Duration.ofSeconds(30));
        pullTimeout = positive("pull-timeout", pullTimeout, Duration.ofMinutes(5));
        maxConnections = atLeastOne("max-connections", maxConnections, EngineConfig.DEFAULT_MAX_CONNECTIONS);
        maxLogConnections = atLeastOne("max-log-connections", maxLogConnections, EngineConfig.DEFAULT_MAX_LOG_CONNECTIONS);
        maxStatsConnections = atLeastOne("max-stats-connections", maxStatsConnections,
                EngineConfig.DEFAULT_MAX_STATS_CONNECTIONS);
    }

    /** Every default. */
    public static EngineProperties defaults() {
        return new EngineProperties(null, null, null, null, null, null);
    }

    /** {@code base} (endpoint, TLS) with these timeouts and pools. */
    public EngineConfig apply(EngineConfig base) {
        return base.withTimeouts(connectTimeout, responseTimeout).withPull(pullTimeout)
                .withConnections(maxConnections, maxLogConnections).withStatsConnections(maxStatsConnections);
    }

    private static Duration positive(String name, Duration value, Duration fallback) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("berth.docker." + name + " must be positive, was " + value);
        }
        return value;
    }

    private static int atLeastOne(String name, Integer value, int fallback) {
        if (value == null) {
            return fallback;
        }
        if (value < 1) {
            throw new IllegalArgumentException("berth.docker." + name + " must be at least 1, was " + value);
        }
        return value;
    }
}
