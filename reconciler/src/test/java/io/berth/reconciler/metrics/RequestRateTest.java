package io.berth.reconciler.metrics;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** requestsPerTarget's arithmetic, worked: requests over a span, per healthy target, a minute. */
class RequestRateTest {

    @ParameterizedTest(name = "{0} requests in {1} ms to {2} healthy → {3} a minute per target")
    @CsvSource({
            "1200, 30000, 4, 600",   // 2400 a minute over 4
            "45,   9000,  1, 300",   // 5 a second to one task: 15 times a target of 20
            "45,   9000,  2, 150",   // the same load once a second task is healthy
            "90,   60000, 0, 90",    // no healthy target: the load shows as one target's worth
            "0,    9000,  2, 0",     // load stopped
            "7,    0,     1, -1",    // one observation: no span, no rate
            "-1,   9000,  1, -1",
    })
    void perTargetPerMinute(long requests, long spanMillis, int healthy, double expected) {
        assertThat(RequestRate.perTargetPerMinute(requests, Duration.ofMillis(spanMillis), healthy))
                .isCloseTo(expected, within(1e-9));
    }
}
