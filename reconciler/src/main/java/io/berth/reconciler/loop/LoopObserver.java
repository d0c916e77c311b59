package io.berth.reconciler.loop;

import java.time.Duration;

/** What the loop reports about itself (metrics live at the edge; the core only calls this). */
public interface LoopObserver {

    LoopObserver NONE = (key, took, failed) -> {
    };

    void passFinished(ReconcileKey key, Duration took, boolean failed);

    /** A pass of {@code key} has run {@code running}, past the pass timeout; it is being interrupted. */
    default void passOverran(ReconcileKey key, Duration running) {
    }
}
