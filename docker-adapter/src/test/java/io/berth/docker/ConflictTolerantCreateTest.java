package io.berth.docker;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConflictTolerantCreateTest {

    private static final EngineException LOST_ANSWER =
            new EngineException(EngineException.Kind.UNREACHABLE, "connection reset", null);
    private static final EngineException NAME_IN_USE =
            new EngineException(EngineException.Kind.CONFLICT, "name in use", null);

    private final ResilientCalls calls = new ResilientCalls("test",
            new EngineConfig.RetrySettings(3, Duration.ofMillis(1), 1.0, Duration.ofMillis(1)),
            EngineConfig.BreakerSettings.DEFAULT);
    private final AtomicInteger attempts = new AtomicInteger();
    private final ContainerSpec spec = SpecBuilder.image("busybox:1.36").name("task-1").label("berth.task", "t1").build();

    /** Each attempt takes the next outcome: an exception is thrown, a string is the created id. */
    private Function<ContainerSpec, String> engineAnswering(Object... outcomes) {
        Deque<Object> queue = new ArrayDeque<>(java.util.List.of(outcomes));
        return s -> {
            attempts.incrementAndGet();
            Object next = queue.removeFirst();
            if (next instanceof RuntimeException e) throw e;
            return (String) next;
        };
    }

    private static Function<String, Optional<ContainerState>> existing(String id, Map<String, String> labels) {
        return name -> Optional.of(new ContainerState(id, name, "busybox:1.36", labels, "created", false,
                null, false, ContainerState.Health.NONE, null, null, null, null));
    }

    @Test
    void conflictAfterALostAnswerReturnsTheContainerTheFirstAttemptCreated() {
        var create = new ConflictTolerantCreate(calls, engineAnswering(LOST_ANSWER, NAME_IN_USE),
                existing("abc123", Map.of("berth.task", "t1")));

        assertThat(create.create(spec)).isEqualTo("abc123");
        assertThat(attempts).hasValue(2);
    }

    @Test
    void conflictOnTheFirstAttemptIsARealConflict() {
        var create = new ConflictTolerantCreate(calls, engineAnswering(NAME_IN_USE), existing("other", Map.of("berth.task", "t1")));

        assertThatThrownBy(() -> create.create(spec)).isSameAs(NAME_IN_USE);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void conflictWithSomeoneElsesContainerIsThrown() {
        var create = new ConflictTolerantCreate(calls, engineAnswering(LOST_ANSWER, NAME_IN_USE),
                existing("foreign", Map.of("owner", "someone-else")));

        assertThatThrownBy(() -> create.create(spec)).isSameAs(NAME_IN_USE);
    }

    @Test
    void transientFailureIsRetried() {
        var create = new ConflictTolerantCreate(calls, engineAnswering(LOST_ANSWER, "id-2"), existing("x", Map.of()));

        assertThat(create.create(spec)).isEqualTo("id-2");
        assertThat(attempts).hasValue(2);
    }

    @Test
    void namelessCreateIsNeverRetried() {
        ContainerSpec nameless = SpecBuilder.image("busybox:1.36").build();
        var create = new ConflictTolerantCreate(calls, engineAnswering(LOST_ANSWER, "id-2"), existing("x", Map.of()));

        assertThatThrownBy(() -> create.create(nameless)).isInstanceOfSatisfying(EngineException.class,
                e -> assertThat(e.kind()).isEqualTo(EngineException.Kind.UNREACHABLE));
        assertThat(attempts).hasValue(1);
    }
}
