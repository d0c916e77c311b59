package io.berth.app.watch;

import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The newest position the sequencer handed out, and a way for streams to sleep until it moves past theirs.
 * In memory only: it wakes streams, the change log in the database is what they read.
 */
@Component
public class ChangeFeed {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition moved = lock.newCondition();
    private long head;

    /** The sequencer numbered changes up to {@code position}. */
    public void advanced(long position) {
        lock.lock();
        try {
            if (position > head) {
                head = position;
                moved.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The newest position handed out so far. */
    public long head() {
        lock.lock();
        try {
            return head;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the head is past {@code position}, at most {@code max}.
     *
     * @return whether it is (false: the wait timed out)
     */
    public boolean awaitBeyond(long position, Duration max) throws InterruptedException {
        long nanos = max.toNanos();
        lock.lock();
        try {
            while (head <= position) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = moved.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every waiting stream (shutdown): they look at their state and end. */
    public void wakeAll() {
        lock.lock();
        try {
            moved.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
