package io.berth.reconciler.schedule;

import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskContainer;
import io.berth.reconciler.model.TaskStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The firing decision in virtual time: due or not, startingDeadline, missed firings, Allow/Forbid/Replace, tokens. */
class ScheduledTaskPlannerTest {

    private static final Instant CREATED = Instant.parse("2026-01-05T10:00:00Z");
    private final ScheduledTaskPlanner planner = new ScheduledTaskPlanner();

    static ScheduledTaskSpec spec(String schedule, Concurrency concurrency, Duration deadline, boolean suspend) {
        return new ScheduledTaskSpec(schedule, null, "job", 1, null, null, concurrency, deadline, 3, 1, suspend);
    }

    static ScheduledTask task(ScheduledTaskSpec spec) {
        return new ScheduledTask(UUID.randomUUID(), "default", "nightly", spec, CREATED, null);
    }

    static Task running(int n) {
        return new Task(new UUID(0, n), "default", null, null, "job", 1, new UUID(1, 1), TaskStatus.RUNNING,
                TaskStatus.RUNNING, null, null, 0, 64, List.of(), CREATED, CREATED, null);
    }

    static Task stopped(int n, int exit) {
        return new Task(new UUID(0, n), "default", null, null, "job", 1, new UUID(1, 1), TaskStatus.STOPPED,
                TaskStatus.STOPPED, null, "Essential container in task exited", 0, 64,
                List.of(new TaskContainer("main", "c" + n, TaskStatus.STOPPED, exit, null, List.of())), CREATED,
                CREATED, CREATED.plusSeconds(5));
    }

    /**
     * Every five minutes, created at 10:00; the columns: last firing handled, now, deadline (- = none), decision.
     */
    @ParameterizedTest(name = "last {0}, now {1}, deadline {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            -                    | 2026-01-05T10:00:00Z | -   | WAIT 2026-01-05T10:05:00Z
            -                    | 2026-01-05T10:04:59Z | -   | WAIT 2026-01-05T10:05:00Z
            -                    | 2026-01-05T10:05:00Z | -   | FIRE 2026-01-05T10:05:00Z
            -                    | 2026-01-05T10:05:30Z | 60s | FIRE 2026-01-05T10:05:00Z
            -                    | 2026-01-05T10:06:01Z | 60s | MISSED 2026-01-05T10:05:00Z
            2026-01-05T10:05:00Z | 2026-01-05T10:06:00Z | -   | WAIT 2026-01-05T10:10:00Z
            2026-01-05T10:05:00Z | 2026-01-05T10:10:00Z | -   | FIRE 2026-01-05T10:10:00Z
            2026-01-05T10:05:00Z | 2026-01-05T13:02:00Z | -   | FIRE 2026-01-05T13:00:00Z
            2026-01-05T10:05:00Z | 2026-01-05T13:02:00Z | 5m  | FIRE 2026-01-05T13:00:00Z
            2026-01-05T10:05:00Z | 2026-01-05T13:02:00Z | 90s | MISSED 2026-01-05T13:00:00Z
            2026-01-05T13:00:00Z | 2026-01-05T13:02:00Z | 90s | WAIT 2026-01-05T13:05:00Z
            """)
    void firingsAndMissedFirings(String last, Instant now, String deadline, String expected) {
        Duration d = deadline.equals("-") ? null : Duration.parse("PT" + deadline.toUpperCase());
        ScheduledTask task = task(spec("*/5 * * * *", Concurrency.ALLOW, d, false));
        Instant lastFire = last.equals("-") ? null : Instant.parse(last);

        FiringDecision decision = planner.plan(task, lastFire, List.of(), now);

        String[] want = expected.split(" ");
        Instant at = Instant.parse(want[1]);
        switch (want[0]) {
            case "WAIT" -> assertThat(decision).isEqualTo(new FiringDecision.Wait(at, "not due"));
            case "FIRE" -> assertThat(decision).isEqualTo(new FiringDecision.Fire(at, FiringTokens.token("nightly", at),
                    List.of()));
            case "MISSED" -> assertThat(decision).isInstanceOfSatisfying(FiringDecision.Skip.class, s -> {
                assertThat(s.fireTime()).isEqualTo(at);
                assertThat(s.outcome()).isEqualTo(FiringOutcome.MISSED);
                assertThat(s.reason()).contains("past startingDeadline");
            });
            default -> throw new IllegalArgumentException(expected);
        }
    }

    @Test
    void aFiringAtTheCreationTimeDoesNotRun() {
        ScheduledTask task = task(spec("0 10 * * *", Concurrency.ALLOW, null, false));

        assertThat(planner.plan(task, null, List.of(), CREATED.plusSeconds(30)))
                .isEqualTo(new FiringDecision.Wait(Instant.parse("2026-01-06T10:00:00Z"), "not due"));
    }

    @Test
    void suspendedNeverFires() {
        ScheduledTask task = task(spec("* * * * * *", Concurrency.ALLOW, null, true));

        assertThat(planner.plan(task, null, List.of(), CREATED.plusSeconds(3600)))
                .isEqualTo(new FiringDecision.Wait(null, "suspended"));
    }

    @Test
    void concurrencyWhileAnEarlierRunGoesOn() {
        Instant now = Instant.parse("2026-01-05T10:05:00Z");
        List<Task> earlier = List.of(running(1), stopped(2, 0));
        String token = FiringTokens.token("nightly", now);

        assertThat(planner.plan(task(spec("*/5 * * * *", Concurrency.ALLOW, null, false)), null, earlier, now))
                .isEqualTo(new FiringDecision.Fire(now, token, List.of()));
        assertThat(planner.plan(task(spec("*/5 * * * *", Concurrency.REPLACE, null, false)), null, earlier, now))
                .isEqualTo(new FiringDecision.Fire(now, token, List.of(new UUID(0, 1))));
        assertThat(planner.plan(task(spec("*/5 * * * *", Concurrency.FORBID, null, false)), null, earlier, now))
                .isInstanceOfSatisfying(FiringDecision.Skip.class, s -> {
                    assertThat(s.outcome()).isEqualTo(FiringOutcome.SKIPPED);
                    assertThat(s.reason()).contains("concurrency Forbid").contains(new UUID(0, 1).toString());
                });
    }

    @Test
    void forbidFiresOnceTheEarlierRunStopped() {
        Instant now = Instant.parse("2026-01-05T10:05:00Z");

        assertThat(planner.plan(task(spec("*/5 * * * *", Concurrency.FORBID, null, false)), null,
                List.of(stopped(1, 1)), now)).isInstanceOf(FiringDecision.Fire.class);
    }

    @Test
    void theTokenIsTheSameOnEveryAttemptAtAFiringAndDiffersBetweenFirings() {
        ScheduledTask task = task(spec("*/10 * * * * *", Concurrency.ALLOW, null, false));
        Instant fire = Instant.parse("2026-01-05T10:00:10Z");

        FiringDecision first = planner.plan(task, null, List.of(), fire.plusMillis(100));
        FiringDecision retry = planner.plan(task, null, List.of(), fire.plusSeconds(3));
        FiringDecision next = planner.plan(task, fire, List.of(), fire.plusSeconds(10));

        assertThat(first).isEqualTo(retry);
        assertThat(((FiringDecision.Fire) next).clientToken()).isNotEqualTo(((FiringDecision.Fire) first).clientToken());
        assertThat(FiringTokens.token("x".repeat(255), fire)).hasSizeLessThanOrEqualTo(64);
        assertThat(FiringTokens.token("nightly", fire)).isNotEqualTo(FiringTokens.token("nightly2", fire));
    }

    @Test
    void aSecondsScheduleWalkedInVirtualTimeFiresEachFiringOnce() {
        ScheduledTask task = task(spec("*/3 * * * * *", Concurrency.ALLOW, Duration.ofSeconds(2), false));
        Instant last = null;
        int fired = 0;
        for (Instant now = CREATED; now.isBefore(CREATED.plusSeconds(60)); now = now.plusMillis(700)) {
            if (planner.plan(task, last, List.of(), now) instanceof FiringDecision.Fire f) {
                assertThat(f.fireTime()).isAfter(last == null ? CREATED : last);
                last = f.fireTime();
                fired++;
            }
        }

        assertThat(fired).isEqualTo(19); // 10:00:03 to 10:00:57: not 10:00:00 (the creation), not 10:01:00
    }

    @Test
    void historyKeepsTheNewestSuccessfulAndFailedFiringsAndEveryRunningOne() {
        Instant t = Instant.parse("2026-01-05T10:00:00Z");
        List<Firing> firings = List.of(
                new Firing(t.plusSeconds(1), FiringOutcome.STARTED, null, List.of(new UUID(0, 1)), t),
                new Firing(t.plusSeconds(2), FiringOutcome.STARTED, null, List.of(new UUID(0, 2)), t),
                new Firing(t.plusSeconds(3), FiringOutcome.STARTED, null, List.of(new UUID(0, 3)), t),
                new Firing(t.plusSeconds(4), FiringOutcome.SKIPPED, "forbid", List.of(), t),
                new Firing(t.plusSeconds(5), FiringOutcome.MISSED, "late", List.of(), t),
                new Firing(t.plusSeconds(6), FiringOutcome.STARTED, null, List.of(new UUID(0, 6)), t),
                new Firing(t.plusSeconds(7), FiringOutcome.PENDING, null, List.of(), t));
        Map<UUID, Task> tasks = Map.of(new UUID(0, 1), running(1), new UUID(0, 2), stopped(2, 0),
                new UUID(0, 3), stopped(3, 0), new UUID(0, 6), stopped(6, 0));

        List<Firing> kept = FiringHistory.retain(firings, tasks, 1, 1);

        assertThat(kept).extracting(f -> f.fireTime().getEpochSecond() - t.getEpochSecond())
                .containsExactly(7L, 6L, 5L, 1L);
        assertThat(FiringHistory.running(firings, tasks)).extracting(Task::id).containsExactly(new UUID(0, 1));
        assertThat(FiringHistory.retain(firings, tasks, 0, 0)).extracting(Firing::outcome)
                .containsExactly(FiringOutcome.PENDING, FiringOutcome.STARTED);
    }
}
