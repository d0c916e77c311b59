package io.berth.reconciler.autoscaling;

import io.berth.reconciler.model.AutoScaling;
import io.berth.reconciler.model.ScalingMetric;
import io.berth.reconciler.model.StepScaling;
import io.berth.reconciler.model.TargetTracking;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AutoScalingPlannerTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:42:00Z");
    private final AutoScalingPlanner planner = new AutoScalingPlanner();

    private static TargetTracking cpu(double target, long outSeconds, long inSeconds) {
        return new TargetTracking(ScalingMetric.CPU, target, null, Duration.ofSeconds(outSeconds),
                Duration.ofSeconds(inSeconds), false);
    }

    private static AutoScaling tracking(int min, int max, TargetTracking... policies) {
        return new AutoScaling(min, max, List.of(policies), List.of());
    }

    private static ScalingFigures figures(double cpu, double memory) {
        return new ScalingFigures(cpu, memory, 3, Map.of());
    }

    @Test
    void scalesOutToWhereTheTargetWouldHoldAndSaysWhy() {
        ScalingDecision d = planner.decide("web", 2, tracking(1, 20, cpu(60, 30, 60)), figures(91, 10),
                LastScaling.NEVER, NOW);

        assertThat(d.kind()).isEqualTo(ScalingDecision.Kind.SCALE_OUT);
        assertThat(d.to()).isEqualTo(4);
        assertThat(d.message()).isEqualTo("scaled web from 2 to 4: cpu 91 % > target 60 % (3 samples, cooldown 30s)");
    }

    @Test
    void neverBeyondMaxCountAndSaysSo() {
        ScalingDecision d = planner.decide("web", 20, tracking(1, 20, cpu(60, 30, 60)), figures(95, 10),
                LastScaling.NEVER, NOW);

        assertThat(d.kind()).isEqualTo(ScalingDecision.Kind.BLOCKED);
        assertThat(d.to()).isEqualTo(20);
        assertThat(d.message()).isEqualTo("web would scale from 20 to 32 (cpu 95 % > target 60 %) but is at maxCount 20");
    }

    @Test
    void aScaleOutBeyondMaxStopsAtMax() {
        ScalingDecision d = planner.decide("web", 8, tracking(1, 10, cpu(50, 30, 60)), figures(100, 10),
                LastScaling.NEVER, NOW);

        assertThat(d.to()).isEqualTo(10);
    }

    @Test
    void scaleInWaitsForItsCooldownSinceTheLastScaling() {
        LastScaling last = new LastScaling(NOW.minusSeconds(20), null);
        ScalingDecision d = planner.decide("web", 4, tracking(1, 20, cpu(60, 30, 30)), figures(10, 10), last, NOW);

        assertThat(d.kind()).isEqualTo(ScalingDecision.Kind.BLOCKED);
        assertThat(d.message()).isEqualTo("web would scale from 4 to 1 (cpu 10 % < target 60 %) but is in scale-in "
                + "cooldown until 10:42:10");

        ScalingDecision later = planner.decide("web", 4, tracking(1, 20, cpu(60, 30, 30)), figures(10, 10), last,
                NOW.plusSeconds(10));
        assertThat(later.kind()).isEqualTo(ScalingDecision.Kind.SCALE_IN);
        assertThat(later.to()).isEqualTo(1);
    }

    @Test
    void scaleOutWaitsForItsCooldownSinceTheLastScaleOutOnly() {
        AutoScaling spec = tracking(1, 20, cpu(60, 60, 300));
        ScalingDecision d = planner.decide("web", 4, spec, figures(90, 10),
                new LastScaling(NOW.minusSeconds(30), null), NOW);
        assertThat(d.kind()).isEqualTo(ScalingDecision.Kind.BLOCKED);
        assertThat(d.message()).endsWith("is in scale-out cooldown until 10:42:30");

        ScalingDecision afterIn = planner.decide("web", 4, spec, figures(90, 10),
                new LastScaling(null, NOW.minusSeconds(1)), NOW);
        assertThat(afterIn.kind()).isEqualTo(ScalingDecision.Kind.SCALE_OUT);
    }

    @Test
    void theLargestPolicyWinsAScaleOut() {
        AutoScaling spec = tracking(1, 20, cpu(60, 0, 0),
                new TargetTracking(ScalingMetric.MEMORY, 50, null, Duration.ZERO, Duration.ZERO, false));
        ScalingDecision d = planner.decide("web", 4, spec, figures(30, 100), LastScaling.NEVER, NOW);

        assertThat(d.to()).isEqualTo(8);
        assertThat(d.message()).contains("memory 100 % > target 50 %");
    }

    @Test
    void scaleInOnlyWhenEveryPolicyAgrees() {
        AutoScaling spec = tracking(1, 20, cpu(60, 0, 0),
                new TargetTracking(ScalingMetric.MEMORY, 50, null, Duration.ZERO, Duration.ZERO, false));

        assertThat(planner.decide("web", 4, spec, figures(15, 50), LastScaling.NEVER, NOW).kind())
                .isEqualTo(ScalingDecision.Kind.HOLD);
        ScalingDecision both = planner.decide("web", 4, spec, figures(15, 25), LastScaling.NEVER, NOW);
        assertThat(both.to()).isEqualTo(2); // cpu wants 1, memory 2: the smaller reduction
    }

    @Test
    void anUnknownMetricOrDisabledScaleInVetoesScaleInButNotScaleOut() {
        AutoScaling spec = tracking(1, 20, cpu(60, 0, 0),
                new TargetTracking(ScalingMetric.MEMORY, 50, null, Duration.ZERO, Duration.ZERO, true));

        assertThat(planner.decide("web", 4, spec, figures(10, 10), LastScaling.NEVER, NOW).to()).isEqualTo(4);
        assertThat(planner.decide("web", 4, spec, figures(10, -1), LastScaling.NEVER, NOW).to()).isEqualTo(4);
        assertThat(planner.decide("web", 4, spec, figures(120, -1), LastScaling.NEVER, NOW).to()).isEqualTo(8);
        assertThat(planner.decide("web", 4, spec, figures(-1, -1), LastScaling.NEVER, NOW).kind())
                .isEqualTo(ScalingDecision.Kind.HOLD);
    }

    @Test
    void aCountOutsideAChangedRangeIsMovedInAtOnce() {
        LastScaling justNow = new LastScaling(NOW, NOW);
        ScalingDecision up = planner.decide("web", 1, tracking(3, 10, cpu(60, 300, 300)), figures(10, 10), justNow, NOW);
        ScalingDecision down = planner.decide("web", 12, tracking(3, 10, cpu(60, 300, 300)), figures(90, 10), justNow, NOW);

        assertThat(up.to()).isEqualTo(3);
        assertThat(up.message()).isEqualTo("scaled web from 1 to 3: below minCount 3");
        assertThat(down.to()).isEqualTo(10);
        assertThat(down.message()).isEqualTo("scaled web from 12 to 10: above maxCount 10");
    }

    @Test
    void stepScalingTakesTheStepThatHoldsTheValue() {
        StepScaling out = new StepScaling(ScalingMetric.CPU, StepScaling.AdjustmentType.ChangeInCapacity, List.of(
                new StepScaling.Step(70.0, 90.0, 1), new StepScaling.Step(90.0, null, 3)), Duration.ofSeconds(60), null);
        StepScaling in = new StepScaling(ScalingMetric.CPU, StepScaling.AdjustmentType.PercentChangeInCapacity,
                List.of(new StepScaling.Step(null, 20.0, -50)), Duration.ofSeconds(60), null);
        AutoScaling spec = new AutoScaling(1, 20, List.of(), List.of(out, in));

        assertThat(planner.decide("web", 4, spec, figures(75, 0), LastScaling.NEVER, NOW).to()).isEqualTo(5);
        ScalingDecision high = planner.decide("web", 4, spec, figures(95, 0), LastScaling.NEVER, NOW);
        assertThat(high.to()).isEqualTo(7);
        assertThat(high.message()).isEqualTo("scaled web from 4 to 7: cpu 95 % in step [90 %, ) (ChangeInCapacity 3) "
                + "(3 samples, cooldown 1m)");
        assertThat(planner.decide("web", 4, spec, figures(50, 0), LastScaling.NEVER, NOW).kind())
                .isEqualTo(ScalingDecision.Kind.HOLD);
        assertThat(planner.decide("web", 4, spec, figures(10, 0), LastScaling.NEVER, NOW).to()).isEqualTo(2);
    }

    @Test
    void requestsPerTargetReadsItsTargetGroup() {
        AutoScaling spec = tracking(1, 20, new TargetTracking(ScalingMetric.REQUESTS_PER_TARGET, 100, "web-tg",
                Duration.ZERO, Duration.ZERO, false));
        ScalingDecision d = planner.decide("web", 2, spec, new ScalingFigures(-1, -1, 0, Map.of("web-tg", 250.0)),
                LastScaling.NEVER, NOW);

        assertThat(d.to()).isEqualTo(5);
        assertThat(d.message()).isEqualTo("scaled web from 2 to 5: requestsPerTarget 250 req/min > target 100 req/min "
                + "(cooldown 0s)");
    }

    @Test
    void figuresOfSomeTasksOnlyMayAddTasksButNeverRemoveAny() {
        AutoScaling spec = tracking(1, 20, cpu(60, 0, 0));
        ScalingFigures partialLow = new ScalingFigures(10, 10, 2, Map.of(), true);
        ScalingFigures partialHigh = new ScalingFigures(120, 10, 2, Map.of(), true);

        assertThat(planner.decide("web", 4, spec, partialLow, LastScaling.NEVER, NOW).to()).isEqualTo(4);
        assertThat(planner.decide("web", 4, spec, partialHigh, LastScaling.NEVER, NOW).to()).isEqualTo(8);
    }
}
