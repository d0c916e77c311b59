package io.berth.app.controlloop;

import io.berth.reconciler.loop.ControlLoop;
import io.berth.reconciler.loop.WorkQueue;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import io.berth.reconciler.loop.LoopObserver;
import io.berth.reconciler.loop.ReconcileKey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Liveness of the control loop: a leader needs its workers; a standby is UP, serving the API. */
class ControlLoopHealthTest {

    private final AtomicBoolean leading = new AtomicBoolean();
    private final AtomicReference<String> role = new AtomicReference<>("standby");
    private final ControlLoop loop = new ControlLoop(new WorkQueue<>(Clock.systemUTC()), key -> Optional.empty());
    private final ControlLoopHealth health = new ControlLoopHealth(leading::get, role::get, loop);

    @Test
    void aStandbyIsUpWithItsRole() {
        Health h = health.health();
        assertThat(h.getStatus()).isEqualTo(Status.UP);
        assertThat(h.getDetails()).containsEntry("role", "standby");
    }

    @Test
    void aLeaderIsUpWhileItsWorkersRunAndDownWhenTheLoopStoppedWhileLeading() {
        leading.set(true);
        role.set("leader");
        loop.start(2);
        try {
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
            assertThat(health.health().getDetails()).containsEntry("role", "leader").containsEntry("workersAlive", true);

            loop.stop();
            Health h = health.health();
            assertThat(h.getStatus()).as("leading without workers: nothing reconciles").isEqualTo(Status.DOWN);
            assertThat(h.getDetails()).containsEntry("workersAlive", false);
        } finally {
            loop.close();
        }
    }

    @Test
    void aLeaderRenewingItsLeaseWithinTheDeadlineStaysUp() {
        leading.set(true);
        role.set("renewing");
        loop.start(1);
        try {
            assertThat(health.health().getStatus()).as("a database blip is not a reason to restart")
                    .isEqualTo(Status.UP);
        } finally {
            loop.close();
        }
    }

    @Test
    void aLeaderWithAsManyPassesStuckPastTheirTimeoutAsWorkersIsDown() throws InterruptedException {
        leading.set(true);
        role.set("leader");
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
        Clock clock = new Clock() {
            @Override
            public Instant instant() {
                return now.get();
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }
        };
        WorkQueue<ReconcileKey> queue = new WorkQueue<>(clock);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ControlLoop stuckLoop = new ControlLoop(queue, key -> {
            if (key instanceof ReconcileKey.ServiceKey) {
                entered.countDown();
                while (release.getCount() > 0) {
                    try {
                        release.await();
                    } catch (InterruptedException ignored) {
                        // deaf to the watchdog
                    }
                }
            }
            return Optional.empty();
        }, LoopObserver.NONE, clock, Duration.ofSeconds(60));
        ControlLoopHealth stuckHealth = new ControlLoopHealth(leading::get, role::get, stuckLoop);
        stuckLoop.start(1);
        try {
            queue.add(new ReconcileKey.ServiceKey(UUID.randomUUID()));
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(stuckHealth.health().getStatus()).as("within its timeout").isEqualTo(Status.UP);

            now.set(now.get().plusSeconds(60));
            stuckLoop.checkOverruns();
            Health h = stuckHealth.health();
            assertThat(h.getStatus()).as("its only worker's pass is stuck past the timeout").isEqualTo(Status.DOWN);
            assertThat(h.getDetails()).containsEntry("stuckPasses", 1);

            release.countDown();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (stuckLoop.stuckPasses() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(stuckHealth.health().getStatus()).as("the pass returned").isEqualTo(Status.UP);
        } finally {
            release.countDown();
            stuckLoop.close();
        }
    }
}
