package io.berth.app.manifest;

import io.berth.reconciler.model.AutoScaling;
import io.berth.reconciler.model.ScalingMetric;
import io.berth.reconciler.model.ServiceSpec;
import io.berth.reconciler.model.StepScaling;
import io.berth.reconciler.model.TargetTracking;
import io.berth.reconciler.store.ServiceSpecJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/** A Service manifest's autoScaling {…}: what it reads, how it is stored, and every rule naming its field. */
class AutoScalingManifestTest {

    private static final String AS = "documents[0].spec.autoScaling";
    private final ManifestParser parser = new ManifestParser();

    private static String service(String extra) {
        return """
                apiVersion: berth/v1
                kind: Service
                metadata: {name: web}
                spec:
                  taskDefinition: web
                  desiredCount: 2
                  loadBalancers: [{targetGroup: web-tg, containerName: app, containerPort: 80}]
                """ + extra;
    }

    private ServiceSpec parse(String yaml) {
        return ((ServiceDocument) parser.parse(yaml, ManifestFormat.YAML).documentsOrThrow().getFirst()).spec();
    }

    @Test
    void readsEveryPolicyAndStoresItRoundTrip() {
        ServiceSpec spec = parse(service("""
                  autoScaling:
                    minCount: 1
                    maxCount: 20
                    targetTracking:
                      - {metric: cpu, target: 60, scaleOutCooldown: 30s, scaleInCooldown: 2m}
                      - {metric: requestsPerTarget, target: 1000, targetGroup: web-tg, disableScaleIn: true}
                    stepScaling:
                      - metric: memory
                        adjustmentType: PercentChangeInCapacity
                        cooldown: 1m
                        steps:
                          - {lowerBound: 80, upperBound: 95, adjustment: 20}
                          - {lowerBound: 95, adjustment: 50}
                """));

        AutoScaling expected = new AutoScaling(1, 20, List.of(
                new TargetTracking(ScalingMetric.CPU, 60, null, Duration.ofSeconds(30), Duration.ofMinutes(2), false),
                new TargetTracking(ScalingMetric.REQUESTS_PER_TARGET, 1000, "web-tg", null, null, true)),
                List.of(new StepScaling(ScalingMetric.MEMORY, StepScaling.AdjustmentType.PercentChangeInCapacity,
                        List.of(new StepScaling.Step(80.0, 95.0, 20), new StepScaling.Step(95.0, null, 50)),
                        Duration.ofMinutes(1), null)));
        assertThat(spec.autoScaling()).isEqualTo(expected);
        ServiceSpecJson json = new ServiceSpecJson();
        assertThat(json.fromJson(json.toJson(spec))).isEqualTo(spec);
    }

    @Test
    void withoutDesiredCountAServiceStartsInsideTheRange() {
        ServiceSpec spec = parse(service("  autoScaling: {minCount: 3, maxCount: 5}\n").replace("  desiredCount: 2\n", ""));

        assertThat(spec.desiredCount()).isEqualTo(3);
    }

    @Test
    void aSpecWithoutAutoScalingIsStoredAsBefore() {
        ServiceSpec spec = parse(service(""));

        assertThat(spec.autoScaling()).isNull();
        assertThat(new ServiceSpecJson().toJson(spec)).doesNotContain("autoScaling");
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                argumentSet("min above max", "  autoScaling: {minCount: 5, maxCount: 2}\n", AS + ".maxCount",
                        "must be >= minCount (5), got 2"),
                argumentSet("negative min", "  autoScaling: {minCount: -1, maxCount: 2}\n", AS + ".minCount",
                        "must be >= 0"),
                argumentSet("no max", "  autoScaling: {minCount: 1}\n", AS + ".maxCount", "is required"),
                argumentSet("max beyond the bound", "  autoScaling: {minCount: 1, maxCount: 5000}\n", AS + ".maxCount",
                        "at most 1000"),
                argumentSet("target zero", "  autoScaling: {minCount: 1, maxCount: 2, targetTracking: [{metric: cpu, "
                        + "target: 0}]}\n", AS + ".targetTracking[0].target", "must be greater than 0"),
                argumentSet("target not a number", "  autoScaling: {minCount: 1, maxCount: 2, targetTracking: "
                        + "[{metric: cpu, target: high}]}\n", AS + ".targetTracking[0].target", "must be a number"),
                argumentSet("unknown metric", "  autoScaling: {minCount: 1, maxCount: 2, targetTracking: [{metric: "
                        + "disk, target: 5}]}\n", AS + ".targetTracking[0].metric",
                        "must be one of cpu, memory, requestsPerTarget, got \"disk\""),
                argumentSet("requestsPerTarget without targetGroup", "  autoScaling: {minCount: 1, maxCount: 2, "
                        + "targetTracking: [{metric: requestsPerTarget, target: 5}]}\n",
                        AS + ".targetTracking[0].targetGroup", "is required with metric requestsPerTarget"),
                argumentSet("requestsPerTarget of another group", "  autoScaling: {minCount: 1, maxCount: 2, "
                        + "targetTracking: [{metric: requestsPerTarget, target: 5, targetGroup: api}]}\n",
                        AS + ".targetTracking[0].targetGroup", "must be one of the service's loadBalancers' target "
                                + "groups [web-tg], got \"api\""),
                argumentSet("a targetGroup with cpu", "  autoScaling: {minCount: 1, maxCount: 2, targetTracking: "
                        + "[{metric: cpu, target: 5, targetGroup: web-tg}]}\n", AS + ".targetTracking[0].targetGroup",
                        "only for metric requestsPerTarget"),
                argumentSet("a bare cooldown", "  autoScaling: {minCount: 1, maxCount: 2, targetTracking: [{metric: "
                        + "cpu, target: 5, scaleInCooldown: 30}]}\n", AS + ".targetTracking[0].scaleInCooldown",
                        "units are required"),
                argumentSet("unknown policy field", "  autoScaling: {minCount: 1, maxCount: 2, targetTracking: "
                        + "[{metric: cpu, target: 5, warmup: 1m}]}\n", AS + ".targetTracking[0].warmup",
                        "unknown field"),
                argumentSet("unknown adjustmentType", "  autoScaling: {minCount: 1, maxCount: 2, stepScaling: "
                        + "[{metric: cpu, adjustmentType: Double, steps: [{adjustment: 1}]}]}\n",
                        AS + ".stepScaling[0].adjustmentType", "must be one of ChangeInCapacity"),
                argumentSet("no steps", "  autoScaling: {minCount: 1, maxCount: 2, stepScaling: "
                        + "[{metric: cpu, adjustmentType: ChangeInCapacity}]}\n", AS + ".stepScaling[0].steps",
                        "is required"),
                argumentSet("overlapping steps", "  autoScaling: {minCount: 1, maxCount: 2, stepScaling: [{metric: "
                        + "cpu, adjustmentType: ChangeInCapacity, steps: [{lowerBound: 50, adjustment: 1}, "
                        + "{lowerBound: 70, upperBound: 90, adjustment: 2}]}]}\n", AS + ".stepScaling[0].steps[1]",
                        "overlaps steps[0]"),
                argumentSet("bounds the wrong way", "  autoScaling: {minCount: 1, maxCount: 2, stepScaling: [{metric: "
                        + "cpu, adjustmentType: ChangeInCapacity, steps: [{lowerBound: 90, upperBound: 50, "
                        + "adjustment: 1}]}]}\n", AS + ".stepScaling[0].steps[0].upperBound",
                        "must be greater than lowerBound"),
                argumentSet("negative exact capacity", "  autoScaling: {minCount: 1, maxCount: 2, stepScaling: "
                        + "[{metric: cpu, adjustmentType: ExactCapacity, steps: [{adjustment: -1}]}]}\n",
                        AS + ".stepScaling[0].steps[0].adjustment", "must be >= 0 with ExactCapacity"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void invalidSettingsNameTheirField(String extra, String path, String message) {
        ValidationResult result = parser.parse(service(extra), ManifestFormat.YAML).validation();

        assertThat(result.errors()).extracting(FieldError::path).containsExactly(path);
        assertThat(result.errors().getFirst().message()).contains(message);
    }
}
