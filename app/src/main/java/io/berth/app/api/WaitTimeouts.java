package io.berth.app.api;

import io.berth.app.manifest.DurationText;

import java.time.Duration;

/** The {@code timeout} query parameter of the endpoints that can wait. */
final class WaitTimeouts {

    private WaitTimeouts() {
    }

    /**
     * A waiting request holds a server thread, so the wait is bounded by {@code max}.
     *
     * @throws org.springframework.web.server.ResponseStatusException 400 naming {@code timeout}
     */
    static Duration parse(String text, Duration max) {
        Duration limit;
        try {
            limit = DurationText.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiErrors.badRequest("timeout " + e.getMessage());
        }
        if (limit.compareTo(max) > 0) {
            throw ApiErrors.badRequest("timeout must be at most " + DurationText.format(max));
        }
        return limit;
    }
}
