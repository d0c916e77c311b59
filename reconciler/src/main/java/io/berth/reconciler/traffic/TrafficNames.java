package io.berth.reconciler.traffic;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What user-given text may reach an HAProxy configuration, checked in one place: the manifest reader asks these
 * (to answer with the field named), and the model's records ask them again (so no caller can build a model that
 * renders a hostile configuration). Each check answers the problem in words, or empty when the value is fine.
 *
 * <p>The character sets are deliberately narrower than what HTTP allows: none of them holds whitespace, a quote, a
 * backslash, '#', '$' or a parenthesis, so a value can neither end a configuration line, start a comment, expand an
 * environment variable, nor close the quotes the renderer puts it in.
 */
public final class TrafficNames {

    /** ELBv2's rule for target group and load balancer names: 1-32 letters, digits and '-', no '-' at either end. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?");
    /** An absolute path: RFC 3986 path characters without the ones HAProxy's parser gives a meaning. */
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9._~%!*+,;=:@/-]*");
    /** A DNS host name (lower case, as the renderer compares lower-cased), optionally starting with "*." . */
    private static final Pattern HOST = Pattern.compile(
            "(?:\\*\\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    /** ELBv2's limit for a path pattern. */
    public static final int MAX_PATH = 128;
    public static final int MAX_HOST = 253;

    private TrafficNames() {
    }

    public static Optional<String> nameProblem(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("is required");
        }
        if (!NAME.matcher(name).matches()) {
            return Optional.of("must be 1-32 letters, digits or '-', not starting or ending with '-'");
        }
        return Optional.empty();
    }

    public static Optional<String> pathProblem(String path) {
        if (path == null || path.isEmpty()) {
            return Optional.of("is required");
        }
        if (path.length() > MAX_PATH) {
            return Optional.of("is " + path.length() + " characters long; at most " + MAX_PATH + " are allowed");
        }
        if (!PATH.matcher(path).matches()) {
            return Optional.of("must start with '/' and hold only letters, digits and . _ ~ % ! * + , ; = : @ / -");
        }
        return Optional.empty();
    }

    public static Optional<String> hostProblem(String host) {
        if (host == null || host.isEmpty()) {
            return Optional.of("is required");
        }
        if (host.length() > MAX_HOST) {
            return Optional.of("is " + host.length() + " characters long; at most " + MAX_HOST + " are allowed");
        }
        if (!HOST.matcher(host).matches()) {
            return Optional.of("must be a lower-case DNS name (labels of letters, digits and '-'), "
                    + "optionally starting with '*.'");
        }
        return Optional.empty();
    }

    public static Optional<String> portProblem(int port) {
        return port >= 1 && port <= 65535 ? Optional.empty() : Optional.of("must be between 1 and 65535");
    }

    static String require(String what, String value, Optional<String> problem) {
        problem.ifPresent(p -> {
            throw new IllegalArgumentException(what + " " + quoteForMessage(value) + " " + p);
        });
        return value;
    }

    /** For messages only: the value as Java would write it, so control characters show. */
    static String quoteForMessage(String value) {
        if (value == null) {
            return "(absent)";
        }
        StringBuilder b = new StringBuilder("\"");
        value.codePoints().limit(80).forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.append(value.length() > 80 ? "…\"" : "\"").toString();
    }
}
