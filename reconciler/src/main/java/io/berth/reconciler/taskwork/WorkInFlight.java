package io.berth.reconciler.taskwork;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Docker work (launches, stops) under way per owner (a service; a one-off task is its own owner), so that the
 * owner is woken once, when its last piece ends: a rollout's ten launches end one after the other while the engine is
 * busiest, and a pass after each would only find the others in flight, at the price of an engine call the busy engine
 * answers slowly. What a finished launch makes possible waits for its health event anyway, which wakes the service by
 * itself. Per task it keeps which tasks have work under way (a pass leaves them alone) and which of those an engine
 * event came for meanwhile (the end of their work then wakes the owner at once).
 */
final class WorkInFlight {

    private final Map<UUID, Integer> running = new HashMap<>();
    private final Set<UUID> news = new HashSet<>();
    /** Tasks whose Docker work (launch or stop) is under way, possibly from an earlier pass. */
    private final Set<UUID> busyTasks = ConcurrentHashMap.newKeySet();
    /** Busy tasks an engine event came for meanwhile. */
    private final Set<UUID> eventsWhileBusy = ConcurrentHashMap.newKeySet();

    /** @return false when the task's work is already under way (nothing more to start for it) */
    boolean claim(UUID taskId) {
        return busyTasks.add(taskId);
    }

    /** Gives a claim back whose work never started. */
    void release(UUID taskId) {
        busyTasks.remove(taskId);
    }

    boolean busy(UUID taskId) {
        return busyTasks.contains(taskId);
    }

    /**
     * The end of a claimed task's work.
     *
     * @return whether to wake the service now: its last work ended with news, or an event of this task came
     */
    boolean taskFinished(UUID serviceId, UUID taskId, boolean isNews) {
        busyTasks.remove(taskId);
        boolean eventCame = eventsWhileBusy.remove(taskId);
        return finished(serviceId, isNews) || eventCame;
    }

    /**
     * Takes an engine event of a busy task, so that the end of its work wakes the service.
     *
     * @return false when the task's work is not under way: the event must wake the service itself
     */
    boolean absorbEvent(UUID taskId) {
        if (!busyTasks.contains(taskId)) {
            return false;
        }
        eventsWhileBusy.add(taskId);
        if (!busyTasks.contains(taskId)) {
            // The work ended in between and may not have seen the mark: deliver the event after all.
            eventsWhileBusy.remove(taskId);
            return false;
        }
        return true;
    }

    synchronized void started(UUID serviceId) {
        running.merge(serviceId, 1, Integer::sum);
    }

    /**
     * @param isNews whether the work's outcome is something the next pass must see
     * @return whether to wake the service now: its last work ended, and some of it had news
     */
    synchronized boolean finished(UUID serviceId, boolean isNews) {
        if (isNews) {
            news.add(serviceId);
        }
        Integer left = running.merge(serviceId, -1, Integer::sum);
        if (left != null && left > 0) {
            return false;
        }
        running.remove(serviceId);
        return news.remove(serviceId);
    }
}
