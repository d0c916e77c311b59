package io.berth.reconciler.metrics;

import java.time.Duration;

/** ELB's {@code RequestCountPerTarget}, as a rate: requests a minute per registered target. */
public final class RequestRate {

    private RequestRate() {
    }

    /**
     * Worked: 1200 requests over 30 s to 4 targets → 2400 a minute / 4 = 600; 90 requests over 60 s to no target → 90
     * (a group without targets still shows its load, as one target's worth).
     *
     * @return -1 when the span is not positive (one observation: no rate yet)
     */
    public static double perTargetPerMinute(long requests, Duration span, int targets) {
        if (!span.isPositive() || requests < 0) {
            return -1;
        }
        double perMinute = requests * 60_000.0 / span.toMillis();
        return perMinute / Math.max(1, targets);
    }
}
