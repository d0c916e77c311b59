package io.berth.reconciler.loop;

import io.berth.reconciler.testing.VirtualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every pass is bounded in time: a pass past the pass timeout is reported, interrupted, counted as failed and retried
 * with backoff, and a pass that ignores the interruption holds one thread, not the loop. Deadlines are on a virtual
 * clock; the threaded test waits (bounded) only for the workers to get to a point.
 */
class PassTimeoutTest {

    static final Duration TIMEOUT = Duration.ofSeconds(60);

    final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-01T00:00:00Z"));
    final WorkQueue<ReconcileKey> queue = new WorkQueue<>(clock);
    final List<ReconcileKey> overruns = Collections.synchronizedList(new ArrayList<>());
    final List<ReconcileKey> failedPasses = Collections.synchronizedList(new ArrayList<>());
    final LoopObserver observer = new LoopObserver() {
        @Override
        public void passFinished(ReconcileKey key, Duration took, boolean failed) {
            if (failed) {
                failedPasses.add(key);
            }
        }

        @Override
        public void passOverran(ReconcileKey key, Duration running) {
            overruns.add(key);
        }
    };

    static ReconcileKey service(int n) {
        return new ReconcileKey.ServiceKey(new UUID(0, n));
    }

    @Test
    void aPassThatReturnsAfterItsDeadlineCountsAsFailedAndIsRetriedWithBackoff() {
        ReconcileKey slow = service(1);
        AtomicInteger passes = new AtomicInteger();
        ControlLoop[] loop = new ControlLoop[1];
        loop[0] = new ControlLoop(queue, key -> {
            if (passes.incrementAndGet() == 1) {
                clock.advance(TIMEOUT.plusSeconds(1));
                loop[0].checkOverruns(); // what the watchdog thread does meanwhile
                assertThat(Thread.currentThread().isInterrupted()).as("the watchdog interrupts the pass").isTrue();
            }
            return Optional.of(Duration.ofMinutes(10));
        }, observer, clock, TIMEOUT);

        queue.add(slow);
        loop[0].process(queue.poll(clock.instant()).orElseThrow());

        assertThat(overruns).containsExactly(slow);
        assertThat(failedPasses).containsExactly(slow);
        assertThat(Thread.currentThread().isInterrupted()).as("cleared before the worker's next wait").isFalse();
        assertThat(loop[0].stuckPasses()).isZero();
        assertThat(queue.poll(clock.instant())).as("a backoff, not at once").isEmpty();
        clock.advance(Duration.ofMillis(100));
        assertThat(queue.poll(clock.instant())).as("retried after the first backoff, not the pass's 10 min")
                .contains(slow);
    }

    @Test
    void aStuckKeyHoldsOneThreadWhileTheOtherKeysFlowAndHealthAsksForARestartOnceEveryWorkerIsStuck() {
        ReconcileKey deaf = service(1);       // ignores interruption until released
        ReconcileKey deafToo = service(2);
        ReconcileKey interruptible = service(3);
        CountDownLatch release = new CountDownLatch(1);
        Set<ReconcileKey> entered = ConcurrentHashMap.newKeySet();
        List<ReconcileKey> done = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger interruptiblePasses = new AtomicInteger();

        ControlLoop loop = new ControlLoop(queue, key -> {
            entered.add(key);
            if (key.equals(deaf) || key.equals(deafToo)) {
                while (release.getCount() > 0) {
                    try {
                        release.await();
                    } catch (InterruptedException ignored) {
                        // a pass blocked in something that does not end on interruption
                    }
                }
            } else if (key.equals(interruptible) && interruptiblePasses.incrementAndGet() == 1) {
                new CountDownLatch(1).await(); // forever, unless interrupted
            }
            done.add(key);
            return Optional.empty();
        }, observer, clock, TIMEOUT);
        loop.start(2);
        try {
            queue.add(deaf);
            await("the deaf pass began", () -> entered.contains(deaf));
            clock.advance(TIMEOUT);
            loop.checkOverruns();
            assertThat(overruns).containsExactly(deaf);
            assertThat(loop.stuckPasses()).isEqualTo(1);
            assertThat(loop.passesStuck()).as("one of two workers stuck, and replaced").isFalse();
            assertThat(loop.workersAlive()).isTrue();

            List<ReconcileKey> others = List.of(service(10), service(11), service(12), service(13), service(14));
            others.forEach(queue::add);
            await("the other keys were processed", () -> done.containsAll(others));

            queue.add(interruptible);
            await("the interruptible pass began", () -> entered.contains(interruptible));
            clock.advance(TIMEOUT);
            loop.checkOverruns();
            await("the interrupted pass failed", () -> failedPasses.contains(interruptible));
            assertThat(overruns).containsExactly(deaf, interruptible);
            clock.advance(Duration.ofMillis(100)); // its first backoff
            await("the interrupted key was retried", () -> done.contains(interruptible));
            assertThat(interruptiblePasses).hasValue(2);

            queue.add(deafToo);
            await("the second deaf pass began", () -> entered.contains(deafToo));
            clock.advance(TIMEOUT);
            loop.checkOverruns();
            assertThat(loop.stuckPasses()).isEqualTo(2);
            assertThat(loop.passesStuck()).as("as many passes stuck as workers: restart me").isTrue();

            release.countDown();
            await("the stuck passes returned", () -> loop.stuckPasses() == 0);
            assertThat(loop.passesStuck()).isFalse();
            // Reported by the worker just after the pass returns: waited for, not raced.
            await("a pass that returned after its deadline counts as failed",
                    () -> failedPasses.containsAll(List.of(deaf, deafToo)));
            assertThat(loop.workersAlive()).isTrue();

            ReconcileKey after = service(20);
            queue.add(after);
            await("keys still flow afterwards", () -> done.contains(after));
        } finally {
            release.countDown();
            loop.close();
        }
    }

    /** A bounded wait for the worker threads (real time; the deadlines themselves are virtual). */
    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
