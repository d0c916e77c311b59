package io.berth.reconciler.loop;

import io.berth.reconciler.testing.VirtualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ControlLoopTest {

    final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-01T00:00:00Z"));
    final WorkQueue<ReconcileKey> queue = new WorkQueue<>(clock);
    final List<Boolean> failures = new ArrayList<>();
    final ReconcileKey poison = new ReconcileKey.ServiceKey(UUID.fromString("00000000-0000-0000-0000-000000000001"));
    final ReconcileKey healthy = new ReconcileKey.ServiceKey(UUID.fromString("00000000-0000-0000-0000-000000000002"));
    final List<ReconcileKey> passed = new ArrayList<>();

    final ControlLoop loop = new ControlLoop(queue, key -> {
        if (key.equals(poison)) {
            throw new StackOverflowError("a deeply nested expression");
        }
        passed.add(key);
        return Optional.empty();
    }, (key, took, failed) -> failures.add(failed));

    @Test
    void aPassThatThrowsAnErrorIsCountedAndRetriedWithBackoffAndOtherKeysGoOn() {
        queue.add(poison);
        queue.add(healthy);

        loop.process(queue.poll(clock.instant()).orElseThrow());
        loop.process(queue.poll(clock.instant()).orElseThrow());

        assertThat(failures).containsExactly(true, false);
        assertThat(passed).containsExactly(healthy);
        assertThat(queue.poll(clock.instant())).as("retried after a backoff, not at once").isEmpty();
        clock.advance(Duration.ofMillis(100));
        assertThat(queue.poll(clock.instant())).contains(poison);
    }

    @Test
    void stoppedWorkersEndButTheQueueStaysAndALaterStartRunsItsKeys() throws InterruptedException {
        List<ReconcileKey> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        ControlLoop threaded = new ControlLoop(new WorkQueue<>(java.time.Clock.systemUTC()), key -> {
            seen.add(key);
            return Optional.empty();
        });
        assertThat(threaded.workersAlive()).as("not started").isFalse();

        threaded.start(2);
        assertThat(threaded.workersAlive()).isTrue();
        threaded.stop();
        assertThat(threaded.isRunning()).isFalse();
        assertThat(threaded.workersAlive()).as("stopped: the leader's health is DOWN if it still leads").isFalse();

        threaded.queue().add(healthy); // e.g. an engine event while standing by
        threaded.start(2);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!seen.contains(healthy) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(seen).as("the key kept while stopped runs after the restart").contains(healthy);
        assertThat(threaded.workersAlive()).isTrue();
        threaded.close();
        assertThat(threaded.workersAlive()).isFalse();
    }
}
