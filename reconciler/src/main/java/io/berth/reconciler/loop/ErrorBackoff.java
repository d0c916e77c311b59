package io.berth.reconciler.loop;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-key exponential backoff after a pass throws (database down, a bug): 100 ms, 200 ms, 400 ms, …
 * capped at 30 s, forgotten at the key's next success. Keeps a failing key from hot-looping.
 */
final class ErrorBackoff {

    private static final Duration BASE = Duration.ofMillis(100);
    private static final Duration MAX = Duration.ofSeconds(30);

    private final Map<ReconcileKey, Integer> failures = new ConcurrentHashMap<>();

    Duration failed(ReconcileKey key) {
        int n = failures.merge(key, 1, Integer::sum);
        Duration d = BASE.multipliedBy(1L << Math.min(n - 1, 20));
        return d.compareTo(MAX) > 0 ? MAX : d;
    }

    void succeeded(ReconcileKey key) {
        failures.remove(key);
    }
}
