package io.berth.reconciler.loop;

import java.time.Duration;
import java.util.Optional;

/** Runs one pass for a key; the answer says when to look again even without an event. */
@FunctionalInterface
public interface KeyReconciler {

    Optional<Duration> reconcile(ReconcileKey key) throws Exception;
}
