package io.berth.reconciler.sampling;

/**
 * What one round did, for logs and metrics.
 *
 * @param running  running tasks known to the round
 * @param asked    readings asked of engines (at most the bounds)
 * @param read     readings recorded
 * @param failed   readings that failed or were not back within the round
 */
public record SamplingRound(int hosts, int running, int asked, int read, int failed) {
}
