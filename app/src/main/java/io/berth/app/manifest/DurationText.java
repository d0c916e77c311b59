package io.berth.app.manifest;

import java.time.Duration;
import java.util.List;

/**
 * Durations as manifests write them: {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h}, {@code 1m30s}
 * (Go/Docker style). Units must appear at most once, largest first; at most {@link #MAX}.
 */
public final class DurationText {

    /**
     * The longest duration any field takes: 100 years. Every duration is later added to an instant or multiplied
     * (deadlines, backoffs, log windows), and this bound keeps all of that far from overflow.
     */
    public static final Duration MAX = Duration.ofDays(36_525);
    /** Longer texts are refused before they are read: {@code 876600h59m59s999ms} is 18 characters. */
    private static final int MAX_TEXT = 32;
    private static final List<String> UNITS = List.of("h", "m", "s", "ms");
    private static final long[] UNIT_MILLIS = {3_600_000L, 60_000L, 1_000L, 1L};

    private DurationText() {
    }

    /**
     * Reads the text in one left-to-right scan (no regular expression: a text of thousands of parts must cost
     * nothing but its length) with exact arithmetic.
     *
     * @throws IllegalArgumentException with a message fit for a field error
     */
    public static Duration parse(String text) {
        if (text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("is too long (" + text.length() + " characters): at most "
                    + format(MAX) + " (100 years)");
        }
        if (text.isEmpty()) {
            throw malformed(text);
        }
        long millis = 0;
        int lastUnit = -1;
        int i = 0;
        while (i < text.length()) {
            int digits = i;
            while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                i++;
            }
            int unit = unitAt(text, i);
            if (i == digits || unit < 0) {
                throw malformed(text);
            }
            if (unit <= lastUnit) {
                throw new IllegalArgumentException(
                        "must list each unit once, largest first (h, m, s, ms), got \"" + text + "\"");
            }
            lastUnit = unit;
            millis = add(millis, text.substring(digits, i), unit, text);
            i += UNITS.get(unit).length();
        }
        return Duration.ofMillis(millis);
    }

    /** The unit starting at {@code i}: "ms" before "m", which it begins with. */
    private static int unitAt(String text, int i) {
        if (text.startsWith("ms", i)) {
            return 3;
        }
        if (i >= text.length()) {
            return -1;
        }
        return switch (text.charAt(i)) {
            case 'h' -> 0;
            case 'm' -> 1;
            case 's' -> 2;
            default -> -1;
        };
    }

    private static long add(long millis, String amount, int unit, String text) {
        try {
            long total = Math.addExact(millis, Math.multiplyExact(Long.parseLong(amount), UNIT_MILLIS[unit]));
            if (total <= MAX.toMillis()) {
                return total;
            }
        } catch (NumberFormatException | ArithmeticException tooBig) {
            // as too long below
        }
        throw new IllegalArgumentException("must be at most " + format(MAX) + " (100 years), got \"" + text + "\"");
    }

    private static IllegalArgumentException malformed(String text) {
        return new IllegalArgumentException("must be a duration like 500ms, 10s, 5m, 1h or 1m30s, got \"" + text + "\"");
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

    private static void append(StringBuilder text, long amount, String unit) {
        if (amount > 0) {
            text.append(amount).append(unit);
        }
    }
}
