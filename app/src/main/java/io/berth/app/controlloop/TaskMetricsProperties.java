package io.berth.app.controlloop;

import io.berth.reconciler.sampling.SamplingSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code berth.task-metrics}: how often and how many running tasks' CPU and memory are read from their engines.
 *
 * @param sampleInterval  time between two rounds (also how often auto scaling decides)
 * @param window          how far back utilisation looks (ECS's metric period is one minute)
 * @param maxTasksPerHost readings asked of one engine per round; a host with more tasks is read in turns
 * @param maxTasksPerRound readings per round, all hosts together
 * @param concurrencyPerHost readings in flight per engine (at most {@code berth.docker.max-stats-connections} of them
 *                           find a connection at once; more wait for one)
 * @param callTimeout     bound of one reading
 */
@ConfigurationProperties("berth.task-metrics")
public record TaskMetricsProperties(Boolean enabled, Duration sampleInterval, Duration window, Integer maxTasksPerHost,
                                    Integer maxTasksPerRound, Integer concurrencyPerHost, Duration callTimeout) {

    public TaskMetricsProperties {
        enabled = enabled == null || enabled;
        sampleInterval = sampleInterval == null ? Duration.ofSeconds(10) : sampleInterval;
        window = window == null ? Duration.ofSeconds(60) : window;
        maxTasksPerHost = maxTasksPerHost == null ? 100 : maxTasksPerHost;
        maxTasksPerRound = maxTasksPerRound == null ? 1000 : maxTasksPerRound;
        concurrencyPerHost = concurrencyPerHost == null ? 40 : concurrencyPerHost;
        callTimeout = callTimeout == null ? Duration.ofSeconds(5) : callTimeout;
        if (sampleInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("berth.task-metrics.sample-interval must be at least 1s, got "
                    + sampleInterval);
        }
        if (window.compareTo(sampleInterval.multipliedBy(2)) < 0) {
            // CPU is a rate between two readings: a window shorter than two rounds would rarely hold two.
            throw new IllegalArgumentException("berth.task-metrics.window (" + window
                    + ") must be at least twice berth.task-metrics.sample-interval (" + sampleInterval + ")");
        }
    }

    /** The sampler's bounds: a round ends before the next one is due. */
    public SamplingSettings settings() {
        Duration round = sampleInterval.minusMillis(sampleInterval.toMillis() / 5);
        return new SamplingSettings(maxTasksPerHost, maxTasksPerRound, concurrencyPerHost,
                callTimeout.compareTo(round) < 0 ? callTimeout : round, round);
    }

    /** Readings kept per task: a window's worth and a few more. */
    public int samplesPerTask() {
        return (int) Math.min(360, window.toMillis() / sampleInterval.toMillis() + 3);
    }
}
