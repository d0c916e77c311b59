package io.berth.docker;

import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The stream contract, driven the way docker-java drives a callback. */
class EventSubscriptionTest {

    private final List<EngineEvent> events = new CopyOnWriteArrayList<>();
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private final AtomicInteger removed = new AtomicInteger();
    private final AtomicBoolean streamClosed = new AtomicBoolean();

    private EventSubscription subscription(java.util.function.Consumer<EngineEvent> onEvent) {
        EventSubscription s = new EventSubscription("test", onEvent, errors::add, x -> removed.incrementAndGet());
        s.onStart(() -> streamClosed.set(true));
        return s;
    }

    private static Event event(String action) {
        return new Event(action, "abc", "busybox:1.36", 1L).withType(EventType.CONTAINER).withAction(action);
    }

    @Test
    void abnormalEndReportsOnceEvenWhenDockerJavaAlsoCompletes() {
        EventSubscription s = subscription(events::add);

        s.onNext(event("start"));
        s.onError(new RuntimeException(new IOException("Connection reset")));
        s.onComplete(); // docker-java calls onComplete after onError

        assertThat(events).extracting(EngineEvent::action).containsExactly("start");
        assertThat(errors).hasSize(1);
        assertThat(errors.getFirst()).isInstanceOfSatisfying(EngineException.class,
                e -> assertThat(e.kind()).isEqualTo(EngineException.Kind.UNREACHABLE));
        assertThat(removed).hasValue(1);
    }

    @Test
    void streamEndedByTheEngineIsAnError() {
        EventSubscription s = subscription(events::add);

        s.onComplete();

        assertThat(errors).hasSize(1);
    }

    @Test
    void deliberateCloseReportsNothing() {
        EventSubscription s = subscription(events::add);

        s.close();
        s.onError(new RuntimeException("stream closed")); // what the interrupted reader reports afterwards
        s.onComplete();
        s.onNext(event("die"));

        assertThat(errors).isEmpty();
        assertThat(events).isEmpty();
        assertThat(streamClosed).isTrue();
        assertThat(removed).hasValue(1);
    }

    @Test
    void aThrowingSubscriberDoesNotEndTheStream() {
        EventSubscription s = subscription(e -> {
            if (e.action().equals("start")) throw new IllegalStateException("subscriber bug");
            events.add(e);
        });

        s.onNext(event("start"));
        s.onNext(event("die"));

        assertThat(events).extracting(EngineEvent::action).containsExactly("die");
        assertThat(errors).isEmpty();
    }
}
