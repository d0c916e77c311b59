package io.berth.reconciler.schedule;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Firings across daylight-saving changes in America/Los_Angeles and Europe/Berlin, walked in virtual time: a skipped
 * wall-clock time fires once, at the change; a repeated one fires once, on its first pass.
 */
class ScheduleDaylightSavingTest {

    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @ParameterizedTest(name = "{0} in {1} after {2}")
    @CsvSource(delimiter = '|', textBlock = """
            30 2 * * *     | America/Los_Angeles | 2026-03-07T12:00:00Z | 2026-03-08T10:00:00Z,2026-03-09T09:30:00Z,2026-03-10T09:30:00Z
            30 1 * * *     | America/Los_Angeles | 2026-10-31T12:00:00Z | 2026-11-01T08:30:00Z,2026-11-02T09:30:00Z,2026-11-03T09:30:00Z
            30 2 * * *     | Europe/Berlin       | 2026-03-28T12:00:00Z | 2026-03-29T01:00:00Z,2026-03-30T00:30:00Z,2026-03-31T00:30:00Z
            30 2 * * *     | Europe/Berlin       | 2026-10-24T12:00:00Z | 2026-10-25T00:30:00Z,2026-10-26T01:30:00Z,2026-10-27T01:30:00Z
            0 30 2 * * *   | Europe/Berlin       | 2026-03-28T12:00:00Z | 2026-03-29T01:00:00Z,2026-03-30T00:30:00Z,2026-03-31T00:30:00Z
            cron(30 2 * * ? *) | Europe/Berlin   | 2026-10-24T12:00:00Z | 2026-10-25T00:30:00Z,2026-10-26T01:30:00Z,2026-10-27T01:30:00Z
            */30 * * * *   | America/Los_Angeles | 2026-03-08T09:00:00Z | 2026-03-08T09:30:00Z,2026-03-08T10:00:00Z,2026-03-08T10:30:00Z,2026-03-08T11:00:00Z
            */30 * * * *   | America/Los_Angeles | 2026-11-01T08:00:00Z | 2026-11-01T08:30:00Z,2026-11-01T10:00:00Z,2026-11-01T10:30:00Z
            */30 * * * *   | Europe/Berlin       | 2026-10-25T00:00:00Z | 2026-10-25T00:30:00Z,2026-10-25T02:00:00Z,2026-10-25T02:30:00Z
            """)
    void firingsAcrossAChange(String expression, ZoneId zone, Instant after, String expected) {
        List<Instant> want = List.of(expected.split(",")).stream().map(Instant::parse).toList();

        assertThat(ScheduleTest.firings(Schedule.parse(expression), after, zone, want.size())).isEqualTo(want);
    }

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource(delimiter = '|', textBlock = """
            30 2 * * *      | America/Los_Angeles
            30 1 * * *      | America/Los_Angeles
            0 2 * * *       | America/Los_Angeles
            30 2 * * *      | Europe/Berlin
            0 3 * * *       | Europe/Berlin
            15 2 * * * | Europe/Berlin
            0 15 2 * * *    | America/Los_Angeles
            """)
    void aDailyScheduleFiresOnceOnEveryDayOfTheYear(String expression, ZoneId zone) {
        Schedule schedule = Schedule.parse(expression);
        Instant at = LocalDate.of(2026, 1, 1).atStartOfDay(zone).toInstant();
        Set<LocalDate> days = new HashSet<>();
        int firings = 0;
        while (true) {
            at = schedule.next(at, zone).orElseThrow();
            LocalDate day = at.atZone(zone).toLocalDate();
            if (day.getYear() > 2026) {
                break;
            }
            firings++;
            days.add(day);
        }

        assertThat(firings).isEqualTo(365);
        assertThat(days).hasSize(365);
    }

    /**
     * From any instant in a year (either zone, changes included): the next firing comes after it, nothing fires in
     * between, it is its own latest firing, and walking on never repeats an instant.
     */
    @Property(tries = 400)
    void nextAndLatestAgreeEverywhere(@ForAll @IntRange(min = 0, max = 365 * 24 * 3600) int secondsIntoYear,
                                      @ForAll boolean berlin,
                                      @ForAll @IntRange(min = 0, max = 6) int which) {
        String expression = List.of("30 2 * * *", "*/20 * * * *", "0 1-3 * * *", "*/7 * * * * *", "0 30 1 * * *",
                "cron(0/15 0-3 ? * SUN *)", "rate(45 minutes)").get(which);
        ZoneId zone = berlin ? BERLIN : LA;
        Schedule schedule = Schedule.parse(expression);
        Instant after = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(secondsIntoYear).plusMillis(secondsIntoYear % 1000);

        Instant next = schedule.next(after, zone).orElseThrow();
        Instant then = schedule.next(next, zone).orElseThrow();

        assertThat(next).isAfter(after);
        assertThat(then).isAfter(next);
        assertThat(schedule.latest(next, zone)).contains(next);
        assertThat(schedule.latest(next.plusMillis(999), zone)).contains(next);
        assertThat(schedule.latest(next.minusNanos(1), zone)).get().matches(t -> !t.isAfter(after),
                "no firing between " + after + " and " + next);
        assertThat(Duration.between(after, next)).isLessThanOrEqualTo(Duration.ofDays(8));
    }
}
