package io.berth.docker;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Event delivery of {@link FakeDockerEngine}. Events are queued while the engine holds its lock (so the queue has the
 * engine's order) and handed to the executor by {@link #dispatch()} after the lock is released: subscribers may call
 * back into the engine. Whoever dispatches drains the queue in FIFO order, so order holds across threads.
 */
final class FakeEventBus {

    private record Subscriber(Map<String, String> filter, Consumer<EngineEvent> onEvent, Consumer<Throwable> onError) {
    }

    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final ArrayDeque<Runnable> pending = new ArrayDeque<>();
    private final Object dispatchLock = new Object();
    private volatile Executor executor = Runnable::run;

    void setExecutor(Executor newExecutor) {
        executor = newExecutor;
    }

    DockerEngine.Subscription subscribe(Map<String, String> filter, Consumer<EngineEvent> onEvent, Consumer<Throwable> onError) {
        Subscriber s = new Subscriber(filter == null ? Map.of() : new LinkedHashMap<>(filter), onEvent, onError);
        subscribers.add(s);
        return () -> subscribers.remove(s);
    }

    void publish(EngineEvent event) {
        for (Subscriber s : subscribers) {
            if (FakeContainer.matches(event.labels(), s.filter())) {
                enqueue(() -> s.onEvent().accept(event));
            }
        }
    }

    /** Every open stream ends abnormally: onError once each, then the subscriber is gone. */
    void failAll(Throwable cause) {
        for (Subscriber s : subscribers) {
            enqueue(() -> s.onError().accept(cause));
        }
        subscribers.clear();
    }

    int size() {
        return subscribers.size();
    }

    void clear() {
        subscribers.clear();
    }

    private void enqueue(Runnable delivery) {
        synchronized (pending) {
            pending.add(delivery);
        }
    }

    void dispatch() {
        synchronized (dispatchLock) {
            while (true) {
                Runnable next;
                synchronized (pending) {
                    next = pending.poll();
                }
                if (next == null) return;
                executor.execute(next);
            }
        }
    }
}
