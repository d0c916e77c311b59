package io.berth.reconciler.loop;

import java.util.UUID;

/** What the loop reconciles. Events only enqueue keys; a pass re-reads everything about its key. */
public sealed interface ReconcileKey {

    record ServiceKey(UUID serviceId) implements ReconcileKey {
    }

    record InstanceKey(UUID instanceId) implements ReconcileKey {
    }

    /** A one-off (run-task) task: it has no service whose pass would look after it. */
    record TaskKey(UUID taskId) implements ReconcileKey {
    }

    /** A cluster's load balancers: the HAProxy containers on its instances and their configuration. */
    record TrafficKey(String cluster) implements ReconcileKey {
    }

    /** Every scheduled task: fire what is due, then look again at the next firing time (at most seconds away). */
    record ScheduleKey() implements ReconcileKey {
    }

    /** Enqueues every service, instance and one-off task, deletes expired task records, then itself again after the resync interval: the backstop. */
    record Resync() implements ReconcileKey {
    }
}
