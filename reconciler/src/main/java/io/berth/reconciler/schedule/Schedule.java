package io.berth.reconciler.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed schedule expression and its firing times. Which syntax an expression uses is told by its shape:
 * <ul>
 *   <li>{@code rate(N unit)}: every N minutes, hours or days (AWS), or seconds (a Berth extension). Rates count from
 *       the Unix epoch, so the firings are the same on every Berth instance and after every restart; the time zone
 *       plays no part.</li>
 *   <li>{@code cron(min hour day-of-month month day-of-week year)}: AWS's six fields, one of the two day fields
 *       {@code ?}, day-of-week 1-7 with 1 = Sunday.</li>
 *   <li>five fields: Unix cron (minute hour day-of-month month day-of-week, Sunday 0 or 7).</li>
 *   <li>six fields: cron with seconds first, as Spring's (second minute hour day-of-month month day-of-week).</li>
 * </ul>
 * Cron fields are parsed by cron-utils (never by hand) against its Unix, Spring and Quartz definitions.
 *
 * <p>Cron expressions name wall-clock times of a time zone, and daylight-saving changes make some wall-clock times
 * not happen and others happen twice. The rules, which hold whatever the library does across a change (every time is
 * computed on a zone without changes, then placed in the real zone):
 * <ul>
 *   <li>a wall-clock time the clock skips (02:30 on the spring-forward day) fires once, at the moment of the change;
 *       several such times fire together, once;</li>
 *   <li>a wall-clock time the clock passes twice (01:30 on the fall-back day in Los Angeles) fires once, the first
 *       time.</li>
 * </ul>
 */
public final class Schedule {

    /** Longer than any sensible expression; bounds what the parser and every error message hold. */
    public static final int MAX_LENGTH = 200;

    /** A year of firings is the longest rate: longer ones are a cron expression's job. */
    static final Duration MAX_RATE = Duration.ofDays(366);

    private static final Pattern RATE = Pattern.compile(
            "rate\\(\\s*(\\d{1,9})\\s+(second|seconds|minute|minutes|hour|hours|day|days)\\s*\\)");
    private static final Pattern AWS_CRON = Pattern.compile("cron\\((.*)\\)");

    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final CronParser SPRING =
            new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.SPRING53));
    private static final CronParser QUARTZ =
            new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    private final String expression;
    private final ScheduleDialect dialect;
    /** Firing times on wall-clock time (computed in UTC, which has no changes); null for a rate. */
    private final ExecutionTime wallClock;
    /** The interval of a rate; null for cron. */
    private final Duration interval;

    private Schedule(String expression, ScheduleDialect dialect, ExecutionTime wallClock, Duration interval) {
        this.expression = expression;
        this.dialect = dialect;
        this.wallClock = wallClock;
        this.interval = interval;
    }

    /** The schedule of this expression; {@link InvalidScheduleException} saying why when it is not one. */
    public static Schedule parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new InvalidScheduleException("is required: a cron expression, cron(...) or rate(...)");
        }
        if (expression.length() > MAX_LENGTH) {
            throw new InvalidScheduleException("must be at most " + MAX_LENGTH + " characters, got "
                    + expression.length());
        }
        String text = expression.strip();
        if (text.startsWith("rate(")) {
            return rate(text);
        }
        if (text.startsWith("cron(")) {
            return awsCron(text);
        }
        String[] fields = text.split("\\s+");
        return switch (fields.length) {
            case 5 -> cron(text, ScheduleDialect.UNIX, UNIX, String.join(" ", fields));
            case 6 -> cron(text, ScheduleDialect.SECONDS, SPRING, String.join(" ", fields));
            default -> throw new InvalidScheduleException("has " + fields.length + " fields; a cron expression has 5"
                    + " (minute hour day-of-month month day-of-week) or 6 (second first), or use cron(...) or"
                    + " rate(...)");
        };
    }

    /** Null when the expression is a schedule, else why not (for validators that collect every problem). */
    public static String problem(String expression) {
        try {
            parse(expression);
            return null;
        } catch (InvalidScheduleException e) {
            return e.getMessage();
        }
    }

    private static Schedule rate(String text) {
        Matcher m = RATE.matcher(text);
        if (!m.matches()) {
            throw new InvalidScheduleException("is not a rate: write rate(N minutes), rate(N hours), rate(N days)"
                    + " or rate(N seconds), N a positive whole number");
        }
        long n = Long.parseLong(m.group(1));
        if (n < 1) {
            throw new InvalidScheduleException("rate must be at least 1, got " + n);
        }
        Duration unit = switch (m.group(2)) {
            case "second", "seconds" -> Duration.ofSeconds(1);
            case "minute", "minutes" -> Duration.ofMinutes(1);
            case "hour", "hours" -> Duration.ofHours(1);
            default -> Duration.ofDays(1);
        };
        Duration interval = unit.multipliedBy(n);
        if (interval.compareTo(MAX_RATE) > 0) {
            throw new InvalidScheduleException("rate must be at most 366 days; use a cron expression for rarer"
                    + " firings");
        }
        return new Schedule(text, ScheduleDialect.RATE, null, interval);
    }

    private static Schedule awsCron(String text) {
        Matcher m = AWS_CRON.matcher(text);
        if (!m.matches()) {
            throw new InvalidScheduleException("is not an AWS cron expression: write cron(minute hour day-of-month"
                    + " month day-of-week year)");
        }
        String[] fields = m.group(1).strip().split("\\s+");
        if (fields.length != 6) {
            throw new InvalidScheduleException("cron(...) has " + fields.length + " fields; AWS cron has 6: minute"
                    + " hour day-of-month month day-of-week year");
        }
        // AWS's fields are Quartz's without the seconds: the same day-of-week numbers (1 = Sunday), '?', L, W and #.
        return cron(text, ScheduleDialect.AWS_CRON, QUARTZ, "0 " + String.join(" ", fields));
    }

    private static Schedule cron(String text, ScheduleDialect dialect, CronParser parser, String fields) {
        Cron cron;
        try {
            cron = parser.parse(fields).validate();
        } catch (IllegalArgumentException e) {
            throw new InvalidScheduleException("is not a valid " + describe(dialect) + ": " + reason(e));
        }
        return new Schedule(text, dialect, ExecutionTime.forCron(cron), null);
    }

    private static String describe(ScheduleDialect dialect) {
        return switch (dialect) {
            case UNIX -> "cron expression (minute hour day-of-month month day-of-week)";
            case SECONDS -> "cron expression with seconds (second minute hour day-of-month month day-of-week)";
            case AWS_CRON -> "AWS cron expression (minute hour day-of-month month day-of-week year)";
            case RATE -> "rate";
        };
    }

    /** The library's own reason, kept to one bounded line: it may quote the expression. */
    private static String reason(IllegalArgumentException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        message = message.replaceAll("\\s+", " ").strip();
        return message.length() > 300 ? message.substring(0, 300) + "..." : message;
    }

    public String expression() {
        return expression;
    }

    public ScheduleDialect dialect() {
        return dialect;
    }

    /** Whether firings can come more often than once a minute (seconds-level cron or rate). */
    public boolean subMinute() {
        return dialect == ScheduleDialect.SECONDS || (interval != null && interval.compareTo(Duration.ofMinutes(1)) < 0);
    }

    /** The first firing strictly after {@code after}; empty when there is none (an AWS cron's last year passed). */
    public Optional<Instant> next(Instant after, ZoneId zone) {
        if (interval != null) {
            long step = interval.toSeconds();
            long at = Math.floorDiv(after.getEpochSecond(), step) * step + step;
            return Optional.of(Instant.ofEpochSecond(at));
        }
        ZoneRules rules = zone.getRules();
        LocalDateTime from = LocalDateTime.ofInstant(after, zone).truncatedTo(ChronoUnit.SECONDS);
        ZoneOffsetTransition overlap = rules.getTransition(from);
        if (overlap != null && overlap.isOverlap() && rules.getOffset(after).equals(overlap.getOffsetAfter())) {
            // The second pass of a repeated hour: its wall-clock times fired on the first pass.
            from = overlap.getDateTimeBefore().minusSeconds(1);
        }
        return wallClock.nextExecution(from.atZone(ZoneOffset.UTC))
                .map(local -> place(local.toLocalDateTime(), rules, zone));
    }

    /** The latest firing at or before {@code atOrBefore}; empty when there is none. */
    public Optional<Instant> latest(Instant atOrBefore, ZoneId zone) {
        if (interval != null) {
            long step = interval.toSeconds();
            return Optional.of(Instant.ofEpochSecond(Math.floorDiv(atOrBefore.getEpochSecond(), step) * step));
        }
        // Five-field and AWS expressions fire on whole minutes; the library's match of a Unix expression ignores the
        // seconds, so they are cut here rather than matched.
        ChronoUnit grain = dialect == ScheduleDialect.SECONDS ? ChronoUnit.SECONDS : ChronoUnit.MINUTES;
        ZonedDateTime local = LocalDateTime.ofInstant(atOrBefore, zone).truncatedTo(grain).atZone(ZoneOffset.UTC);
        Optional<ZonedDateTime> last = wallClock.isMatch(local) ? Optional.of(local) : wallClock.lastExecution(local);
        return last.map(l -> place(l.toLocalDateTime(), zone.getRules(), zone));
    }

    /** The instant of a wall-clock time: the change itself for a skipped one, the first pass of a repeated one. */
    private static Instant place(LocalDateTime local, ZoneRules rules, ZoneId zone) {
        List<ZoneOffset> offsets = rules.getValidOffsets(local);
        if (offsets.isEmpty()) {
            return rules.getTransition(local).getInstant();
        }
        return local.atZone(zone).withEarlierOffsetAtOverlap().toInstant();
    }

    /** The interval of a rate, empty for cron. */
    public Optional<Duration> interval() {
        return Optional.ofNullable(interval);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Schedule other && other.expression.equals(expression);
    }

    @Override
    public int hashCode() {
        return expression.hashCode();
    }

    @Override
    public String toString() {
        return expression;
    }
}
