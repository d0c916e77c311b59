package io.berth.app.manifest;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as manifests write them: {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h}, {@code 1m30s}
 * (Go/Docker style). Units must appear at most once, largest first.
 */
public final class DurationText {

    private static final Pattern WHOLE = Pattern.compile("(?:[0-9]+(?:ms|h|m|s))+");
    private static final Pattern PART = Pattern.compile("([0-9]+)(ms|h|m|s)");
    private static final List<String> UNITS = List.of("h", "m", "s", "ms");

    private DurationText() {
    }

    /** @throws IllegalArgumentException with a message fit for a field error */
    public static Duration parse(String text) {
        if (!WHOLE.matcher(text).matches()) {
            throw new IllegalArgumentException(
                    "must be a duration like 500ms, 10s, 5m, 1h or 1m30s, got \"" + text + "\"");
        }
        Matcher part = PART.matcher(text);
        Duration total = Duration.ZERO;
        int lastUnit = -1;
        while (part.find()) {
            int unit = UNITS.indexOf(part.group(2));
            if (unit <= lastUnit) {
                throw new IllegalArgumentException(
                        "must list each unit once, largest first (h, m, s, ms), got \"" + text + "\"");
            }
            lastUnit = unit;
            total = total.plus(of(part.group(1), part.group(2), text));
        }
        return total;
    }

    /** The shortest text {@link #parse} reads back as {@code duration}, e.g. {@code 1m30s}. */
    public static String format(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("negative duration " + duration);
        }
        if (duration.isZero()) {
            return "0s";
        }
        StringBuilder text = new StringBuilder();
        append(text, duration.toHours(), "h");
        append(text, duration.toMinutesPart(), "m");
        append(text, duration.toSecondsPart(), "s");
        append(text, duration.toMillisPart(), "ms");
        return text.toString();
    }

    private static Duration of(String amount, String unit, String text) {
        try {
            long value = Long.parseLong(amount);
            return switch (unit) {
                case "h" -> Duration.ofHours(value);
                case "m" -> Duration.ofMinutes(value);
                case "s" -> Duration.ofSeconds(value);
                default -> Duration.ofMillis(value);
            };
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("is too long: \"" + text + "\"", e);
        }
    }

    private static void append(StringBuilder text, long amount, String unit) {
        if (amount > 0) {
            text.append(amount).append(unit);
        }
    }
}
