package io.berth.app.api;

import io.berth.reconciler.autoscaling.ActionState;
import io.berth.reconciler.model.AutoScaling;
import io.berth.reconciler.model.ScheduledScalingAction;
import io.berth.reconciler.model.ServiceSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What an apply stores as the desired count of an auto scaled service (GitOps keeps the scaled count). */
class ServiceCountTest {

    private static ServiceSpec spec(int desired, Integer min, Integer max) {
        return new ServiceSpec("web", desired, null, null, null, List.of(), false, null,
                min == null ? null : new AutoScaling(min, max, List.of(), List.of()));
    }

    @ParameterizedTest(name = "manifest {0}, range {1}..{2}, running {3} → {4} ({5})")
    @CsvSource(nullValues = "-", delimiter = ';', value = {
            "3; -; -; 7; 3; -",
            "3; 2; 10; -; 3; -",
            "1; 2; 10; -; 2; desiredCount 1 clamped into autoScaling's minCount..maxCount 2..10: 2",
            "3; 2; 10; 7; 7; desiredCount kept at 7 by autoScaling (the manifest says 3)",
            "3; 2; 5; 7; 5; desiredCount 7 clamped into autoScaling's minCount..maxCount 2..5: 5",
            "3; 2; 10; 3; 3; -",
    })
    void count(int manifest, Integer min, Integer max, Integer running, int stored, String note) {
        ServiceCount count = ServiceCount.of(spec(manifest, min, max), running);

        assertThat(count.desiredCount()).isEqualTo(stored);
        assertThat(count.note()).isEqualTo(note);
    }

    /** A re-apply at night keeps the night's range: no task is launched for the next round to stop again. */
    @Test
    void aReapplyKeepsTheRangeAScheduledActionSet() {
        var night = new ScheduledScalingAction("night", "0 19 * * *", null, 0, 0);
        ServiceSpec spec = new ServiceSpec("web", 4, null, null, null, List.of(), false, null,
                new AutoScaling(2, 10, List.of(), List.of(), List.of(night)));
        Instant fired = Instant.parse("2026-12-07T19:00:00Z");
        Map<String, ActionState> states = Map.of("night", new ActionState(fired.minusSeconds(3600), fired));

        assertThat(ServiceCount.of(spec, 0, states))
                .isEqualTo(new ServiceCount(0, "desiredCount kept at 0 by autoScaling (the manifest says 4)"));
        assertThat(ServiceCount.of(spec, 3, states))
                .isEqualTo(new ServiceCount(0, "desiredCount 3 clamped into autoScaling's scheduled range 0..0: 0"));
        assertThat(ServiceCount.of(spec, 0, Map.of()))
                .isEqualTo(new ServiceCount(2, "desiredCount 0 clamped into autoScaling's minCount..maxCount 2..10: 2"));
    }
}
