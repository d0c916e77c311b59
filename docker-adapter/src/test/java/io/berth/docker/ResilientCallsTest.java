package io.berth.docker;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResilientCallsTest {

    private final ResilientCalls calls = new ResilientCalls("test",
            new EngineConfig.RetrySettings(3, Duration.ofMillis(1), 2.0, Duration.ofMillis(4)),
            new EngineConfig.BreakerSettings(50f, 4, 4, Duration.ofMinutes(1), 1));
    private final AtomicInteger attempts = new AtomicInteger();

    @AfterEach
    void close() {
        calls.close();
    }

    private Object failWith(EngineException.Kind kind) {
        attempts.incrementAndGet();
        throw new EngineException(kind, kind.name(), null);
    }

    private static EngineException.Kind kindOf(Runnable r) {
        try {
            r.run();
            return null;
        } catch (EngineException e) {
            return e.kind();
        }
    }

    @Test
    void transientFailuresAreRetriedThenReported() {
        assertThat(kindOf(() -> calls.idempotent("info", () -> failWith(EngineException.Kind.UNREACHABLE))))
                .isEqualTo(EngineException.Kind.UNREACHABLE);
        assertThat(attempts).hasValue(3);
    }

    @Test
    void definiteAnswersAreNotRetriedAndDoNotOpenTheBreaker() {
        for (int i = 0; i < 10; i++) {
            assertThat(kindOf(() -> calls.idempotent("inspect", () -> failWith(EngineException.Kind.NOT_FOUND))))
                    .isEqualTo(EngineException.Kind.NOT_FOUND);
        }
        assertThat(attempts).hasValue(10);
        assertThat(calls.breakerState().name()).isEqualTo("CLOSED");
    }

    @Test
    void unguardedReadingsThatTimeOutAreNeitherRetriedNorCountedByTheBreaker() {
        CountDownLatch never = new CountDownLatch(1);
        for (int i = 0; i < 10; i++) {
            assertThat(kindOf(() -> calls.unguarded("stats", Duration.ofMillis(20), () -> {
                attempts.incrementAndGet();
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }))).isEqualTo(EngineException.Kind.TIMEOUT);
        }
        assertThat(attempts).hasValue(10);
        assertThat(calls.breakerState().name()).isEqualTo("CLOSED");
    }

    @Test
    void unguardedReadingsAreRefusedWhileTheBreakerIsOpen() {
        for (int i = 0; i < 4; i++) {
            kindOf(() -> calls.idempotent("info", () -> failWith(EngineException.Kind.UNREACHABLE)));
        }
        assertThat(calls.breakerState().name()).isEqualTo("OPEN");
        attempts.set(0);

        assertThat(kindOf(() -> calls.unguarded("stats", Duration.ofSeconds(1), () -> failWith(EngineException.Kind.OTHER))))
                .isEqualTo(EngineException.Kind.CIRCUIT_OPEN);
        assertThat(attempts).hasValue(0);
    }

    @Test
    void onceIsNotRetried() {
        assertThat(kindOf(() -> calls.once("create", () -> failWith(EngineException.Kind.TIMEOUT))))
                .isEqualTo(EngineException.Kind.TIMEOUT);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void breakerOpensAfterRepeatedEngineFailuresAndThenFailsFast() {
        // 2 calls × up to 3 attempts: the 4th recorded failure opens the breaker mid-retry
        calls.idempotent("probe", () -> "ok");
        kindOf(() -> calls.idempotent("info", () -> failWith(EngineException.Kind.UNREACHABLE)));
        kindOf(() -> calls.idempotent("info", () -> failWith(EngineException.Kind.UNREACHABLE)));
        int before = attempts.get();

        assertThat(kindOf(() -> calls.idempotent("info", () -> failWith(EngineException.Kind.UNREACHABLE))))
                .isEqualTo(EngineException.Kind.CIRCUIT_OPEN);
        assertThat(attempts).hasValue(before); // not even tried
    }

    @Test
    @Timeout(30) // a hang guard only: the TIMEOUT kind below is what proves the limit fired
    void limitedCallTimesOut() {
        CountDownLatch never = new CountDownLatch(1);

        assertThat(kindOf(() -> calls.limited("stop", Duration.ofMillis(100), () -> {
            attempts.incrementAndGet();
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }))).isEqualTo(EngineException.Kind.TIMEOUT);
        assertThat(attempts).hasValue(1); // the engine may still be working on it: no second request
    }

    @Test
    void limitedCallPassesResultsAndDefiniteErrors() {
        assertThat(calls.limited("stop", Duration.ofSeconds(5), () -> "done")).isEqualTo("done");
        assertThat(kindOf(() -> calls.limited("stop", Duration.ofSeconds(5), () -> failWith(EngineException.Kind.NOT_FOUND))))
                .isEqualTo(EngineException.Kind.NOT_FOUND);
    }
}
