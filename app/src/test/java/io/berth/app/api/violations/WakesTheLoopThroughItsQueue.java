package io.berth.app.api.violations;

import io.berth.reconciler.loop.ReconcileKey;
import io.berth.reconciler.loop.WorkQueue;

/** Puts a key into the loop's queue itself instead of telling a ReconcileTrigger: what the API must not do. */
public final class WakesTheLoopThroughItsQueue {

    private WakesTheLoopThroughItsQueue() {
    }

    static void wake(WorkQueue<ReconcileKey> queue) {
        queue.add(new ReconcileKey.Resync());
    }
}
