package io.berth.reconciler.executor;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The Docker work (launches, stops) under way per service, so that the service is woken once, when its last piece
 * ends: a rollout's ten launches end one after the other while the engine is busiest, and a pass after each would
 * only find the others in flight, at the price of an engine call the busy engine answers slowly. What a finished
 * launch makes possible waits for its health event anyway, which wakes the service by itself.
 */
final class WorkInFlight {

    private final Map<UUID, Integer> running = new HashMap<>();
    private final Set<UUID> news = new HashSet<>();

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
