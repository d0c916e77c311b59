package io.berth.app.controlloop;

import io.berth.reconciler.loop.ControlLoop;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * "controlLoop" in /actuator/health and its liveness group: DOWN when this Berth leads but its loop's workers are not
 * all running (a worker died, or the loop stopped while leading) — nothing would reconcile, and a restart is the
 * cure. Likewise when as many passes are stuck past the pass timeout as there are workers (passes that ignore
 * the watchdog's interruption hold their threads). A standby is UP: it serves the API, and the loop is another Berth's business until the lease is free.
 */
@Component("controlLoopHealthIndicator") // reported as "controlLoop"
class ControlLoopHealth implements HealthIndicator {

    private final BooleanSupplier leading;
    private final Supplier<String> role;
    private final ControlLoop loop;

    @Autowired
    ControlLoopHealth(ControlLoopLifecycle lifecycle, ControlLoop loop) {
        this(lifecycle::leading, lifecycle::role, loop);
    }

    ControlLoopHealth(BooleanSupplier leading, Supplier<String> role, ControlLoop loop) {
        this.leading = leading;
        this.role = role;
        this.loop = loop;
    }

    @Override
    public Health health() {
        String role = this.role.get();
        if (!leading.getAsBoolean()) {
            return Health.up().withDetail("role", role).build();
        }
        boolean alive = loop.workersAlive();
        boolean stuck = loop.passesStuck();
        return (alive && !stuck ? Health.up() : Health.down()).withDetail("role", role).withDetail("workersAlive", alive)
                .withDetail("stuckPasses", loop.stuckPasses()).build();
    }
}
