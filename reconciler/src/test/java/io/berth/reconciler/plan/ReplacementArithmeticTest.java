package io.berth.reconciler.plan;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

class ReplacementArithmeticTest {

    static Stream<Arguments> toStartCases() {
        return Stream.of(
                // desired, oldActive, newActive, expected
                argumentSet("revision change: desired 3, 3 old, 0 new → ceiling 6, start 3", 3, 3, 0, 3),
                argumentSet("plain scale-up/replacement: desired 3, 0 old, 1 new → 2", 3, 0, 1, 2),
                argumentSet("from zero: desired 3, nothing active → 3", 3, 0, 0, 3),
                argumentSet("desired 0, nothing active → 0", 0, 0, 0, 0),
                argumentSet("desired 0 with old tasks → 0", 0, 3, 0, 0),
                argumentSet("desired 0 with new tasks → 0", 0, 0, 2, 0),
                argumentSet("already at desired → 0", 3, 0, 3, 0),
                argumentSet("more new than desired → 0", 3, 0, 5, 0),
                argumentSet("at the 200% ceiling: 3 old, 3 new → 0", 3, 3, 3, 0),
                argumentSet("3 old, 2 new → room 1", 3, 3, 2, 1),
                argumentSet("more old than desired: desired 2, 3 old → room 1", 2, 3, 0, 1),
                argumentSet("more old than 2×desired: desired 2, 5 old → 0", 2, 5, 0, 0),
                argumentSet("desired 1, 1 old → 1", 1, 1, 0, 1),
                argumentSet("desired 10, 4 old, 4 new → min(6 wanted, 12 room) = 6", 10, 4, 4, 6));
    }

    @ParameterizedTest
    @MethodSource("toStartCases")
    void toStart(int desired, int oldActive, int newActive, int expected) {
        assertThat(ReplacementArithmetic.toStart(desired, oldActive, newActive)).isEqualTo(expected);
    }

    static Stream<Arguments> oldToStopCases() {
        return Stream.of(
                // desired, oldRunning, oldNotRunning, newRunning, expected
                argumentSet("desired 3, 3 old running, 1 new running → 1", 3, 3, 0, 1, 1),
                argumentSet("desired 3, 3 old running, 3 new running → all 3", 3, 3, 0, 3, 3),
                argumentSet("desired 3, no new running yet → 0", 3, 3, 0, 0, 0),
                argumentSet("desired 0 → every old task", 0, 3, 0, 0, 3),
                argumentSet("desired 0, running and not running → all", 0, 2, 4, 0, 6),
                argumentSet("old not running always go; running ones below the floor stay", 3, 2, 2, 0, 2),
                argumentSet("more new running than desired: capped at old running", 3, 3, 0, 5, 3),
                argumentSet("more old running than desired: the surplus goes", 3, 5, 0, 0, 2),
                argumentSet("no old tasks → 0", 3, 0, 0, 3, 0),
                argumentSet("desired 2, 3 old running + 1 idle, 1 new running → 1 + 2", 2, 3, 1, 1, 3),
                argumentSet("only idle old tasks, nothing running → all idle", 3, 0, 2, 0, 2));
    }

    @ParameterizedTest
    @MethodSource("oldToStopCases")
    void oldToStop(int desired, int oldRunning, int oldNotRunning, int newRunning, int expected) {
        assertThat(ReplacementArithmetic.oldToStop(desired, oldRunning, oldNotRunning, newRunning)).isEqualTo(expected);
    }

    static Stream<Arguments> bounds() {
        return Stream.of(argumentSet("desired 0", 0, 0, 0), argumentSet("desired 1", 1, 2, 1),
                argumentSet("desired 3", 3, 6, 3));
    }

    @ParameterizedTest
    @MethodSource("bounds")
    void deploymentBoundsAreEcsDefaults(int desired, int maximumRunning, int minimumHealthy) {
        assertThat(ReplacementArithmetic.maximumRunning(desired)).isEqualTo(maximumRunning);
        assertThat(ReplacementArithmetic.minimumHealthy(desired)).isEqualTo(minimumHealthy);
    }
}
