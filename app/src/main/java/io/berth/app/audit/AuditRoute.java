package io.berth.app.audit;

import org.springframework.web.util.UriUtils;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What a request's route names, read from its path pattern and its path side by side: the resource kind (the
 * collection: {@code services}, {@code tasks}, ...), the cluster when it is under {@code /v1/clusters/{cluster}},
 * the item's name when the route has one, and what follows the item ({@code rollback}, {@code stop},
 * {@code containers/app/logs}). Pure, so that the whole table is one unit test.
 */
public record AuditRoute(String kind, String cluster, String name, String subresource) {

    public static final AuditRoute NONE = new AuditRoute(null, null, null, null);
    private static final String PREFIX = "/v1/";
    private static final int MAX_VALUE = 255;

    /**
     * @param pattern the matched route's pattern (variables may carry regular expressions), or null when none matched
     * @param path    the request's path, still percent-encoded
     */
    public static AuditRoute of(String pattern, String path) {
        if (pattern == null || path == null || !pattern.startsWith(PREFIX) || !path.startsWith(PREFIX)) {
            return NONE;
        }
        String[] patternSegments = pattern.substring(PREFIX.length()).split("/", -1);
        String[] pathSegments = path.substring(PREFIX.length()).split("/", -1);
        if (patternSegments.length != pathSegments.length) {
            return NONE; // a route with ** or a trailing slash: named by its pattern only
        }
        int i = 0;
        String cluster = null;
        if (patternSegments.length >= 2 && patternSegments[0].equals("clusters") && isVariable(patternSegments[1])) {
            cluster = value(pathSegments[1]);
            i = 2;
            if (patternSegments.length == 2) {
                return new AuditRoute("clusters", cluster, cluster, null);
            }
        }
        String kind = patternSegments[i];
        String name = null;
        int rest = i + 1;
        if (rest < patternSegments.length && isVariable(patternSegments[rest])) {
            name = value(pathSegments[rest]);
            rest++;
        }
        List<String> sub = new ArrayList<>();
        for (int j = rest; j < pathSegments.length; j++) {
            sub.add(value(pathSegments[j]));
        }
        return new AuditRoute(kind, cluster, name, sub.isEmpty() ? null : bounded(String.join("/", sub)));
    }

    /** The pattern as users read it: {@code {family:[a-z]+}} becomes {@code {family}}. */
    public static String displayPattern(String pattern) {
        StringBuilder out = new StringBuilder(pattern.length());
        int depth = 0;
        boolean skipping = false;
        for (char c : pattern.toCharArray()) {
            if (c == '{') {
                depth++;
                if (depth == 1) {
                    out.append(c);
                    skipping = false;
                    continue;
                }
            } else if (c == '}') {
                depth--;
                if (depth == 0) {
                    out.append(c);
                    skipping = false;
                    continue;
                }
            } else if (c == ':' && depth == 1) {
                skipping = true;
            }
            if (!skipping) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isVariable(String segment) {
        return segment.contains("{");
    }

    private static String value(String segment) {
        String decoded;
        try {
            decoded = UriUtils.decode(segment, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            decoded = segment; // a malformed escape: recorded as sent
        }
        return bounded(decoded);
    }

    private static String bounded(String value) {
        return value.length() <= MAX_VALUE ? value : value.substring(0, MAX_VALUE);
    }
}
