package io.berth.reconciler.autoscaling;

import io.berth.reconciler.model.StepScaling.AdjustmentType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class ScalingArithmeticTest {

    @ParameterizedTest(name = "{0} tasks at {1}, target {2} → {3}")
    @CsvSource({
            "2, 91, 60, 4",
            "4, 30, 60, 2",
            "3, 60, 60, 3",
            "3, 60.0000000001, 60, 3",
            "1, 61, 60, 2",
            "10, 5, 60, 1",
            "5, 0, 60, 0",
            "0, 120, 100, 1",
            "0, 0, 100, 0",
    })
    void targetTracking(int current, double metric, double target, int want) {
        assertThat(ScalingArithmetic.targetTrackingCount(current, metric, target)).isEqualTo(want);
    }

    @ParameterizedTest(name = "{0} {2} of {1} → {3}")
    @CsvSource({
            "ChangeInCapacity, 3, 2, 5",
            "ChangeInCapacity, 3, -1, 2",
            "PercentChangeInCapacity, 3, 50, 4",
            "PercentChangeInCapacity, 3, 10, 4",
            "PercentChangeInCapacity, 10, -25, 8",
            "PercentChangeInCapacity, 3, -10, 2",
            "PercentChangeInCapacity, 10, 100, 20",
            "ExactCapacity, 3, 6, 6",
    })
    void steps(AdjustmentType type, int current, int adjustment, int want) {
        assertThat(ScalingArithmetic.stepCount(type, current, adjustment)).isEqualTo(want);
    }

    @ParameterizedTest(name = "now {0}, wants {1}, veto {2} → {3}")
    @CsvSource(delimiter = ';', value = {
            "4; 6 3; false; 6",
            "4; 3 2; false; 3",
            "4; 3 4; false; 4",
            "4; 3 2; true; 4",
            "4; 6 2; true; 6",
            "4; ; false; 4",
    })
    void combine(int current, String wants, boolean veto, int want) {
        int[] counts = wants == null ? new int[0] : Arrays.stream(wants.split(" ")).mapToInt(Integer::parseInt).toArray();
        assertThat(ScalingArithmetic.combine(current, counts, veto)).isEqualTo(want);
    }

    @ParameterizedTest
    @CsvSource({"0, 0s", "30, 30s", "300, 5m", "90, 1m30s", "7200, 2h"})
    void durations(long seconds, String text) {
        assertThat(ScalingArithmetic.text(Duration.ofSeconds(seconds))).isEqualTo(text);
    }
}
