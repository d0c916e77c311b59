package io.berth.app.console;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code berth.console.*}: the web console at {@code /ui}.
 *
 * @param enabled     false: no {@code /ui} at all (every console path answers 404)
 * @param idleTimeout a session unused this long is signed out
 * @param maxSessions sessions held at once (in memory); signing in past it ends the least recently used one
 * @param maxStreams  live page updates (SSE) open at once; more are refused with 503 and the page stays static
 * @param listLimit   rows a list shows at most (instances, services, tasks, deployments)
 * @param logLines    a task page's log panel starts from the last this many lines and keeps this many (drops the oldest)
 */
@ConfigurationProperties("berth.console")
public record ConsoleProperties(Boolean enabled, Duration idleTimeout, Integer maxSessions, Integer maxStreams,
                                Integer listLimit, Integer logLines) {

    public ConsoleProperties {
        enabled = enabled == null || enabled;
        idleTimeout = idleTimeout == null ? Duration.ofHours(8) : idleTimeout;
        maxSessions = maxSessions == null ? 1000 : maxSessions;
        maxStreams = maxStreams == null ? 100 : maxStreams;
        listLimit = listLimit == null ? 100 : listLimit;
        logLines = logLines == null ? 1000 : logLines;
        if (logLines < 1 || logLines > 10_000) {
            throw new IllegalArgumentException("berth.console.log-lines must be 1 to 10000, got " + logLines);
        }
        if (maxSessions < 1 || maxStreams < 0 || listLimit < 1 || listLimit > 1000 || idleTimeout.isNegative()
                || idleTimeout.isZero()) {
            throw new IllegalArgumentException("berth.console: max-sessions must be at least 1, max-streams at least 0, "
                    + "list-limit 1 to 1000, idle-timeout positive");
        }
    }
}
