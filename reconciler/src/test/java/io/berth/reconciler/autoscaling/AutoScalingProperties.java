package io.berth.reconciler.autoscaling;

import io.berth.reconciler.model.AutoScaling;
import io.berth.reconciler.model.ScalingMetric;
import io.berth.reconciler.model.StepScaling;
import io.berth.reconciler.model.TargetTracking;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Invariants of auto scaling over random specs, figures and histories, in virtual time. */
class AutoScalingProperties {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final AutoScalingPlanner planner = new AutoScalingPlanner();

    record Case(AutoScaling spec, int current, double cpu, double memory, LastScaling last, Instant now) {
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Integer> min = Arbitraries.integers().between(0, 10);
        Arbitrary<Integer> span = Arbitraries.integers().between(0, 30);
        Arbitrary<TargetTracking> tracking = Combinators.combine(Arbitraries.of(ScalingMetric.CPU, ScalingMetric.MEMORY),
                Arbitraries.doubles().between(1, 100), Arbitraries.longs().between(0, 600),
                Arbitraries.longs().between(0, 600), Arbitraries.of(true, false))
                .as((m, t, out, in, disable) -> new TargetTracking(m, t, null, Duration.ofSeconds(out),
                        Duration.ofSeconds(in), disable));
        Arbitrary<StepScaling> step = Combinators.combine(Arbitraries.of(StepScaling.AdjustmentType.values()),
                Arbitraries.integers().between(-200, 200), Arbitraries.doubles().between(0, 200),
                Arbitraries.longs().between(0, 600))
                .as((type, adj, lower, cool) -> new StepScaling(ScalingMetric.CPU, type,
                        List.of(new StepScaling.Step(lower, null, type == StepScaling.AdjustmentType.ExactCapacity
                                ? Math.abs(adj) : adj)), Duration.ofSeconds(cool), null));
        Arbitrary<Instant> when = Arbitraries.longs().between(0, 3600).map(T0::plusSeconds).injectNull(0.3);
        return Combinators.combine(min, span, tracking.list().ofMaxSize(3), step.list().ofMaxSize(2),
                Arbitraries.integers().between(0, 60), Arbitraries.doubles().between(-1, 400),
                Arbitraries.doubles().between(-1, 400), Combinators.combine(when, when).as(LastScaling::new))
                .as((lo, s, tt, st, current, cpu, mem, last) -> new Case(new AutoScaling(lo, lo + s, tt, st), current,
                        cpu, mem, last, T0.plusSeconds(3600)));
    }

    private ScalingDecision decide(Case c) {
        return planner.decide("web", c.current(), c.spec(), new ScalingFigures(c.cpu(), c.memory(), 2, Map.of()),
                c.last(), c.now());
    }

    @Property(tries = 2000)
    void neverOutsideMinAndMaxOnceInside(@ForAll("cases") Case c) {
        ScalingDecision d = decide(c);
        assertThat(d.to()).isBetween(c.spec().minCount(), c.spec().maxCount());
        if (!d.changes()) {
            assertThat(d.to()).isEqualTo(c.current());
        }
    }

    @Property(tries = 2000)
    void cooldownsAreHonouredInsideTheRange(@ForAll("cases") Case c) {
        ScalingDecision d = decide(c);
        boolean inside = c.current() >= c.spec().minCount() && c.current() <= c.spec().maxCount();
        if (!inside || !d.changes()) {
            return;
        }
        if (d.to() > d.from()) {
            // some policy's scale-out cooldown has passed since the last scale-out
            Duration longestOut = Duration.ZERO;
            for (TargetTracking t : c.spec().targetTracking()) {
                longestOut = t.scaleOutCooldown().compareTo(longestOut) > 0 ? t.scaleOutCooldown() : longestOut;
            }
            for (StepScaling s : c.spec().stepScaling()) {
                longestOut = s.cooldown().compareTo(longestOut) > 0 ? s.cooldown() : longestOut;
            }
            Duration shortestOut = c.spec().targetTracking().stream().map(TargetTracking::scaleOutCooldown)
                    .min(Duration::compareTo).orElse(longestOut);
            for (StepScaling s : c.spec().stepScaling()) {
                shortestOut = s.cooldown().compareTo(shortestOut) < 0 ? s.cooldown() : shortestOut;
            }
            if (c.last().scaledOutAt() != null) {
                assertThat(c.last().scaledOutAt().plus(shortestOut)).isBeforeOrEqualTo(c.now());
            }
        } else {
            // every policy had a say and agreed, and the shortest scale-in cooldown since any scaling has passed
            Instant any = c.last().any();
            if (any != null) {
                Duration shortestIn = c.spec().targetTracking().stream().map(TargetTracking::scaleInCooldown)
                        .min(Duration::compareTo).orElse(Duration.ofDays(1));
                for (StepScaling s : c.spec().stepScaling()) {
                    shortestIn = s.cooldown().compareTo(shortestIn) < 0 ? s.cooldown() : shortestIn;
                }
                assertThat(any.plus(shortestIn)).isBeforeOrEqualTo(c.now());
            }
        }
    }

    @Property(tries = 2000)
    void scaleInOnlyWhenEveryTargetTrackingPolicyWantsFewer(@ForAll("cases") Case c) {
        ScalingDecision d = decide(c);
        boolean inside = c.current() >= c.spec().minCount() && c.current() <= c.spec().maxCount();
        if (!inside || d.to() >= d.from()) {
            return;
        }
        ScalingFigures f = new ScalingFigures(c.cpu(), c.memory(), 2, Map.of());
        for (TargetTracking t : c.spec().targetTracking()) {
            assertThat(t.disableScaleIn()).isFalse();
            double v = f.of(t.metric(), null).orElseThrow();
            assertThat(ScalingArithmetic.targetTrackingCount(c.current(), v, t.target())).isLessThan(c.current());
        }
    }

    @Property(tries = 2000)
    void theLargestTargetTrackingWantWinsAScaleOut(@ForAll("cases") Case c) {
        ScalingDecision d = decide(c);
        boolean inside = c.current() >= c.spec().minCount() && c.current() <= c.spec().maxCount();
        if (!inside || d.to() <= d.from() || !c.spec().stepScaling().isEmpty()) {
            return;
        }
        ScalingFigures f = new ScalingFigures(c.cpu(), c.memory(), 2, Map.of());
        int largest = c.spec().targetTracking().stream().filter(t -> f.of(t.metric(), null).isPresent())
                .mapToInt(t -> ScalingArithmetic.targetTrackingCount(c.current(), f.of(t.metric(), null).getAsDouble(),
                        t.target())).max().orElseThrow();
        assertThat(d.to()).isEqualTo(Math.min(largest, c.spec().maxCount()));
    }
}
