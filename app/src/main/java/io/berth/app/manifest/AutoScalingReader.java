package io.berth.app.manifest;

import io.berth.reconciler.model.AutoScaling;
import io.berth.reconciler.model.ScalingMetric;
import io.berth.reconciler.model.ScheduledScalingAction;
import io.berth.reconciler.model.ServiceLoadBalancer;
import io.berth.reconciler.model.StepScaling;
import io.berth.reconciler.model.TargetTracking;
import tools.jackson.databind.JsonNode;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A service's {@code autoScaling: {minCount, maxCount, targetTracking: [...], stepScaling: [...], scheduled: [...]}},
 * every rule
 * checked here with the field it concerns.
 */
final class AutoScalingReader {

    /** As a service's tasks are bounded elsewhere: a typo of 100000 must not launch that many. */
    static final int MAX_COUNT = 1000;
    private static final String METRICS = Arrays.stream(ScalingMetric.values()).map(ScalingMetric::manifestName)
            .collect(Collectors.joining(", "));

    private AutoScalingReader() {
    }

    /** Null when absent or broken (the errors say why). */
    static AutoScaling read(ObjectFields service, List<ServiceLoadBalancer> loadBalancers) {
        ObjectFields fields = service.object("autoScaling");
        if (fields == null) {
            return null;
        }
        int errorsBefore = fields.errors().count();
        Integer min = fields.requiredInteger("minCount");
        Integer max = fields.requiredInteger("maxCount");
        if (min != null && min < 0) {
            fields.reject(fields.path("minCount"), "must be >= 0");
        }
        if (max != null && max > MAX_COUNT) {
            fields.reject(fields.path("maxCount"), "must be at most " + MAX_COUNT);
        }
        if (min != null && max != null && max < min) {
            fields.reject(fields.path("maxCount"), "must be >= minCount (" + min + "), got " + max);
        }
        Set<String> groups = loadBalancers.stream().map(ServiceLoadBalancer::targetGroup).collect(Collectors.toSet());
        List<TargetTracking> tracking = fields.objects("targetTracking", p -> targetTracking(p, groups));
        List<StepScaling> steps = fields.objects("stepScaling", p -> stepScaling(p, groups));
        List<ScheduledScalingAction> scheduled = ScheduledActionReader.read(fields);
        fields.rejectUnknown();
        if (fields.errors().count() > errorsBefore || min == null || max == null) {
            return null;
        }
        return new AutoScaling(min, max, tracking, steps, scheduled);
    }

    private static TargetTracking targetTracking(ObjectFields p, Set<String> groups) {
        ScalingMetric metric = metric(p);
        Double target = number(p, "target", true);
        if (target != null && target <= 0) {
            p.reject(p.path("target"), "must be greater than 0, got " + target);
        }
        String group = targetGroup(p, metric, groups);
        var out = p.duration("scaleOutCooldown");
        var in = p.duration("scaleInCooldown");
        Boolean disable = p.bool("disableScaleIn");
        p.rejectUnknown();
        return metric == null || target == null ? null
                : new TargetTracking(metric, target, group, out, in, Boolean.TRUE.equals(disable));
    }

    private static StepScaling stepScaling(ObjectFields p, Set<String> groups) {
        ScalingMetric metric = metric(p);
        String typeName = p.requiredString("adjustmentType");
        StepScaling.AdjustmentType type = null;
        if (typeName != null) {
            try {
                type = StepScaling.AdjustmentType.valueOf(typeName);
            } catch (IllegalArgumentException e) {
                p.reject(p.path("adjustmentType"), "must be one of ChangeInCapacity, PercentChangeInCapacity, "
                        + "ExactCapacity, got \"" + typeName + "\"");
            }
        }
        String group = targetGroup(p, metric, groups);
        var cooldown = p.duration("cooldown");
        StepScaling.AdjustmentType t = type;
        if (p.get("steps") == null) {
            p.reject(p.path("steps"), "is required: at least one {lowerBound, upperBound, adjustment}");
        }
        List<StepScaling.Step> steps = p.objects("steps", s -> step(s, t));
        for (int i = 0; i < steps.size(); i++) {
            for (int j = i + 1; j < steps.size(); j++) {
                if (overlap(steps.get(i), steps.get(j))) {
                    p.reject(p.path("steps") + "[" + j + "]", "overlaps steps[" + i + "]: a value must fall in one "
                            + "step at most");
                }
            }
        }
        p.rejectUnknown();
        return metric == null || type == null ? null : new StepScaling(metric, type, steps, cooldown, group);
    }

    private static StepScaling.Step step(ObjectFields s, StepScaling.AdjustmentType type) {
        Double lower = number(s, "lowerBound", false);
        Double upper = number(s, "upperBound", false);
        Integer adjustment = s.requiredInteger("adjustment");
        s.rejectUnknown();
        if (lower != null && upper != null && lower >= upper) {
            s.reject(s.path("upperBound"), "must be greater than lowerBound (" + lower + ")");
            return null;
        }
        if (adjustment != null && type == StepScaling.AdjustmentType.ExactCapacity && adjustment < 0) {
            s.reject(s.path("adjustment"), "must be >= 0 with ExactCapacity");
            return null;
        }
        return adjustment == null ? null : new StepScaling.Step(lower, upper, adjustment);
    }

    private static boolean overlap(StepScaling.Step a, StepScaling.Step b) {
        double aLow = a.lowerBound() == null ? Double.NEGATIVE_INFINITY : a.lowerBound();
        double aHigh = a.upperBound() == null ? Double.POSITIVE_INFINITY : a.upperBound();
        double bLow = b.lowerBound() == null ? Double.NEGATIVE_INFINITY : b.lowerBound();
        double bHigh = b.upperBound() == null ? Double.POSITIVE_INFINITY : b.upperBound();
        return aLow < bHigh && bLow < aHigh;
    }

    private static ScalingMetric metric(ObjectFields p) {
        String name = p.requiredString("metric");
        if (name == null) {
            return null;
        }
        return ScalingMetric.parse(name).orElseGet(() -> {
            p.reject(p.path("metric"), "must be one of " + METRICS + ", got \"" + name + "\"");
            return null;
        });
    }

    /** Required with requestsPerTarget, and one of the service's own target groups; refused with the others. */
    private static String targetGroup(ObjectFields p, ScalingMetric metric, Set<String> groups) {
        String group = p.string("targetGroup");
        if (metric == ScalingMetric.REQUESTS_PER_TARGET) {
            if (group == null) {
                p.reject(p.path("targetGroup"), "is required with metric requestsPerTarget");
            } else if (!groups.contains(group)) {
                p.reject(p.path("targetGroup"), "must be one of the service's loadBalancers' target groups "
                        + (groups.isEmpty() ? "(it has none)" : groups.stream().sorted().toList()) + ", got \""
                        + group + "\"");
            }
        } else if (metric != null && group != null) {
            p.reject(p.path("targetGroup"), "is only for metric requestsPerTarget");
        }
        return group;
    }

    private static Double number(ObjectFields p, String key, boolean required) {
        JsonNode v = required ? p.require(key) : p.get(key);
        if (v == null) {
            return null;
        }
        if (!v.isNumber()) {
            p.reject(p.path(key), "must be a number, got " + NodeTypes.describe(v));
            return null;
        }
        return v.asDouble();
    }
}
