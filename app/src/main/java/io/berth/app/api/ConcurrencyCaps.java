package io.berth.app.api;

import io.berth.app.web.ApiLimits;
import io.berth.app.web.TooManyRequestsException;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Caps the requests that hold a server thread or an engine connection for long: waiting applies and deletes
 * ({@code berth.api.max-concurrent-waits}) and followed logs ({@code berth.api.max-concurrent-log-follows}). A
 * request past the cap is refused at once with 429 and Retry-After rather than queued: queued, it would hold a
 * thread anyway.
 */
@Component
public class ConcurrencyCaps {

    /** A wait or follow ends within minutes at most; a few seconds is a fair first guess for a retry. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final Semaphore waits;
    private final Semaphore follows;
    private final int maxWaits;
    private final int maxFollows;

    public ConcurrencyCaps(ApiLimits properties) {
        this.maxWaits = properties.maxConcurrentWaits();
        this.maxFollows = properties.maxConcurrentLogFollows();
        this.waits = new Semaphore(maxWaits);
        this.follows = new Semaphore(maxFollows);
    }

    /** A held permit; closing it more than once releases it once. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    /** @throws TooManyRequestsException when {@code berth.api.max-concurrent-waits} requests already wait */
    public Permit waiting() {
        return acquire(waits, "wait", maxWaits + " requests are already waiting (berth.api.max-concurrent-waits); "
                + "retry later or leave out wait=true and poll");
    }

    /** @throws TooManyRequestsException when {@code berth.api.max-concurrent-log-follows} logs are already followed */
    public Permit following() {
        return acquire(follows, "follow", maxFollows + " logs are already being followed "
                + "(berth.api.max-concurrent-log-follows); retry later or leave out follow=true");
    }

    /** Followed logs now streaming: their permits are taken. */
    public int followsInUse() {
        return maxFollows - follows.availablePermits();
    }

    private static Permit acquire(Semaphore semaphore, String parameter, String message) {
        if (!semaphore.tryAcquire()) {
            throw new TooManyRequestsException(parameter + ": " + message, RETRY_AFTER);
        }
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                semaphore.release();
            }
        };
    }
}
