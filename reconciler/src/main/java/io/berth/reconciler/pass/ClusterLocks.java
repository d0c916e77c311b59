package io.berth.reconciler.pass;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per cluster around "read the load, decide placements, write the task rows", so that two
 * service passes running at once never reserve the same free memory twice. Docker work happens outside it.
 *
 * <p>The wait for a lock is bounded and interruptible ({@link #hold}): a pass stuck while holding a cluster's lock
 * (a database that stopped answering) must cost the other passes of that cluster a failed pass and a retry, not
 * their workers; and the pass watchdog's interruption must end the wait.
 */
public final class ClusterLocks {

    /** Longer than any placement should take, well inside the pass timeout. */
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(20);

    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Duration maxWait;

    public ClusterLocks() {
        this(DEFAULT_MAX_WAIT);
    }

    public ClusterLocks(Duration maxWait) {
        this.maxWait = maxWait;
    }

    /** A held lock; closing releases it. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Takes the cluster's lock, waiting at most the bound.
     *
     * @throws ClusterBusyException when the lock stayed taken that long, or the wait was interrupted
     */
    public Held hold(String cluster) {
        ReentrantLock lock = locks.computeIfAbsent(cluster, c -> new ReentrantLock());
        try {
            if (!lock.tryLock(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new ClusterBusyException(cluster, "placements of cluster " + cluster
                        + " stayed locked by another placement for " + maxWait.toMillis() + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterBusyException(cluster, "waiting for the placement lock of cluster " + cluster
                    + " was interrupted");
        }
        return lock::unlock;
    }
}
