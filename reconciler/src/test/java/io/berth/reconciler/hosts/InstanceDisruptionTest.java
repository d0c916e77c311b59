package io.berth.reconciler.hosts;

import io.berth.reconciler.testing.VirtualClock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** A blip of Berth's own link to most hosts is not the loss of most hosts. */
class InstanceDisruptionTest {

    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final InstanceHealth health = new InstanceHealth(clock, Duration.ofSeconds(10));

    private List<UUID> hosts(int n) {
        List<UUID> hosts = IntStream.range(0, n).mapToObj(i -> new UUID(0, i + 1)).toList();
        hosts.forEach(health::answered);
        return hosts;
    }

    @Test
    void whenEveryHostGoesSilentAtOnceNoneIsDeclaredLostAndTheyAreWatchedAgainOnHeal() {
        List<UUID> hosts = hosts(3);
        hosts.forEach(h -> health.failed(h, clock.instant()));

        clock.advance(Duration.ofSeconds(20)); // twice the grace
        assertThat(health.lost()).isEmpty();
        assertThat(health.disrupted()).isTrue();

        hosts.forEach(health::answered);
        assertThat(health.lost()).isEmpty();
        assertThat(health.disrupted()).isFalse();
    }

    /** Advances the clock a second at a time, the given hosts answering their heartbeats. */
    private void advanceAnswering(Duration duration, List<UUID> answering) {
        for (long s = 0; s < duration.toSeconds(); s++) {
            clock.advance(Duration.ofSeconds(1));
            answering.forEach(health::answered);
        }
    }

    @Test
    void oneSilentHostOfThreeIsLostAsUsual() {
        List<UUID> hosts = hosts(3);
        health.failed(hosts.get(0), clock.instant());

        advanceAnswering(Duration.ofSeconds(10), hosts.subList(1, 3));
        assertThat(health.lost()).containsExactly(hosts.get(0));
        assertThat(health.disrupted()).isFalse();
    }

    @Test
    void hostsStillSilentWhenTheOthersAnswerAgainGetAFreshGraceAndAreLostAfterIt() {
        List<UUID> hosts = hosts(4);
        hosts.forEach(h -> health.failed(h, clock.instant()));
        clock.advance(Duration.ofSeconds(15));
        assertThat(health.lost()).isEmpty();

        health.answered(hosts.get(0));
        health.answered(hosts.get(1)); // 2 of 4 silent: 50 %, no longer a disruption
        assertThat(health.lost()).as("the heal may still be under way").isEmpty();
        assertThat(health.disrupted()).isFalse();
        assertThat(health.untilLost(hosts.get(2))).contains(Duration.ofSeconds(10));

        advanceAnswering(Duration.ofSeconds(9), hosts.subList(0, 2));
        assertThat(health.lost()).isEmpty();
        advanceAnswering(Duration.ofSeconds(1), hosts.subList(0, 2)); // silent a full grace after the others answered: two dead hosts
        assertThat(health.lost()).containsExactlyInAnyOrder(hosts.get(2), hosts.get(3));
    }

    @Test
    void aHealThatReachesTheHostsOneByOneLosesNone() {
        List<UUID> hosts = hosts(4);
        health.answered(hosts.get(0)); // Berth's own engine: never cut
        hosts.subList(1, 4).forEach(h -> health.failed(h, clock.instant()));
        clock.advance(Duration.ofSeconds(12));
        assertThat(health.lost()).isEmpty();
        assertThat(health.disrupted()).isTrue();

        health.answered(hosts.get(1)); // the first host back ends the disruption: 2 of 4 silent
        assertThat(health.lost()).isEmpty();
        clock.advance(Duration.ofSeconds(2));
        health.answered(hosts.get(2));
        assertThat(health.lost()).isEmpty();
        clock.advance(Duration.ofSeconds(3));
        health.answered(hosts.get(3));
        assertThat(health.lost()).isEmpty();
        clock.advance(Duration.ofSeconds(30));
        assertThat(health.lost()).isEmpty();
    }

    /**
     * A cut of the three cluster hosts, Berth's own engine answering: the third host's heartbeat still hangs on the
     * cut link (neither answered nor failed) when the first two pass their grace. It counts as silent: 3 of 4 is a
     * disruption, and no host is lost. Counted as answering, it made 2 of 4 (50 %) and two hosts were lost.
     */
    @Test
    void aHostWhoseHeartbeatStillHangsCountsAsSilentForADisruption() {
        List<UUID> hosts = hosts(4);
        UUID local = hosts.get(0);
        health.failed(hosts.get(1), clock.instant());
        health.failed(hosts.get(2), clock.instant());

        advanceAnswering(Duration.ofSeconds(10), List.of(local));
        assertThat(health.lost()).as("hosts 1 and 2 past their grace, host 3 unheard for 10 s").isEmpty();
        assertThat(health.disrupted()).isTrue();

        health.failed(hosts.get(3), clock.instant());
        advanceAnswering(Duration.ofSeconds(5), List.of(local));
        hosts.subList(1, 4).forEach(health::answered); // the heal
        advanceAnswering(Duration.ofSeconds(30), hosts);
        assertThat(health.lost()).isEmpty();
    }

    @Test
    void aDeregisteredSilentHostNoLongerCountsTowardsADisruption() {
        List<UUID> hosts = hosts(3);
        health.failed(hosts.get(0), clock.instant());
        health.failed(hosts.get(1), clock.instant());
        advanceAnswering(Duration.ofSeconds(10), hosts.subList(2, 3));
        assertThat(health.lost()).isEmpty(); // 2 of 3

        health.forget(hosts.get(0));         // 1 of 2 silent: a lost host
        assertThat(health.lost()).containsExactly(hosts.get(1));
    }

    @ParameterizedTest(name = "{0} silent of {1} watched: disruption {2}")
    @CsvSource({"1, 1, false", "1, 2, false", "2, 2, true", "2, 3, true", "2, 4, false", "3, 4, true", "5, 10, false",
            "6, 10, true", "0, 0, false"})
    void theShareOfSilentHostsThatMakesADisruption(int silent, int watched, boolean disruption) {
        assertThat(InstanceHealth.isDisruption(silent, watched)).isEqualTo(disruption);
    }
}
