package io.berth.app.api;

import io.berth.reconciler.model.AutoScaling;
import io.berth.reconciler.model.ServiceSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

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
}
