package io.berth.reconciler.store;

import io.berth.reconciler.model.AutoScaling;
import io.berth.reconciler.model.ScalingMetric;
import io.berth.reconciler.model.ScheduledScalingAction;
import io.berth.reconciler.model.StepScaling;
import io.berth.reconciler.model.TargetTracking;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Storage form of a service's {@link AutoScaling}, inside {@code service.spec} (see {@link ServiceSpecJson}). */
final class AutoScalingJson {

    private AutoScalingJson() {
    }

    static void put(ObjectNode root, AutoScaling a) {
        if (a == null) { // absent = none: specs stored before auto scaling stay equal
            return;
        }
        ObjectNode node = root.putObject("autoScaling").put("minCount", a.minCount()).put("maxCount", a.maxCount());
        var tracking = node.putArray("targetTracking");
        for (TargetTracking t : a.targetTracking()) {
            ObjectNode p = tracking.addObject().put("metric", t.metric().manifestName()).put("target", t.target())
                    .put("scaleOutCooldown", t.scaleOutCooldown().toString())
                    .put("scaleInCooldown", t.scaleInCooldown().toString()).put("disableScaleIn", t.disableScaleIn());
            if (t.targetGroup() != null) {
                p.put("targetGroup", t.targetGroup());
            }
        }
        if (!a.scheduled().isEmpty()) { // absent = none: specs stored before scheduled actions stay equal
            var scheduled = node.putArray("scheduled");
            for (ScheduledScalingAction s : a.scheduled()) {
                ObjectNode p = scheduled.addObject().put("name", s.name()).put("schedule", s.schedule());
                if (s.timezone() != null) {
                    p.put("timezone", s.timezone());
                }
                if (s.minCount() != null) {
                    p.put("minCount", s.minCount());
                }
                if (s.maxCount() != null) {
                    p.put("maxCount", s.maxCount());
                }
            }
        }
        var steps = node.putArray("stepScaling");
        for (StepScaling s : a.stepScaling()) {
            ObjectNode p = steps.addObject().put("metric", s.metric().manifestName())
                    .put("adjustmentType", s.adjustmentType().name()).put("cooldown", s.cooldown().toString());
            if (s.targetGroup() != null) {
                p.put("targetGroup", s.targetGroup());
            }
            var list = p.putArray("steps");
            for (StepScaling.Step step : s.steps()) {
                ObjectNode n = list.addObject().put("adjustment", step.adjustment());
                if (step.lowerBound() != null) {
                    n.put("lowerBound", step.lowerBound());
                }
                if (step.upperBound() != null) {
                    n.put("upperBound", step.upperBound());
                }
            }
        }
    }

    static AutoScaling read(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        List<TargetTracking> tracking = new ArrayList<>();
        node.path("targetTracking").forEach(t -> tracking.add(new TargetTracking(metric(t), t.path("target").asDouble(),
                text(t.path("targetGroup")), Duration.parse(t.path("scaleOutCooldown").asString()),
                Duration.parse(t.path("scaleInCooldown").asString()), t.path("disableScaleIn").asBoolean(false))));
        List<StepScaling> steps = new ArrayList<>();
        node.path("stepScaling").forEach(s -> {
            List<StepScaling.Step> list = new ArrayList<>();
            s.path("steps").forEach(n -> list.add(new StepScaling.Step(number(n.path("lowerBound")),
                    number(n.path("upperBound")), n.path("adjustment").asInt())));
            steps.add(new StepScaling(metric(s), StepScaling.AdjustmentType.valueOf(s.path("adjustmentType").asString()),
                    list, Duration.parse(s.path("cooldown").asString()), text(s.path("targetGroup"))));
        });
        List<ScheduledScalingAction> scheduled = new ArrayList<>();
        node.path("scheduled").forEach(s -> scheduled.add(new ScheduledScalingAction(s.path("name").asString(),
                s.path("schedule").asString(), text(s.path("timezone")), integer(s.path("minCount")),
                integer(s.path("maxCount")))));
        return new AutoScaling(node.path("minCount").asInt(), node.path("maxCount").asInt(), tracking, steps,
                scheduled);
    }

    private static ScalingMetric metric(JsonNode policy) {
        String name = policy.path("metric").asString();
        return ScalingMetric.parse(name).orElseThrow(() -> new IllegalArgumentException("unknown metric " + name));
    }

    private static String text(JsonNode n) {
        return n.isMissingNode() || n.isNull() ? null : n.asString();
    }

    private static Integer integer(JsonNode n) {
        return n.isNumber() ? n.asInt() : null;
    }

    private static Double number(JsonNode n) {
        return n.isNumber() ? n.asDouble() : null;
    }
}
