package io.berth.reconciler.sampling;

import java.time.Duration;

/**
 * The bounds of one sampling round.
 *
 * @param maxTasksPerHost  readings asked of one engine per round; a host with more tasks is read in turns
 * @param maxTasksPerRound readings per round, all hosts together
 * @param concurrency      readings in flight per host (the engine spends ~1 s per one-shot reading)
 * @param callTimeout      bound of one reading
 * @param roundTimeout     bound of the whole round: readings not back by then are left for the next one
 */
public record SamplingSettings(int maxTasksPerHost, int maxTasksPerRound, int concurrency, Duration callTimeout,
                               Duration roundTimeout) {

    public static final SamplingSettings DEFAULTS = new SamplingSettings(100, 1000, 8, Duration.ofSeconds(5),
            Duration.ofSeconds(8));

    public SamplingSettings {
        if (maxTasksPerHost < 1 || maxTasksPerRound < 1 || concurrency < 1) {
            throw new IllegalArgumentException("sampling bounds must be >= 1");
        }
        if (!callTimeout.isPositive() || !roundTimeout.isPositive()) {
            throw new IllegalArgumentException("sampling timeouts must be positive");
        }
    }
}
