package io.berth.reconciler.loop;

import java.util.UUID;

/**
 * How the rest of Berth (the API) tells the loop that desired state changed: the one way to wake it. It only enqueues a key:
 * the pass re-reads everything, so calling it too often is harmless and calling it too rarely is covered
 * by the periodic resync.
 */
public interface ReconcileTrigger {

    void serviceChanged(UUID serviceId);

    /**
     * A one-off (run-task) task was created or asked to stop. The resync walks every one-off task that is not STOPPED,
     * so a lost notification delays, never loses, the work.
     */
    void taskChanged(UUID taskId);

    /** A container instance was registered, changed or deregistered: its pass runs again. */
    void instanceChanged(UUID instanceId);

    /**
     * Every service looks again, e.g. when an instance starts or ends a drain: tasks to move off it, or room on it
     * again.
     */
    void everythingChanged();

    /** A cluster's load balancers or target groups were applied or deleted: its traffic pass runs again. */
    default void trafficChanged(String cluster) {
        everythingChanged();
    }

    /** A scheduled task was applied or deleted: the firing pass looks again (else it does within seconds). */
    default void scheduledTasksChanged() {
    }

    /** A trigger that enqueues into the loop's queue. */
    static ReconcileTrigger of(WorkQueue<ReconcileKey> queue) {
        return new ReconcileTrigger() {
            @Override
            public void serviceChanged(UUID serviceId) {
                queue.add(new ReconcileKey.ServiceKey(serviceId));
            }

            @Override
            public void taskChanged(UUID taskId) {
                queue.add(new ReconcileKey.TaskKey(taskId));
            }

            @Override
            public void instanceChanged(UUID instanceId) {
                queue.add(new ReconcileKey.InstanceKey(instanceId));
            }

            @Override
            public void trafficChanged(String cluster) {
                queue.add(new ReconcileKey.TrafficKey(cluster));
            }

            @Override
            public void scheduledTasksChanged() {
                queue.add(new ReconcileKey.ScheduleKey());
            }

            @Override
            public void everythingChanged() {
                queue.add(new ReconcileKey.Resync());
            }
        };
    }
}
