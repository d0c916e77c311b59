package io.berth.reconciler.loop;

import io.berth.reconciler.testing.VirtualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pass deadline in virtual time: nothing but the clock decides when a pass is overrun. */
class PassWatchdogTest {

    final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-01T00:00:00Z"));
    final PassWatchdog watchdog = new PassWatchdog(clock, Duration.ofSeconds(60));
    final ReconcileKey key = new ReconcileKey.ServiceKey(UUID.fromString("00000000-0000-0000-0000-000000000001"));

    @Test
    void aPassWithinItsDeadlineIsLeftAloneAndEndsNotOverrun() {
        PassWatchdog.Pass pass = watchdog.begin(key);
        clock.advance(Duration.ofSeconds(59));
        assertThat(watchdog.check()).isEmpty();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThat(watchdog.end(pass)).isFalse();
        assertThat(watchdog.stuck()).isZero();
    }

    @Test
    void aPassAtItsDeadlineIsReportedOnceInterruptedAndEndsOverrunWithTheInterruptionCleared() {
        PassWatchdog.Pass pass = watchdog.begin(key);
        clock.advance(Duration.ofSeconds(60));

        assertThat(watchdog.check()).singleElement().satisfies(p -> assertThat(p.key()).isEqualTo(key));
        assertThat(Thread.currentThread().isInterrupted()).as("the pass's thread is interrupted").isTrue();
        assertThat(watchdog.stuck()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(5));
        assertThat(watchdog.check()).as("reported once").isEmpty();

        assertThat(watchdog.end(pass)).as("counts as failed").isTrue();
        assertThat(Thread.currentThread().isInterrupted()).as("the next wait for a key must not see it").isFalse();
        assertThat(watchdog.stuck()).isZero();
    }

    @Test
    void aPassThatEndedIsNeverInterruptedAfterwards() {
        PassWatchdog.Pass pass = watchdog.begin(key);
        assertThat(watchdog.end(pass)).isFalse();
        clock.advance(Duration.ofHours(1));
        assertThat(watchdog.check()).isEmpty();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void onlyThePassesPastTheirOwnDeadlineAreOverrun() {
        ReconcileKey other = new ReconcileKey.ServiceKey(UUID.fromString("00000000-0000-0000-0000-000000000002"));
        PassWatchdog.Pass first = watchdog.begin(key);
        clock.advance(Duration.ofSeconds(30));
        PassWatchdog.Pass second = watchdog.begin(other);
        clock.advance(Duration.ofSeconds(30));
        assertThat(watchdog.check()).extracting(PassWatchdog.Pass::key).containsExactly(key);
        clock.advance(Duration.ofSeconds(30));
        assertThat(watchdog.check()).extracting(PassWatchdog.Pass::key).containsExactly(other);
        assertThat(watchdog.stuck()).isEqualTo(2);
        watchdog.end(first);
        watchdog.end(second);
    }

    @Test
    void aTimeoutMustBePositive() {
        assertThatThrownBy(() -> new PassWatchdog(clock, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
