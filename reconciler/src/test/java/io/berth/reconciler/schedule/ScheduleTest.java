package io.berth.reconciler.schedule;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every dialect's firings from a fixed instant, and the reasons bad expressions and zones are refused. */
class ScheduleTest {

    private static final ZoneId UTC = ZoneOffset.UTC;

    @ParameterizedTest(name = "{0} after {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            */15 * * * *                 | 2026-01-05T10:07:00Z      | 2026-01-05T10:15:00Z | UNIX
            0 9 * * 1-5                  | 2026-01-09T09:00:00Z      | 2026-01-12T09:00:00Z | UNIX
            0 0 1 1 *                    | 2026-06-01T00:00:00Z      | 2027-01-01T00:00:00Z | UNIX
            30 4 * * 0                   | 2026-01-05T00:00:00Z      | 2026-01-11T04:30:00Z | UNIX
            30 4 * * 7                   | 2026-01-05T00:00:00Z      | 2026-01-11T04:30:00Z | UNIX
            0 12 * * MON                 | 2026-01-05T12:00:00Z      | 2026-01-12T12:00:00Z | UNIX
            */10 * * * * *               | 2026-01-05T10:07:03Z      | 2026-01-05T10:07:10Z | SECONDS
            5 0 0 * * *                  | 2026-01-05T00:00:05Z      | 2026-01-06T00:00:05Z | SECONDS
            0 30 9 * * MON-FRI           | 2026-01-09T09:30:00Z      | 2026-01-12T09:30:00Z | SECONDS
            * * * * * *                  | 2026-01-05T10:07:03.500Z  | 2026-01-05T10:07:04Z | SECONDS
            cron(0 10 * * ? *)           | 2026-01-05T10:00:00Z      | 2026-01-06T10:00:00Z | AWS_CRON
            cron(15 12 ? * 2-6 *)        | 2026-01-09T12:15:00Z      | 2026-01-12T12:15:00Z | AWS_CRON
            cron(0 18 ? * MON-FRI *)     | 2026-01-05T18:00:00Z      | 2026-01-06T18:00:00Z | AWS_CRON
            cron(0 8 1 * ? *)            | 2026-01-05T00:00:00Z      | 2026-02-01T08:00:00Z | AWS_CRON
            cron(0/5 8-17 ? * MON-FRI *) | 2026-01-05T17:55:00Z      | 2026-01-06T08:00:00Z | AWS_CRON
            cron(0 0 L * ? *)            | 2026-02-01T00:00:00Z      | 2026-02-28T00:00:00Z | AWS_CRON
            cron(0 0 1 1 ? 2027)         | 2026-01-05T00:00:00Z      | 2027-01-01T00:00:00Z | AWS_CRON
            rate(5 minutes)              | 2026-01-05T10:07:00Z      | 2026-01-05T10:10:00Z | RATE
            rate(1 minute)               | 2026-01-05T10:07:00Z      | 2026-01-05T10:08:00Z | RATE
            rate(1 hour)                 | 2026-01-05T10:07:00Z      | 2026-01-05T11:00:00Z | RATE
            rate(2 days)                 | 2026-01-05T10:07:00Z      | 2026-01-07T00:00:00Z | RATE
            rate(10 seconds)             | 2026-01-05T10:07:03Z      | 2026-01-05T10:07:10Z | RATE
            rate(1 second)               | 2026-01-05T10:07:03.2Z    | 2026-01-05T10:07:04Z | RATE
            """)
    void nextFiring(String expression, Instant after, Instant next, ScheduleDialect dialect) {
        Schedule schedule = Schedule.parse(expression);

        assertThat(schedule.dialect()).isEqualTo(dialect);
        assertThat(schedule.next(after, UTC)).contains(next);
        assertThat(schedule.latest(next, UTC)).contains(next);
        assertThat(schedule.latest(next.minusNanos(1), UTC).filter(t -> t.isAfter(after))).isEmpty();
    }

    @Test
    void unixCronMatchesEitherDayFieldWhenBothAreGiven() {
        // Unix cron's rule: day-of-month 13 OR Friday, unlike Quartz where one of them is '?'.
        Schedule schedule = Schedule.parse("0 0 13 * 5");

        List<Instant> firings = firings(schedule, Instant.parse("2026-02-01T00:00:00Z"), UTC, 4);

        assertThat(firings).containsExactly(Instant.parse("2026-02-06T00:00:00Z"),
                Instant.parse("2026-02-13T00:00:00Z"), Instant.parse("2026-02-20T00:00:00Z"),
                Instant.parse("2026-02-27T00:00:00Z"));
    }

    @Test
    void theLatestFiringOfAMinuteScheduleIsOnTheMinute() {
        assertThat(Schedule.parse("*/5 * * * *").latest(Instant.parse("2026-01-05T10:05:30Z"), UTC))
                .contains(Instant.parse("2026-01-05T10:05:00Z"));
        assertThat(Schedule.parse("cron(0/5 * * * ? *)").latest(Instant.parse("2026-01-05T10:05:30Z"), UTC))
                .contains(Instant.parse("2026-01-05T10:05:00Z"));
        assertThat(Schedule.parse("*/20 * * * * *").latest(Instant.parse("2026-01-05T10:05:30Z"), UTC))
                .contains(Instant.parse("2026-01-05T10:05:20Z"));
    }

    @Test
    void anAwsCronWhoseLastYearPassedHasNoNextFiring() {
        assertThat(Schedule.parse("cron(0 0 1 1 ? 2025)").next(Instant.parse("2026-01-05T00:00:00Z"), UTC)).isEmpty();
    }

    @Test
    void wallClockTimesAreTheZones() {
        Schedule nineAm = Schedule.parse("0 9 * * *");

        assertThat(nineAm.next(Instant.parse("2026-01-05T00:00:00Z"), ZoneId.of("Europe/Berlin")))
                .contains(Instant.parse("2026-01-05T08:00:00Z"));
        assertThat(nineAm.next(Instant.parse("2026-07-05T00:00:00Z"), ZoneId.of("America/Los_Angeles")))
                .contains(Instant.parse("2026-07-05T16:00:00Z"));
    }

    @Test
    void ratesIgnoreTheZone() {
        Schedule rate = Schedule.parse("rate(1 hour)");
        Instant after = Instant.parse("2026-03-08T09:30:00Z");

        assertThat(rate.next(after, ZoneId.of("America/Los_Angeles"))).isEqualTo(rate.next(after, UTC));
    }

    @Test
    void surroundingSpaceAndRepeatedSpacesAreAccepted() {
        assertThat(Schedule.parse("  0  9 * *   *  ").next(Instant.parse("2026-01-05T00:00:00Z"), UTC))
                .contains(Instant.parse("2026-01-05T09:00:00Z"));
        assertThat(Schedule.parse("rate( 5  minutes )").dialect()).isEqualTo(ScheduleDialect.RATE);
    }

    @Test
    void subMinuteSchedulesAreTold() {
        assertThat(Schedule.parse("*/5 * * * * *").subMinute()).isTrue();
        assertThat(Schedule.parse("rate(30 seconds)").subMinute()).isTrue();
        assertThat(Schedule.parse("rate(1 minute)").subMinute()).isFalse();
        assertThat(Schedule.parse("* * * * *").subMinute()).isFalse();
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                              | is required
            '   '                           | is required
            * * * *                         | has 4 fields
            * * * * * * * *                 | has 8 fields
            61 * * * *                      | is not a valid cron expression (minute hour
            * 25 * * *                      | is not a valid cron expression (minute hour
            * * * 13 *                      | is not a valid cron expression (minute hour
            * * * * FOO                     | is not a valid cron expression (minute hour
            60 * * * * *                    | is not a valid cron expression with seconds
            cron(0 10 * * * *)              | is not a valid AWS cron expression
            cron(0 10 * * ?)                | cron(...) has 5 fields
            cron(0 10 * * ? * *)            | cron(...) has 7 fields
            cron(0 10 * * ? *               | is not an AWS cron expression
            rate(0 minutes)                 | rate must be at least 1
            rate(5 fortnights)              | is not a rate
            rate(-5 minutes)                | is not a rate
            rate(five minutes)              | is not a rate
            rate(367 days)                  | rate must be at most 366 days
            rate(9999999 hours)             | rate must be at most 366 days
            """)
    void badExpressionsAreRefusedSayingWhy(String expression, String reason) {
        assertThatThrownBy(() -> Schedule.parse(expression))
                .isInstanceOf(InvalidScheduleException.class)
                .hasMessageContaining(reason);
        assertThat(Schedule.problem(expression)).contains(reason);
    }

    @Test
    void nullIsRefusedAndLongExpressionsAreBounded() {
        assertThat(Schedule.problem(null)).contains("is required");
        String longOne = "0 0 1 1 " + "1,".repeat(100) + "2";

        assertThat(Schedule.problem(longOne)).isEqualTo("must be at most 200 characters, got " + longOne.length());
    }

    @Test
    void libraryReasonsAreKeptToOneBoundedLine() {
        String problem = Schedule.problem("cron(0 10 * * * *)");

        assertThat(problem).doesNotContain("\n").hasSizeLessThan(500);
    }

    @Test
    void zones() {
        assertThat(ScheduleZone.parse(null)).isEqualTo(ZoneOffset.UTC);
        assertThat(ScheduleZone.parse("")).isEqualTo(ZoneOffset.UTC);
        assertThat(ScheduleZone.parse("Europe/Berlin")).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(ScheduleZone.problem("America/Los_Angeles")).isNull();
        assertThat(ScheduleZone.problem("Mars/Olympus_Mons")).startsWith("is not a known IANA time zone");
        assertThat(ScheduleZone.problem("x".repeat(65))).isEqualTo("must be at most 64 characters, got 65");
    }

    static List<Instant> firings(Schedule schedule, Instant from, ZoneId zone, int count) {
        List<Instant> out = new ArrayList<>();
        Instant at = from;
        for (int i = 0; i < count; i++) {
            at = schedule.next(at, zone).orElseThrow();
            out.add(at);
        }
        return out;
    }
}
