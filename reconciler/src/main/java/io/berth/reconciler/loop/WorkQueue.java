package io.berth.reconciler.loop;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A de-duplicating work queue in the manner of client-go's: a key added many times while it waits is
 * processed once; a key is never processed by two workers at once; a key added while it is being
 * processed is processed again afterwards. Delayed adds become ready when the clock reaches them.
 *
 * <p>{@link #poll(Instant)} is the non-blocking core that virtual-time tests drive; {@link #take(Duration)}
 * is the blocking variant workers use.
 */
public final class WorkQueue<K> {

    private record Delayed<K>(Instant at, long seq, K key) {
    }

    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Deque<K> ready = new ArrayDeque<>();
    private final Set<K> dirty = new HashSet<>();
    private final Set<K> processing = new HashSet<>();
    private final PriorityQueue<Delayed<K>> delayed = new PriorityQueue<>(
            (a, b) -> a.at().equals(b.at()) ? Long.compare(a.seq(), b.seq()) : a.at().compareTo(b.at()));
    private final Map<K, Instant> earliestDelayed = new HashMap<>();
    private long seq;
    private boolean shutdown;

    public WorkQueue(Clock clock) {
        this.clock = clock;
    }

    /** The clock delays are measured on. */
    public Clock clock() {
        return clock;
    }

    public void add(K key) {
        lock.lock();
        try {
            addLocked(key);
        } finally {
            lock.unlock();
        }
    }

    /** Adds the key once {@code delay} has passed; a sooner pending add of the same key wins. */
    public void addAfter(K key, Duration delay) {
        if (delay.isZero() || delay.isNegative()) {
            add(key);
            return;
        }
        lock.lock();
        try {
            Instant at = clock.instant().plus(delay);
            Instant existing = earliestDelayed.get(key);
            if (existing != null && !existing.isAfter(at)) {
                return;
            }
            earliestDelayed.put(key, at);
            delayed.add(new Delayed<>(at, seq++, key));
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The next ready key, marked as processing; empty when none is ready at {@code now}. */
    public Optional<K> poll(Instant now) {
        lock.lock();
        try {
            promoteDue(now);
            K key = ready.pollFirst();
            if (key == null) {
                return Optional.empty();
            }
            dirty.remove(key);
            processing.add(key);
            return Optional.of(key);
        } finally {
            lock.unlock();
        }
    }

    /** Blocks up to {@code maxWait} for a ready key. Empty on timeout or shutdown. */
    public Optional<K> take(Duration maxWait) throws InterruptedException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        lock.lock();
        try {
            while (!shutdown) {
                Optional<K> key = poll(clock.instant());
                if (key.isPresent()) {
                    return key;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                Optional<Instant> next = nextDue();
                long wait = next.map(at -> Math.max(1, Duration.between(clock.instant(), at).toNanos())).orElse(left);
                changed.awaitNanos(Math.min(wait, left));
            }
            return Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    /** Marks a key processed; if it was added meanwhile it becomes ready again. */
    public void done(K key) {
        lock.lock();
        try {
            processing.remove(key);
            if (dirty.contains(key)) {
                ready.addLast(key);
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    public Optional<Instant> nextDue() {
        lock.lock();
        try {
            return Optional.ofNullable(delayed.peek()).map(Delayed::at);
        } finally {
            lock.unlock();
        }
    }

    /** Keys ready or waiting to be processed (not counting delayed ones). */
    public int depth() {
        lock.lock();
        try {
            return dirty.size();
        } finally {
            lock.unlock();
        }
    }

    public void shutdown() {
        lock.lock();
        try {
            shutdown = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void addLocked(K key) {
        if (shutdown || !dirty.add(key)) {
            return;
        }
        if (!processing.contains(key)) {
            ready.addLast(key);
            changed.signalAll();
        }
    }

    private void promoteDue(Instant now) {
        while (!delayed.isEmpty() && !delayed.peek().at().isAfter(now)) {
            Delayed<K> d = delayed.poll();
            // An entry superseded by a sooner addAfter of the same key is stale: skip it.
            if (d.at().equals(earliestDelayed.get(d.key()))) {
                earliestDelayed.remove(d.key());
                addLocked(d.key());
            }
        }
    }
}
