package io.berth.reconciler.loop;

import java.util.UUID;

/** What the loop reconciles. Events only enqueue keys; a pass re-reads everything about its key. */
public sealed interface ReconcileKey {

    record ServiceKey(UUID serviceId) implements ReconcileKey {
    }

    record InstanceKey(UUID instanceId) implements ReconcileKey {
    }

    /** Enqueues every service and instance, then itself again after the resync interval: the backstop. */
    record Resync() implements ReconcileKey {
    }
}
