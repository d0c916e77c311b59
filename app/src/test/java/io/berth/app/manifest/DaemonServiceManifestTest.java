package io.berth.app.manifest;

import io.berth.reconciler.model.SchedulingStrategy;
import io.berth.reconciler.model.ServiceSpec;
import io.berth.reconciler.scheduler.placement.PlacementConstraint;
import io.berth.reconciler.store.ServiceSpecJson;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** schedulingStrategy of a service: REPLICA by default, DAEMON with the fields ECS refuses for daemons refused. */
class DaemonServiceManifestTest {

    private static final String SPEC = "documents[0].spec";
    private final ManifestParser parser = new ManifestParser();

    private static String service(String extra) {
        return "apiVersion: berth/v1\nkind: Service\nmetadata: {name: agent}\nspec:\n  taskDefinition: agent\n" + extra;
    }

    private ServiceSpec read(String extra) {
        return ((ServiceDocument) parser.parse(service(extra), ManifestFormat.YAML).documentsOrThrow().getFirst()).spec();
    }

    private java.util.List<String> errors(String extra) {
        return parser.parse(service(extra), ManifestFormat.YAML).validation().errors().stream()
                .map(FieldError::toString).toList();
    }

    /** The JSON form of a manifest takes ECS's create-service field as it is, REPLICA and DAEMON alike. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(SchedulingStrategy.class)
    void theJsonFormAcceptsEcsSchedulingStrategy(SchedulingStrategy strategy) {
        String json = "{\"apiVersion\": \"berth/v1\", \"kind\": \"Service\", \"metadata\": {\"name\": \"agent\"},"
                + " \"spec\": {\"taskDefinition\": \"agent\", \"schedulingStrategy\": \"" + strategy + "\"}}";

        var spec = ((ServiceDocument) parser.parse(json, ManifestFormat.JSON).documentsOrThrow().getFirst()).spec();

        assertThat(spec.schedulingStrategy()).isEqualTo(strategy);
        assertThat(parser.parse(json.replace(strategy.name(), "daemon"), ManifestFormat.JSON).validation().errors())
                .extracting(FieldError::toString)
                .containsExactly(SPEC + ".schedulingStrategy: must be REPLICA or DAEMON, got \"daemon\"");
    }

    @Test
    void absentIsReplica() {
        assertThat(read("  desiredCount: 2\n").schedulingStrategy()).isEqualTo(SchedulingStrategy.REPLICA);
    }

    @Test
    void daemonKeepsConstraintsAndDefaultsMinimumHealthyToZero() {
        ServiceSpec spec = read("""
                  schedulingStrategy: DAEMON
                  placementConstraints:
                    - {type: memberOf, expression: "attribute:role == edge"}
                """);

        assertThat(spec.schedulingStrategy()).isEqualTo(SchedulingStrategy.DAEMON);
        assertThat(spec.desiredCount()).isZero();
        assertThat(spec.placement().constraints()).singleElement().isInstanceOf(PlacementConstraint.MemberOf.class);
        assertThat(spec.deployment().minimumHealthyPercent()).isZero();
        ServiceSpecJson json = new ServiceSpecJson();
        assertThat(json.fromJson(json.toJson(spec))).isEqualTo(spec);
    }

    @Test
    void aDeclaredMinimumHealthyIsKept() {
        ServiceSpec spec = read("  schedulingStrategy: DAEMON\n  deployment: {minimumHealthyPercent: 50}\n");

        assertThat(spec.deployment().minimumHealthyPercent()).isEqualTo(50);
    }

    @Test
    void desiredCountWithDaemonNamesTheField() {
        assertThat(errors("  schedulingStrategy: DAEMON\n  desiredCount: 3\n")).singleElement().asString()
                .startsWith(SPEC + ".desiredCount: is not allowed with schedulingStrategy DAEMON");
    }

    @Test
    void placementStrategyWithDaemonNamesTheField() {
        assertThat(errors("  schedulingStrategy: DAEMON\n  placementStrategy: [{type: binpack, field: memory}]\n"))
                .singleElement().asString()
                .startsWith(SPEC + ".placementStrategy: is not allowed with schedulingStrategy DAEMON");
    }

    @Test
    void theExampleIsAValidDaemon() throws java.io.IOException {
        String yaml = java.nio.file.Files.readString(java.nio.file.Path.of("..", "examples", "daemon.yaml"));
        ServiceSpec spec = parser.parse(yaml, ManifestFormat.YAML).documentsOrThrow().stream()
                .filter(ServiceDocument.class::isInstance).map(d -> ((ServiceDocument) d).spec()).findFirst().orElseThrow();

        assertThat(spec.isDaemon()).isTrue();
        assertThat(spec.deployment().minimumHealthyPercent()).isEqualTo(50);
    }

    @Test
    void anUnknownStrategyNamesTheField() {
        assertThat(errors("  schedulingStrategy: GLOBAL\n")).containsExactly(
                SPEC + ".schedulingStrategy: must be REPLICA or DAEMON, got \"GLOBAL\"");
    }
}
