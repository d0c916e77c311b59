package io.berth.reconciler.metrics;

import java.time.Duration;

/**
 * ELB's {@code RequestCountPerTarget}, as a rate: the group's requests a minute divided by its healthy targets.
 */
public final class RequestRate {

    private RequestRate() {
    }

    /**
     * Worked: 1200 requests over 30 s to 4 healthy targets → 2400 a minute / 4 = 600; 45 requests over 9 s to 1 → 300
     * (the end to end test's load: 5 a second); 90 requests over 60 s to no healthy target → 90 (a group without
     * healthy targets still shows its load, as one target's worth).
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
