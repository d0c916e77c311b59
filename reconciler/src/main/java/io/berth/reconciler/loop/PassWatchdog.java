package io.berth.reconciler.loop;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the passes under way and their start on the injected clock, and finds those running past the pass deadline:
 * each such pass is marked overrun once and its thread interrupted (a blocked Docker or lock wait ends with an
 * interruption; a pass that ignores it stays counted as stuck until it returns). {@link #check()} is driven by the
 * loop's watchdog thread, or directly by a virtual-time test.
 *
 * <p>The interruption and the end of a pass are made under the pass's monitor, so a late interruption never reaches
 * the next pass of the same thread; {@link #end} clears one that came just before the pass returned.
 */
final class PassWatchdog {

    /** One pass under way on one thread. */
    static final class Pass {
        private final Thread thread;
        private final ReconcileKey key;
        private final Instant started;
        private boolean overran;
        private boolean ended;

        private Pass(Thread thread, ReconcileKey key, Instant started) {
            this.thread = thread;
            this.key = key;
            this.started = started;
        }

        Thread thread() {
            return thread;
        }

        ReconcileKey key() {
            return key;
        }

        Instant started() {
            return started;
        }

        synchronized boolean overran() {
            return overran;
        }
    }

    private final Clock clock;
    private final Duration timeout;
    private final Map<Pass, Boolean> running = new ConcurrentHashMap<>();

    PassWatchdog(Clock clock, Duration timeout) {
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("a pass timeout must be positive, got " + timeout);
        }
        this.clock = clock;
        this.timeout = timeout;
    }

    Duration timeout() {
        return timeout;
    }

    /** Starts watching a pass of {@code key} on the calling thread. */
    Pass begin(ReconcileKey key) {
        Pass pass = new Pass(Thread.currentThread(), key, clock.instant());
        running.put(pass, Boolean.TRUE);
        return pass;
    }

    /**
     * Stops watching the pass; called on its own thread.
     *
     * @return whether it ran past its deadline (it then counts as failed)
     */
    boolean end(Pass pass) {
        running.remove(pass);
        boolean overran;
        synchronized (pass) {
            pass.ended = true;
            overran = pass.overran;
        }
        if (overran) {
            // The interruption was meant for this pass; the worker's next wait for a key must not see it.
            Thread.interrupted();
        }
        return overran;
    }

    /** Marks and interrupts every pass past its deadline that was not yet; returns those, oldest first. */
    List<Pass> check() {
        Instant now = clock.instant();
        List<Pass> overrun = new ArrayList<>();
        for (Pass pass : running.keySet()) {
            if (now.isBefore(pass.started.plus(timeout))) {
                continue;
            }
            synchronized (pass) {
                if (pass.ended || pass.overran) {
                    continue;
                }
                pass.overran = true;
                pass.thread.interrupt();
            }
            overrun.add(pass);
        }
        overrun.sort((a, b) -> a.started.compareTo(b.started));
        return overrun;
    }

    /** Passes past their deadline that have not returned yet: each holds a thread. */
    int stuck() {
        int n = 0;
        for (Pass pass : running.keySet()) {
            if (pass.overran()) {
                n++;
            }
        }
        return n;
    }
}
