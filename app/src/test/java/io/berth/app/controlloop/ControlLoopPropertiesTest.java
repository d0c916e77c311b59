package io.berth.app.controlloop;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pass bounds: defaults, and a lock wait that must end before the pass's own deadline. */
class ControlLoopPropertiesTest {

    private static ControlLoopProperties bounds(Duration passTimeout, Duration lockWait) {
        return new ControlLoopProperties(null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, passTimeout, lockWait);
    }

    @Test
    void defaultsBoundEveryPassAndTheLockWaitWithinIt() {
        ControlLoopProperties p = bounds(null, null);
        assertThat(p.passTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(p.placementLockWait()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void aLockWaitAsLongAsThePassOrANonPositiveTimeoutIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> bounds(Duration.ofSeconds(10), Duration.ofSeconds(10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("berth.reconciler.placement-lock-wait");
        assertThatThrownBy(() -> bounds(Duration.ZERO, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("berth.reconciler.pass-timeout");
        assertThat(bounds(Duration.ofSeconds(30), Duration.ofSeconds(5)).placementLockWait())
                .isEqualTo(Duration.ofSeconds(5));
    }
}
