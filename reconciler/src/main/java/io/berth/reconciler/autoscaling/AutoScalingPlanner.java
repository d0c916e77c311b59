package io.berth.reconciler.autoscaling;

import io.berth.reconciler.model.AutoScaling;
import io.berth.reconciler.model.ScalingMetric;
import io.berth.reconciler.model.StepScaling;
import io.berth.reconciler.model.TargetTracking;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Application Auto Scaling's decision for one service, pure: {@code (spec, figures, last scaling, now) → decision}.
 * <ul>
 *   <li>each target tracking policy wants {@code ceil(current × metric / target)}; each step policy the count of its
 *       step that holds the metric's value;</li>
 *   <li>the largest count wins a scale-out; a scale-in needs every policy to want fewer (a policy whose metric is not
 *       known, or whose scale-in is disabled, vetoes it; a step policy none of whose steps holds has no say) and
 *       figures of every task;</li>
 *   <li>a scale-out waits for the winning policy's scale-out cooldown since the last scale-out; a scale-in for the
 *       longest scale-in cooldown of the policies since the last scaling of either kind (so a scale-in never undoes
 *       a fresh scale-out);</li>
 *   <li>the result never leaves [minCount, maxCount]; a count already outside (the range changed) is moved in at
 *       once, cooldowns or not.</li>
 * </ul>
 */
public final class AutoScalingPlanner {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** One policy's say. */
    private record Say(int count, String why, Duration outCooldown, Duration inCooldown) {
    }

    public ScalingDecision decide(String service, int current, AutoScaling spec, ScalingFigures figures,
                                  LastScaling last, Instant now) {
        if (current < spec.minCount() || current > spec.maxCount()) {
            int to = spec.clamp(current);
            return new ScalingDecision(to > current ? ScalingDecision.Kind.SCALE_OUT : ScalingDecision.Kind.SCALE_IN,
                    current, to, "scaled " + service + " from " + current + " to " + to + ": "
                    + (to > current ? "below minCount " + spec.minCount() : "above maxCount " + spec.maxCount()));
        }
        List<Say> says = new ArrayList<>();
        // a task without figures might be the busy one: never remove tasks on the others' word alone
        boolean veto = figures.partial();
        for (TargetTracking p : spec.targetTracking()) {
            OptionalDouble v = figures.of(p.metric(), p.targetGroup());
            if (v.isEmpty()) {
                veto = true;
                continue;
            }
            int want = ScalingArithmetic.targetTrackingCount(current, v.getAsDouble(), p.target());
            if (want < current && p.disableScaleIn()) {
                veto = true;
                continue;
            }
            says.add(new Say(want, p.metric().manifestName() + " " + figure(p.metric(), v.getAsDouble()) + (v.getAsDouble() > p.target() ? " > " : v.getAsDouble() < p.target() ? " < " : " = ")
                    + "target " + figure(p.metric(), p.target()), p.scaleOutCooldown(), p.scaleInCooldown()));
        }
        for (StepScaling p : spec.stepScaling()) {
            OptionalDouble v = figures.of(p.metric(), p.targetGroup());
            if (v.isEmpty()) {
                veto = true;
                continue;
            }
            for (StepScaling.Step step : p.steps()) {
                if (step.holds(v.getAsDouble())) {
                    int want = ScalingArithmetic.stepCount(p.adjustmentType(), current, step.adjustment());
                    says.add(new Say(want, p.metric().manifestName() + " " + figure(p.metric(), v.getAsDouble()) + " in step " + bounds(p.metric(), step)
                            + " (" + p.adjustmentType() + " " + step.adjustment() + ")", p.cooldown(), p.cooldown()));
                    break;
                }
            }
        }
        int combined = ScalingArithmetic.combine(current, says.stream().mapToInt(Say::count).toArray(), veto);
        if (combined == current) {
            return new ScalingDecision(ScalingDecision.Kind.HOLD, current, current, null);
        }
        int to = spec.clamp(combined);
        String samples = figures.samples() > 0 ? figures.samples() + " samples, " : "";
        if (combined > current) {
            Say winner = says.stream().filter(s -> s.count() == combined).findFirst().orElseThrow();
            if (to == current) {
                return blocked(service, current, combined, winner.why(), "is at maxCount " + spec.maxCount());
            }
            Instant until = last.scaledOutAt() == null ? null : last.scaledOutAt().plus(winner.outCooldown());
            if (until != null && now.isBefore(until)) {
                return blocked(service, current, combined, winner.why(), "is in scale-out cooldown until "
                        + CLOCK.format(until));
            }
            return new ScalingDecision(ScalingDecision.Kind.SCALE_OUT, current, to, "scaled " + service + " from "
                    + current + " to " + to + ": " + winner.why() + " (" + samples + "cooldown "
                    + ScalingArithmetic.text(winner.outCooldown()) + ")");
        }
        String why = String.join(", ", says.stream().map(Say::why).toList());
        if (to == current) {
            return blocked(service, current, combined, why, "is at minCount " + spec.minCount());
        }
        Duration cooldown = says.stream().map(Say::inCooldown).max(Duration::compareTo).orElse(Duration.ZERO);
        Instant until = last.any() == null ? null : last.any().plus(cooldown);
        if (until != null && now.isBefore(until)) {
            return blocked(service, current, combined, why, "is in scale-in cooldown until " + CLOCK.format(until));
        }
        return new ScalingDecision(ScalingDecision.Kind.SCALE_IN, current, to, "scaled " + service + " from " + current
                + " to " + to + ": " + why + " (" + samples + "cooldown " + ScalingArithmetic.text(cooldown) + ")");
    }

    private static ScalingDecision blocked(String service, int current, int wanted, String why, String because) {
        return new ScalingDecision(ScalingDecision.Kind.BLOCKED, current, current, service + " would scale from "
                + current + " to " + wanted + " (" + why + ") but " + because);
    }

    /** "91 %", "120 req/min": whole numbers, as a person reads a dashboard. */
    static String figure(ScalingMetric metric, double value) {
        return Math.round(value) + metric.unit();
    }

    private static String bounds(ScalingMetric metric, StepScaling.Step step) {
        return "[" + (step.lowerBound() == null ? "" : figure(metric, step.lowerBound())) + ", "
                + (step.upperBound() == null ? "" : figure(metric, step.upperBound())) + ")";
    }
}
