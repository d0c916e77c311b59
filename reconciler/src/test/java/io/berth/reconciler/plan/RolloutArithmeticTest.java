package io.berth.reconciler.plan;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

class RolloutArithmeticTest {

    static Stream<Arguments> bounds() {
        return Stream.of(
                // desired, minimumHealthyPercent, maximumPercent, minimumHealthy, maximumActive
                argumentSet("ECS defaults, 3 tasks: 3 healthy, 6 active", 3, 100, 200, 3, 6),
                argumentSet("4 tasks at 50/200: 2 healthy, 8 active", 4, 50, 200, 2, 8),
                argumentSet("1 task at 0/100: 0 healthy, 1 active", 1, 0, 100, 0, 1),
                argumentSet("3 tasks at 50/150: 1.5 rounds up to 2, 4.5 down to 4", 3, 50, 150, 2, 4),
                argumentSet("3 tasks at 100/100: 3 and 3", 3, 100, 100, 3, 3),
                argumentSet("desired 0: nothing either way", 0, 100, 200, 0, 0),
                argumentSet("1 task at 100/110: 1.1 rounds down but never below desired", 1, 100, 110, 1, 1));
    }

    @ParameterizedTest
    @MethodSource("bounds")
    void bounds(int desired, int minPercent, int maxPercent, int minimumHealthy, int maximumActive) {
        assertThat(RolloutArithmetic.minimumHealthy(desired, minPercent)).isEqualTo(minimumHealthy);
        assertThat(RolloutArithmetic.maximumActive(desired, maxPercent)).isEqualTo(maximumActive);
    }

    static Stream<Arguments> toStartCases() {
        return Stream.of(
                // desired, currentActive, allActive, maximumActive, expected
                argumentSet("4 at 50/200, 4 old: room 4 → start 4", 4, 0, 4, 8, 4),
                argumentSet("1 at 0/100, 1 old: no room → 0 (the old one goes first)", 1, 0, 1, 1, 0),
                argumentSet("1 at 0/100, old gone: → 1", 1, 0, 0, 1, 1),
                argumentSet("3 at 100/100, 3 old: no room → 0", 3, 0, 3, 3, 0),
                argumentSet("plain replacement: desired 3, 2 current → 1", 3, 2, 2, 6, 1),
                argumentSet("from zero: desired 3 → 3", 3, 0, 0, 6, 3),
                argumentSet("at desired → 0", 3, 3, 3, 6, 0),
                argumentSet("more current than desired → 0", 3, 5, 5, 6, 0),
                argumentSet("room limits: desired 10, 4 current, 12 active of 14 → 2", 10, 4, 12, 14, 2),
                argumentSet("desired 0 → 0", 0, 0, 3, 0, 0));
    }

    @ParameterizedTest
    @MethodSource("toStartCases")
    void toStart(int desired, int currentActive, int allActive, int maximumActive, int expected) {
        assertThat(RolloutArithmetic.toStart(desired, currentActive, allActive, maximumActive)).isEqualTo(expected);
    }

    static Stream<Arguments> oldToStopCases() {
        return Stream.of(
                // oldActive, oldHealthy, allHealthy, minimumHealthy, expected
                argumentSet("4 at 50/200: 4 old healthy, minimum 2 → 2 go at once", 4, 4, 4, 2, 2),
                argumentSet("1 at 0/100: the one old task may go", 1, 1, 1, 0, 1),
                argumentSet("3 at 100/200: 3 old + 1 new healthy → 1", 3, 3, 4, 3, 1),
                argumentSet("3 at 100/200: all 3 new healthy → all 3 old", 3, 3, 6, 3, 3),
                argumentSet("3 at 100/100: nothing may go", 3, 3, 3, 3, 0),
                argumentSet("unhealthy old tasks always go", 3, 1, 1, 3, 2),
                argumentSet("desired 0: every old task", 3, 3, 3, 0, 3),
                argumentSet("no old tasks → 0", 0, 0, 3, 3, 0),
                argumentSet("new tasks not yet healthy do not count", 3, 3, 3, 3, 0));
    }

    @ParameterizedTest
    @MethodSource("oldToStopCases")
    void oldToStop(int oldActive, int oldHealthy, int allHealthy, int minimumHealthy, int expected) {
        assertThat(RolloutArithmetic.oldToStop(oldActive, oldHealthy, allHealthy, minimumHealthy)).isEqualTo(expected);
    }

    static Stream<Arguments> stuckCases() {
        return Stream.of(
                argumentSet("3 at 100/100 with nothing in flight is stuck", 3, 0, 0, false, true),
                argumentSet("a task in flight may still become healthy: not stuck", 3, 0, 0, true, false),
                argumentSet("something to start: not stuck", 3, 1, 0, false, false),
                argumentSet("something to stop: not stuck", 3, 0, 1, false, false),
                argumentSet("no old tasks: no rollout at all", 0, 0, 0, false, false));
    }

    @ParameterizedTest
    @MethodSource("stuckCases")
    void stuck(int oldActive, int toStart, int oldToStop, boolean inFlight, boolean expected) {
        assertThat(RolloutArithmetic.stuck(oldActive, toStart, oldToStop, inFlight)).isEqualTo(expected);
    }
}
