package io.berth.reconciler.loop;

import java.util.UUID;

/**
 * How the rest of Berth (the API) tells the loop that desired state changed. It only enqueues a key:
 * the pass re-reads everything, so calling it too often is harmless and calling it too rarely is covered
 * by the periodic resync.
 */
public interface ReconcileTrigger {

    void serviceChanged(UUID serviceId);

    /** A trigger that enqueues into the loop's queue. */
    static ReconcileTrigger of(WorkQueue<ReconcileKey> queue) {
        return serviceId -> queue.add(new ReconcileKey.ServiceKey(serviceId));
    }
}
