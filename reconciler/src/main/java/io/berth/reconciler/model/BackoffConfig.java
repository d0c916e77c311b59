package io.berth.reconciler.model;

import java.time.Duration;

/**
 * Crash-loop backoff of one service: how long it waits before replacing a task after repeated quick failures.
 * The delay starts at {@code initial} and doubles per failure in a row, never beyond {@code max}.
 */
public record BackoffConfig(Duration initial, Duration max) {

    public BackoffConfig {
        if (initial == null || max == null) {
            throw new IllegalArgumentException("backoff needs both initial and max");
        }
    }
}
