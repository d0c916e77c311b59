package io.berth.app.api.fuzz;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Wrong values of every kind: wrong types, huge and negative numbers, unicode and control characters, 1 MB strings,
 * bad durations and placement expressions, odd keys and query parameter values. Draws from the suite's one
 * {@link Random}, so a seed gives the same run.
 */
final class BadValues {

    /** Each 1 MiB string costs a full parse (~0.3 s for YAML): this many, then 64 KiB ones. */
    private static final int MAX_HUGE_STRINGS = 80;

    private final Random random;
    private int hugeStrings;

    BadValues(Random random) {
        this.random = random;
    }

    Random random() {
        return random;
    }

    /** A wrong value, chosen with the key in mind when it is a duration or an expression. */
    Object value(String key) {
        String k = key == null ? "" : key.toLowerCase();
        if ((k.contains("interval") || k.contains("timeout") || k.contains("period")) && random.nextBoolean()) {
            return duration();
        }
        if (k.contains("expression") && random.nextBoolean()) {
            return expression();
        }
        return switch (random.nextInt(20)) {
            case 0 -> "abc";
            case 1 -> true;
            case 2 -> 3.5;
            case 3 -> -1;
            case 4 -> 0;
            case 5 -> Long.MAX_VALUE;
            case 6 -> Long.MIN_VALUE;
            case 7 -> Integer.MAX_VALUE + 1L;
            case 8 -> 1e308;
            case 9 -> new BigInteger("9".repeat(40));
            case 10 -> "ünïcødé 🚀 \u202e\u200b ☃ 漢字";
            case 11 -> "\u0000\u0001\u001f";
            case 12 -> List.of(1, "a", Map.of());
            case 13 -> Map.of("x", List.of());
            case 14 -> null;
            case 15 -> hugeString();
            case 16 -> duration();
            case 17 -> expression();
            case 18 -> "";
            default -> "-" + random.nextInt(1_000_000);
        };
    }

    String key() {
        return List.of("", " ", "unknownField", "ü🚀", "$ref", "__proto__", "a".repeat(10_000), "spec.containers[0]")
                .get(random.nextInt(8));
    }

    String hugeString() {
        if (hugeStrings < MAX_HUGE_STRINGS) {
            hugeStrings++;
            return "x".repeat(FuzzJson.ONE_MB);
        }
        return "y".repeat(65_536);
    }

    String duration() {
        return List.of("2562047788015215h59m", "9223372036854775807s", "1h".repeat(5000), "-5s", "5", "1.5.5s",
                "1e9s", "P1Y", "99999999999999999999d", "5 s", "5S", "1m-1s", "0s", "h", "").get(random.nextInt(15));
    }

    String expression() {
        return switch (random.nextInt(8)) {
            case 0 -> "(".repeat(5_000) + "attribute:a == b" + ")".repeat(5_000);
            case 1 -> "(".repeat(100_000);
            case 2 -> "attribute:a == b and ".repeat(20_000) + "attribute:a == b";
            case 3 -> "attribute:a =~ '(.*a){8}'";
            case 4 -> "attribute:zone in [" + "a, ".repeat(50_000) + "b]";
            case 5 -> "not(".repeat(10_000) + "attribute:a == b" + ")".repeat(10_000);
            case 6 -> "attribute:a =~ '(a|a?)+$' or attribute:b =~ '['";
            default -> "attribute:🚀 == \u0000";
        };
    }

    /** A query parameter value; the caller encodes it. */
    String queryValue() {
        return switch (random.nextInt(16)) {
            case 0 -> "-1";
            case 1 -> "0";
            case 2 -> "9223372036854775808";
            case 3 -> "99999999999999999999999999";
            case 4 -> "abc";
            case 5 -> "";
            case 6 -> "ü🚀\u202e";
            case 7 -> "%00";
            case 8 -> "1.5";
            case 9 -> duration();
            case 10 -> "y".repeat(random.nextBoolean() ? 10_000 : 100);
            case 11 -> "RUNNING";
            case 12 -> "2026-13-45T99:99:99Z";
            case 13 -> "-9223372036854775808";
            case 14 -> Long.toString(random.nextLong());
            default -> Integer.toString(random.nextInt(2000));
        };
    }
}
