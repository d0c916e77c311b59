package io.berth.reconciler.loop;

import java.util.UUID;

/**
 * How the API tells the loop that a one-off (run-task) task was created or asked to stop. Only enqueues its key;
 * the resync walks every one-off task that is not STOPPED, so a lost notification delays, never loses, the work.
 */
@FunctionalInterface
public interface TaskTrigger {

    void taskChanged(UUID taskId);

    static TaskTrigger of(WorkQueue<ReconcileKey> queue) {
        return taskId -> queue.add(new ReconcileKey.TaskKey(taskId));
    }
}
