package io.berth.reconciler.hosts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Containers the event stream just reported dead. Docker 20.10 emits "die" before its container list shows
 * the exit (the list reads a replica that is updated after the event), so a pass started by the event can
 * still see the container "running". For such containers the observer asks {@code inspect}, which waits
 * on the container itself and so tells the truth. A hint, not state: losing one only means the next resync
 * finds the exit instead.
 */
public final class ExitHints {

    private static final Duration KEEP = Duration.ofSeconds(30);
    private static final int MAX = 10_000;

    private final Clock clock;
    private final Map<String, Instant> exited = new ConcurrentHashMap<>();

    public ExitHints(Clock clock) {
        this.clock = clock;
    }

    public void exited(String containerId) {
        if (exited.size() >= MAX) {
            prune();
        }
        exited.put(containerId, clock.instant());
    }

    public boolean recentlyExited(String containerId) {
        Instant at = exited.get(containerId);
        if (at == null) {
            return false;
        }
        if (at.plus(KEEP).isBefore(clock.instant())) {
            exited.remove(containerId, at);
            return false;
        }
        return true;
    }

    private void prune() {
        Instant cutoff = clock.instant().minus(KEEP);
        exited.values().removeIf(at -> at.isBefore(cutoff));
    }
}
