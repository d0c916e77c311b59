package io.berth.reconciler.pass;

import io.berth.reconciler.traffic.BackendCounters;
import io.berth.reconciler.traffic.TargetHealth;
import io.berth.reconciler.traffic.TrafficStats;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RequestRatesTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private final UUID host = UUID.randomUUID();
    private Instant now = T0;
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final RequestRates rates = new RequestRates(Duration.ofSeconds(60), clock);

    private TrafficStats stats(long requests, String... servers) {
        List<TrafficStats.TargetSample> targets = java.util.Arrays.stream(servers).map(s -> new TrafficStats.TargetSample(
                "lb", "web-tg", s, null, null, host, 0, new TargetHealth(switch (s.charAt(0)) {
                    case 'd' -> "draining";
                    case 'i' -> "initial";
                    case 'u' -> "unhealthy";
                    default -> "healthy";
                }, null, null))).toList();
        return new TrafficStats(List.of(new TrafficStats.BackendSample("lb", "web-tg", host, "haproxy-1",
                new BackendCounters(requests, 0, 0))), targets, Set.of());
    }

    @Test
    void requestsAMinutePerHealthyTarget() {
        rates.observed("default", stats(1000, "a", "b"));
        assertThat(rates.perTarget("default")).isEmpty(); // one observation: no rate yet

        now = T0.plusSeconds(30);
        rates.observed("default", stats(2200, "a", "b", "d1", "i1", "u1"));

        // 1200 requests in 30 s = 2400 a minute, over the 2 healthy targets (draining, initial, unhealthy take none)
        assertThat(rates.perTarget("default").get("web-tg")).isCloseTo(1200.0, within(1e-9));
        assertThat(rates.perTarget("other")).isEmpty();
    }

    @Test
    void aCounterThatWentBackCountsFromItsNewValue() {
        rates.observed("default", stats(5000, "a"));
        now = T0.plusSeconds(60);
        rates.observed("default", stats(300, "a")); // HAProxy reloaded

        assertThat(rates.perTarget("default").get("web-tg")).isCloseTo(300.0, within(1e-9));
    }

    @Test
    void theWindowForgetsOldRises() {
        rates.observed("default", stats(0, "a"));
        now = T0.plusSeconds(10);
        rates.observed("default", stats(6000, "a"));
        now = T0.plusSeconds(100);
        rates.observed("default", stats(6000, "a"));
        now = T0.plusSeconds(130);
        rates.observed("default", stats(6300, "a"));

        // only the last 30 s (300 requests) count: 600 a minute
        assertThat(rates.perTarget("default").get("web-tg")).isCloseTo(600.0, within(1e-9));
    }
}
