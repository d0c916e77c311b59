package io.berth.reconciler.pass;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per cluster around "read the load, decide placements, write the task rows", so that two
 * service passes running at once never reserve the same free memory twice. Docker work happens outside it.
 */
public final class ClusterLocks {

    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    public ReentrantLock of(String cluster) {
        return locks.computeIfAbsent(cluster, c -> new ReentrantLock());
    }
}
