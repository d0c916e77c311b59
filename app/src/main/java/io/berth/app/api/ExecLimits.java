package io.berth.app.api;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code berth.api.exec.*}: the bounds of exec sessions.
 *
 * @param idleTimeout  a session in which nothing was typed or printed for this long is ended
 * @param maxDuration  a session is ended after this long, busy or not
 * @param maxSessions  sessions open at once (each holds an engine connection); more are refused with 429
 */
@ConfigurationProperties("berth.api.exec")
public record ExecLimits(Duration idleTimeout, Duration maxDuration, Integer maxSessions) {

    public ExecLimits {
        idleTimeout = positive("idle-timeout", idleTimeout, Duration.ofMinutes(15));
        maxDuration = positive("max-duration", maxDuration, Duration.ofHours(4));
        maxSessions = maxSessions == null ? 32 : maxSessions;
        if (maxSessions < 1) {
            throw new IllegalArgumentException("berth.api.exec.max-sessions must be at least 1, was " + maxSessions);
        }
    }

    private static Duration positive(String name, Duration value, Duration fallback) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("berth.api.exec." + name + " must be positive, was " + value);
        }
        return value;
    }
}
