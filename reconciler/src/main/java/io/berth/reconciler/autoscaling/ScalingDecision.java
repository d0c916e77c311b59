package io.berth.reconciler.autoscaling;

/**
 * What auto scaling decided for one service.
 *
 * @param from    the desired count now
 * @param to      the desired count to set (= from when nothing changes)
 * @param message the service event that says why (null: nothing worth saying — the metrics are within target)
 */
public record ScalingDecision(Kind kind, int from, int to, String message) {

    public enum Kind {
        /** More tasks. */
        SCALE_OUT,
        /** Fewer tasks. */
        SCALE_IN,
        /** No change. */
        HOLD,
        /** A change was wanted but a bound or a cooldown holds it back: the message says which. */
        BLOCKED
    }

    public boolean changes() {
        return to != from;
    }
}
