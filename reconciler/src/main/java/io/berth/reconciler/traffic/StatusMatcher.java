package io.berth.reconciler.traffic;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * ELBv2's {@code Matcher.HttpCode}: the HTTP status codes a health check counts as healthy, written "200",
 * "200,202" or "200-399" (and combinations such as "200-299,302"). Codes are 200-499 as for an Application Load
 * Balancer. Kept as normalised ranges, because HAProxy's {@code http-check expect status} takes the same list form.
 */
public record StatusMatcher(List<Range> ranges) {

    public static final int LOWEST = 200;
    public static final int HIGHEST = 499;
    /** More parts than any real matcher has; bounds the parser. */
    public static final int MAX_PARTS = 32;

    public static final StatusMatcher DEFAULT = new StatusMatcher(List.of(new Range(200, 200)));

    public record Range(int from, int to) {
        public Range {
            if (from < LOWEST || to > HIGHEST || from > to) {
                throw new IllegalArgumentException("status range " + from + "-" + to + " is not within "
                        + LOWEST + "-" + HIGHEST);
            }
        }

        @Override
        public String toString() {
            return from == to ? Integer.toString(from) : from + "-" + to;
        }
    }

    public StatusMatcher {
        if (ranges == null || ranges.isEmpty() || ranges.size() > MAX_PARTS) {
            throw new IllegalArgumentException("a matcher holds 1 to " + MAX_PARTS + " codes or ranges");
        }
        ranges = List.copyOf(ranges);
    }

    /** Parses the ELBv2 text; the problem in words when it is not one. */
    public static Optional<String> problem(String text) {
        try {
            parse(text);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    public static StatusMatcher parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("is empty; write codes such as \"200\", \"200,202\" or \"200-399\"");
        }
        String[] parts = text.split(",", -1);
        if (parts.length > MAX_PARTS) {
            throw new IllegalArgumentException("has " + parts.length + " parts; at most " + MAX_PARTS);
        }
        List<Range> ranges = new ArrayList<>();
        for (String part : parts) {
            String p = part.strip();
            int dash = p.indexOf('-');
            int from = code(dash < 0 ? p : p.substring(0, dash), text);
            int to = dash < 0 ? from : code(p.substring(dash + 1), text);
            if (from > to) {
                throw new IllegalArgumentException("range " + p + " runs backwards");
            }
            ranges.add(new Range(from, to));
        }
        return new StatusMatcher(ranges);
    }

    private static int code(String digits, String whole) {
        if (!digits.matches("[0-9]{3}")) {
            throw new IllegalArgumentException(TrafficNames.quoteForMessage(whole)
                    + " is not a list of HTTP status codes or ranges (e.g. \"200\", \"200,202\", \"200-399\")");
        }
        int code = Integer.parseInt(digits);
        if (code < LOWEST || code > HIGHEST) {
            throw new IllegalArgumentException("code " + code + " is not within " + LOWEST + "-" + HIGHEST);
        }
        return code;
    }

    /** Whether a response status counts as healthy. */
    public boolean matches(int status) {
        return ranges.stream().anyMatch(r -> status >= r.from() && status <= r.to());
    }

    @Override
    public String toString() {
        return ranges.stream().map(Range::toString).collect(Collectors.joining(","));
    }
}
