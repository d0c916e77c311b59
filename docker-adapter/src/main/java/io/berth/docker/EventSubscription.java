package io.berth.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One engine event stream. docker-java calls this from its own streaming thread.
 *
 * <p>Guarantees to the subscriber: a throwing {@code onEvent} is logged and the stream goes on (the streaming thread
 * must not die silently); {@code onError} is called at most once, when the stream ends while nobody closed it (the
 * engine went away, or it ended the stream); a deliberate {@link #close()} calls nothing.
 * Events arrive on docker-java's single streaming thread, hence in the engine's order.
 */
final class EventSubscription implements ResultCallback<Event>, DockerEngine.Subscription {

    private static final Logger log = LoggerFactory.getLogger(EventSubscription.class);

    private final String engine;
    private final Consumer<EngineEvent> onEvent;
    private final Consumer<Throwable> onError;
    private final Consumer<EventSubscription> onClosed;
    private final AtomicBoolean closedByUs = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final CountDownLatch ready = new CountDownLatch(1);
    private volatile Closeable stream;

    EventSubscription(String engine, Consumer<EngineEvent> onEvent, Consumer<Throwable> onError,
                      Consumer<EventSubscription> onClosed) {
        this.engine = engine;
        this.onEvent = onEvent;
        this.onError = onError;
        this.onClosed = onClosed;
    }

    @Override
    public void onStart(Closeable closeable) {
        this.stream = closeable;
        ready.countDown();
        if (closedByUs.get()) {
            closeQuietly(); // closed before the engine answered
        }
    }

    /**
     * Waits until the engine answered the subscription (from then on no event is missed) or the stream ended.
     * The engine sends the response head at once, so this is one round trip.
     */
    boolean awaitReady(Duration limit) {
        try {
            return ready.await(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void onNext(Event event) {
        if (closedByUs.get()) {
            return;
        }
        EngineEvent mapped;
        try {
            mapped = EventMapper.map(event);
        } catch (RuntimeException e) {
            log.warn("engine {}: cannot map event {}: {}", engine, event, e.toString());
            return;
        }
        try {
            onEvent.accept(mapped);
        } catch (RuntimeException e) {
            log.warn("engine {}: event subscriber failed on {} (stream continues)", engine, mapped, e);
        }
    }

    @Override
    public void onError(Throwable throwable) {
        end(EngineErrors.translate("event stream of " + engine, throwable));
    }

    @Override
    public void onComplete() {
        // docker-java also calls onComplete after onError; `ended` makes the second call a no-op.
        end(new EngineException(EngineException.Kind.UNREACHABLE, "event stream of " + engine + " ended by the engine", null));
    }

    private void end(EngineException cause) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        ready.countDown();
        closeQuietly();
        onClosed.accept(this);
        if (closedByUs.get()) {
            log.debug("engine {}: event stream closed", engine);
            return;
        }
        log.warn("engine {}: {}", engine, cause.getMessage());
        try {
            onError.accept(cause);
        } catch (RuntimeException e) {
            log.warn("engine {}: event onError handler failed", engine, e);
        }
    }

    @Override
    public void close() {
        if (closedByUs.compareAndSet(false, true)) {
            closeQuietly();
            if (ended.compareAndSet(false, true)) {
                onClosed.accept(this);
            }
        }
    }

    private void closeQuietly() {
        Closeable s = stream;
        if (s != null) {
            try {
                s.close();
            } catch (IOException | RuntimeException e) {
                log.debug("engine {}: closing event stream: {}", engine, e.toString());
            }
        }
    }
}
