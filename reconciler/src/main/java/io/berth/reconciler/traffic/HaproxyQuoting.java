package io.berth.reconciler.traffic;

/**
 * Writes user-derived values into HAProxy configuration words. Single quotes, because inside them HAProxy's parser
 * interprets nothing: no backslash escapes, no environment variables, no '#' comments. A value that holds a single
 * quote or a control character cannot be written safely this way and is refused: the model's checks
 * ({@link TrafficNames}) already keep such values out, this is the second line.
 */
final class HaproxyQuoting {

    private HaproxyQuoting() {
    }

    static String single(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\'' || c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException("value " + TrafficNames.quoteForMessage(value)
                        + " cannot be written into an HAProxy configuration");
            }
        }
        return "'" + value + "'";
    }

    /** A duration as HAProxy's time format, in milliseconds (its default unit, written out). */
    static String millis(java.time.Duration d) {
        return d.toMillis() + "ms";
    }
}
