package io.berth.app.controlloop;

import io.berth.reconciler.loop.ControlLoop;
import io.berth.reconciler.loop.WorkQueue;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import java.time.Clock;
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
}
