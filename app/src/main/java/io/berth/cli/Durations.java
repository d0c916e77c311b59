package io.berth.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as Berth writes them: {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1m30s}, {@code 2h}; and kubectl-like ages. */
final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+)(ms|h|m|s)");

    private Durations() {
    }

    static Duration parse(String text) {
        String value = text == null ? "" : text.strip();
        if (value.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(value));
        }
        Matcher matcher = PART.matcher(value);
        Duration total = Duration.ZERO;
        int end = 0;
        while (matcher.find() && matcher.start() == end) {
            long amount = Long.parseLong(matcher.group(1));
            total = total.plus(switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            });
            end = matcher.end();
        }
        if (value.isEmpty() || end != value.length()) {
            throw new IllegalArgumentException("invalid duration \"" + text + "\" (use e.g. 30s, 5m, 1m30s)");
        }
        return total;
    }

    /** The shortest text {@link #parse} reads back: 90s -> "1m30s". */
    static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 1000 != 0) {
            return millis + "ms";
        }
        long seconds = millis / 1000;
        StringBuilder text = new StringBuilder();
        if (seconds >= 3600) {
            text.append(seconds / 3600).append('h');
            seconds %= 3600;
        }
        if (seconds >= 60) {
            text.append(seconds / 60).append('m');
            seconds %= 60;
        }
        if (seconds > 0 || text.isEmpty()) {
            text.append(seconds).append('s');
        }
        return text.toString();
    }

    /** Like kubectl's ages: 45s, 5m30s, 42m, 5h10m, 30h, 3d4h, 120d, 3y. */
    static String age(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        long minutes = seconds / 60;
        long hours = minutes / 60;
        long days = hours / 24;
        if (seconds < 120) {
            return seconds + "s";
        }
        if (minutes < 10) {
            return minutes + "m" + (seconds % 60 == 0 ? "" : seconds % 60 + "s");
        }
        if (hours < 3) {
            return minutes + "m";
        }
        if (hours < 8) {
            return hours + "h" + (minutes % 60 == 0 ? "" : minutes % 60 + "m");
        }
        if (hours < 48) {
            return hours + "h";
        }
        if (days < 8) {
            return days + "d" + (hours % 24 == 0 ? "" : hours % 24 + "h");
        }
        if (days < 365 * 2) {
            return days + "d";
        }
        return days / 365 + "y";
    }
}
