package io.berth.reconciler.plan;

import io.berth.reconciler.model.StopCode;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static io.berth.reconciler.plan.Fixtures.T0;
import static io.berth.reconciler.plan.Fixtures.id;
import static io.berth.reconciler.plan.Fixtures.task;
import static io.berth.reconciler.plan.Fixtures.web;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

class LaunchBackoffTest {

    /** initial 1 s, max 5 m, stableRun 10 s. */
    private static final PlannerSettings SETTINGS = Fixtures.settings(50, 50);
    /** Every history below ends with its newest stop at T0 + 1 h; "now" is that instant unless stated. */
    private static final Instant LAST_STOP = T0.plus(Duration.ofHours(1));

    /** One stopped task: what ended it and how long it had run (null = never started). */
    record Stop(StopCode code, Duration ran) {
    }

    static Stop failedToStart() {
        return new Stop(StopCode.TaskFailedToStart, null);
    }

    static Stop crashedAfter(int seconds) {
        return new Stop(StopCode.EssentialContainerExited, Duration.ofSeconds(seconds));
    }

    static Stop crashedNeverStarted() {
        return new Stop(StopCode.EssentialContainerExited, null);
    }

    static Stop stoppedBy(StopCode code) {
        return new Stop(code, Duration.ofSeconds(1));
    }

    /** Stopped tasks, oldest first, one minute apart, the newest at LAST_STOP. Listed in shuffled order. */
    static List<Task> history(Stop... stops) {
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < stops.length; i++) {
            Instant stoppedAt = LAST_STOP.minus(Duration.ofMinutes(stops.length - 1 - i));
            Instant startedAt = stops[i].ran() == null ? null : stoppedAt.minus(stops[i].ran());
            tasks.add(task(id(100 + i), web(1)).stopped(stops[i].code(), startedAt, stoppedAt).build());
        }
        // the planner gets them in whatever order the store returns: the streak must not depend on it
        List<Task> shuffled = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            shuffled.add(tasks.get((i * 7 + 3) % tasks.size()));
        }
        return tasks.size() % 7 == 0 ? tasks : shuffled;
    }

    static Stop[] repeat(int n, Stop s) {
        Stop[] stops = new Stop[n];
        java.util.Arrays.fill(stops, s);
        return stops;
    }

    static List<Task> plus(List<Task> tasks, Task... more) {
        List<Task> all = new ArrayList<>(tasks);
        all.addAll(List.of(more));
        return all;
    }

    static Stream<Arguments> cases() {
        Task running = task(id(1), web(1)).running().build();
        Task pending = task(id(2), web(1)).pending().build();
        Task stoppingButRunning = task(id(3), web(1)).stopRequested(StopCode.UserInitiated, "x").build();
        return Stream.of(
                // tasks, now, expected delay after LAST_STOP (null = may launch now)
                argumentSet("no history → launch now", List.of(), LAST_STOP, null),
                argumentSet("first quick failure is replaced at once", history(failedToStart()), LAST_STOP, null),
                argumentSet("first crash is replaced at once", history(crashedAfter(1)), LAST_STOP, null),
                argumentSet("2 in a row → initial (1 s)", history(failedToStart(), failedToStart()), LAST_STOP, Duration.ofSeconds(1)),
                argumentSet("3 in a row → 2 × initial", history(repeat(3, crashedAfter(2))), LAST_STOP, Duration.ofSeconds(2)),
                argumentSet("4 in a row → 4 s", history(repeat(4, failedToStart())), LAST_STOP, Duration.ofSeconds(4)),
                argumentSet("10 in a row → 256 s", history(repeat(10, failedToStart())), LAST_STOP, Duration.ofSeconds(256)),
                argumentSet("11 in a row → capped at max 300 s", history(repeat(11, failedToStart())), LAST_STOP, Duration.ofMinutes(5)),
                argumentSet("40 in a row → still max, no overflow", history(repeat(40, failedToStart())), LAST_STOP, Duration.ofMinutes(5)),
                argumentSet("mixed failed-to-start and quick crashes count together",
                        history(failedToStart(), crashedAfter(3), crashedNeverStarted()), LAST_STOP, Duration.ofSeconds(2)),
                argumentSet("crash with no startedAt is quick",
                        history(crashedNeverStarted(), crashedNeverStarted()), LAST_STOP, Duration.ofSeconds(1)),
                argumentSet("the wait has passed → launch now",
                        history(repeat(3, failedToStart())), LAST_STOP.plusSeconds(2), null),
                argumentSet("the wait has almost passed → still waiting",
                        history(repeat(3, failedToStart())), LAST_STOP.plusMillis(1999), Duration.ofSeconds(2)),
                argumentSet("a stable run (≥ stableRun) ends the streak",
                        history(failedToStart(), failedToStart(), failedToStart(), crashedAfter(10)), LAST_STOP, null),
                argumentSet("a stable run before the streak does not matter",
                        history(crashedAfter(3600), failedToStart(), failedToStart()), LAST_STOP, Duration.ofSeconds(1)),
                argumentSet("a run of 9 s is still quick",
                        history(crashedAfter(9), crashedAfter(9)), LAST_STOP, Duration.ofSeconds(1)),
                argumentSet("UserInitiated stops are not failures",
                        history(stoppedBy(StopCode.UserInitiated), stoppedBy(StopCode.UserInitiated)), LAST_STOP, null),
                argumentSet("ServiceSchedulerInitiated stops are not failures",
                        history(repeat(3, stoppedBy(StopCode.ServiceSchedulerInitiated))), LAST_STOP, null),
                argumentSet("HostLost is not a failure",
                        history(repeat(3, stoppedBy(StopCode.HostLost))), LAST_STOP, null),
                argumentSet("one failure plus a scale-in stop is no streak",
                        history(failedToStart(), stoppedBy(StopCode.ServiceSchedulerInitiated)), LAST_STOP, null),
                argumentSet("a RUNNING task does not excuse tasks that cannot start (image, command)",
                        plus(history(repeat(5, failedToStart())), running), LAST_STOP, Duration.ofSeconds(8)),
                argumentSet("a RUNNING task resets a streak of crashes after start",
                        plus(history(repeat(5, crashedAfter(1))), running), LAST_STOP, null),
                argumentSet("a PENDING task does not reset it",
                        plus(history(repeat(2, failedToStart())), pending), LAST_STOP, Duration.ofSeconds(1)),
                argumentSet("a RUNNING task being stopped does not reset it",
                        plus(history(repeat(2, failedToStart())), stoppingButRunning), LAST_STOP, Duration.ofSeconds(1)),
                argumentSet("stopped tasks without stoppedAt are ignored",
                        plus(history(repeat(2, failedToStart())),
                                task(id(9), web(1)).stopped(StopCode.UserInitiated, null, null).build()),
                        LAST_STOP, Duration.ofSeconds(1)));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void nextLaunchAt(List<Task> tasks, Instant now, Duration expectedDelay) {
        Optional<Instant> next = LaunchBackoff.nextLaunchAt(tasks, SETTINGS, now);
        if (expectedDelay == null) {
            assertThat(next).isEmpty();
        } else {
            assertThat(next).contains(LAST_STOP.plus(expectedDelay));
        }
    }

    static Stream<Arguments> delays() {
        return Stream.of(
                argumentSet("streak 2 → initial", 2, Duration.ofSeconds(1)),
                argumentSet("streak 3 → 2×", 3, Duration.ofSeconds(2)),
                argumentSet("streak 4 → 4×", 4, Duration.ofSeconds(4)),
                argumentSet("streak 10 → 256×", 10, Duration.ofSeconds(256)),
                argumentSet("streak 11 → capped", 11, Duration.ofMinutes(5)),
                argumentSet("streak 1000 → capped, no overflow", 1000, Duration.ofMinutes(5)));
    }

    @ParameterizedTest
    @MethodSource("delays")
    void delay(int streak, Duration expected) {
        assertThat(LaunchBackoff.delay(streak, Duration.ofSeconds(1), Duration.ofMinutes(5))).isEqualTo(expected);
    }

    @Test
    void stableRunBoundaryIsExclusive() {
        Task exactly = task(id(1), web(1)).stopped(StopCode.EssentialContainerExited, T0, T0.plusSeconds(10)).build();
        Task justUnder = task(id(2), web(1)).stopped(StopCode.EssentialContainerExited, T0, T0.plusMillis(9999)).build();
        assertThat(LaunchBackoff.isQuickFailure(exactly, Duration.ofSeconds(10))).isFalse();
        assertThat(LaunchBackoff.isQuickFailure(justUnder, Duration.ofSeconds(10))).isTrue();
        assertThat(exactly.lastStatus()).isEqualTo(TaskStatus.STOPPED);
    }
}
