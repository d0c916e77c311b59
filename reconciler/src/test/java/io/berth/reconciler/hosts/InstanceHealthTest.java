package io.berth.reconciler.hosts;

import io.berth.reconciler.testing.VirtualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class InstanceHealthTest {

    private static final UUID HOST = UUID.fromString("00000000-0000-0000-0000-0000000000aa");
    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final InstanceHealth health = new InstanceHealth(clock, Duration.ofSeconds(10));

    @Test
    void graceRunsFromTheLastAnswerWhenTheHostWentSilentRightAfterIt() {
        health.answered(HOST);                       // heartbeat at 0 s
        clock.advance(Duration.ofMillis(1500));
        health.failed(HOST, clock.instant());        // the next call fails at 1.5 s

        clock.advance(Duration.ofMillis(8400));      // 9.9 s after the last answer
        assertThat(health.lost()).isEmpty();
        assertThat(health.untilLost(HOST)).contains(Duration.ofMillis(100));
        clock.advance(Duration.ofMillis(100));       // 10 s after the last answer
        assertThat(health.lost()).containsExactly(HOST);
        assertThat(health.untilLost(HOST)).contains(Duration.ZERO);
    }

    @Test
    void aLongUnaskedHostIsBackdatedByOneHeartbeatAtMost() {
        health.answered(HOST);
        clock.advance(Duration.ofSeconds(30));       // Berth too busy to ask for 30 s
        health.failed(HOST, clock.instant());

        assertThat(health.lost()).as("one failure after a long gap is not a lost host").isEmpty();
        assertThat(health.untilLost(HOST)).contains(Duration.ofSeconds(8));
    }

    @Test
    void withoutAnyAnswerTheGraceRunsFromTheFailedCallAndAnAnswerClearsIt() {
        health.failed(HOST, clock.instant());
        clock.advance(Duration.ofSeconds(9));
        assertThat(health.lost()).isEmpty();
        health.answered(HOST);
        clock.advance(Duration.ofSeconds(5));
        assertThat(health.isFailing(HOST)).isFalse();
        assertThat(health.untilLost(HOST)).isEmpty();
    }

    @Test
    void failingNamesTheSilentHostsAtOnceButNoneWhileMostAreSilentTogether() {
        UUID b = UUID.fromString("00000000-0000-0000-0000-0000000000bb");
        UUID c = UUID.fromString("00000000-0000-0000-0000-0000000000cc");
        for (UUID h : new UUID[] {HOST, b, c}) {
            health.answered(h);
        }
        assertThat(health.failing()).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        health.failed(HOST, clock.instant());
        assertThat(health.failing()).as("one of three silent: named at once, long before its grace ends")
                .containsOnlyKeys(HOST);
        assertThat(health.lost()).isEmpty();

        health.failed(b, clock.instant());
        assertThat(health.failing()).as("two of three silent: Berth's own link is the likelier fault").isEmpty();

        health.answered(b);
        assertThat(health.failing()).containsOnlyKeys(HOST);
        health.answered(HOST);
        assertThat(health.failing()).isEmpty();
    }
}
