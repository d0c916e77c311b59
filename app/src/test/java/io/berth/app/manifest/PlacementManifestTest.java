package io.berth.app.manifest;

import io.berth.reconciler.scheduler.placement.Placement;
import io.berth.reconciler.scheduler.placement.PlacementConstraint;
import io.berth.reconciler.scheduler.placement.PlacementStrategy;
import io.berth.reconciler.store.ServiceSpecJson;
import io.berth.reconciler.store.SpecJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/** placementStrategy and placementConstraints of services and task definitions: read, checked, stored. */
class PlacementManifestTest {

    private static final String SPEC = "documents[0].spec";
    private final ManifestParser parser = new ManifestParser();

    private static String service(String extra) {
        return "apiVersion: berth/v1\nkind: Service\nmetadata: {name: web}\nspec:\n  taskDefinition: web\n" + extra;
    }

    private static String taskDefinition(String extra) {
        return "apiVersion: berth/v1\nkind: TaskDefinition\nmetadata: {name: web}\nspec:\n"
                + "  containers: [{name: c, image: 'busybox:1.36'}]\n" + extra;
    }

    @Test
    void readsStrategiesAndConstraintsInOrder() {
        ServiceDocument doc = (ServiceDocument) parser.parse(service("""
                  placementStrategy:
                    - {type: spread, field: "attribute:zone"}
                    - {type: binpack, field: memory}
                    - {type: spread, field: host}
                    - {type: random}
                  placementConstraints:
                    - {type: distinctInstance}
                    - {type: memberOf, expression: "attribute:zone in [a, b] and not(task:group == service:db)"}
                """), ManifestFormat.YAML).documentsOrThrow().getFirst();

        Placement p = doc.spec().placement();
        assertThat(p.strategies()).containsExactly(new PlacementStrategy.Spread("zone"),
                new PlacementStrategy.Binpack(PlacementStrategy.Resource.MEMORY), PlacementStrategy.Spread.INSTANCES,
                new PlacementStrategy.Random());
        assertThat(p.constraints()).hasSize(2).first().isEqualTo(new PlacementConstraint.DistinctInstance());
        assertThat(p.constraints().get(1).expression()).isEqualTo("attribute:zone in [a, b] and not(task:group == service:db)");

        ServiceSpecJson json = new ServiceSpecJson();
        assertThat(json.fromJson(json.toJson(doc.spec()))).isEqualTo(doc.spec());
    }

    @Test
    void absentMeansTheDefaultAndIsNotStored() {
        ServiceDocument doc = (ServiceDocument) parser.parse(service(""), ManifestFormat.YAML).documentsOrThrow().getFirst();

        assertThat(doc.spec().placement()).isEqualTo(Placement.SERVICE_DEFAULT);
        assertThat(new ServiceSpecJson().toJson(doc.spec())).doesNotContain("placement");
    }

    @Test
    void taskDefinitionConstraintsAreStoredAndChangeTheRevisionHash() {
        TaskDefinitionDocument with = (TaskDefinitionDocument) parser.parse(taskDefinition(
                "  placementConstraints: [{type: memberOf, expression: 'attribute:berth.os == linux'}]\n"),
                ManifestFormat.YAML).documentsOrThrow().getFirst();
        TaskDefinitionDocument without = (TaskDefinitionDocument) parser.parse(taskDefinition(""), ManifestFormat.YAML)
                .documentsOrThrow().getFirst();

        SpecJson json = new SpecJson();
        assertThat(json.fromJson(json.toJson(with.spec()))).isEqualTo(with.spec());
        assertThat(json.hash(with.spec())).isNotEqualTo(json.hash(without.spec()));
        assertThat(json.toJson(without.spec())).doesNotContain("placement");
    }

    static Stream<Arguments> invalid() {
        String six = "  placementStrategy: [" + String.join(", ", List.of("{type: random}", "{type: random}",
                "{type: random}", "{type: random}", "{type: random}", "{type: random}")) + "]\n";
        return Stream.of(
                argumentSet("unknown strategy", service("  placementStrategy: [{type: pack}]\n"),
                        SPEC + ".placementStrategy[0].type", "must be binpack, spread or random, got \"pack\""),
                argumentSet("binpack on ports", service("  placementStrategy: [{type: binpack, field: ports}]\n"),
                        SPEC + ".placementStrategy[0].field", "binpack needs field cpu or memory, got \"ports\""),
                argumentSet("spread without field", service("  placementStrategy: [{type: spread}]\n"),
                        SPEC + ".placementStrategy[0].field", "spread needs field instanceId, host or attribute:NAME"),
                argumentSet("random with a field", service("  placementStrategy: [{type: random, field: cpu}]\n"),
                        SPEC + ".placementStrategy[0].field", "random takes no field"),
                argumentSet("six strategies", service(six), SPEC + ".placementStrategy", "at most 5 strategies, got 6"),
                argumentSet("not a list", service("  placementStrategy: {type: random}\n"),
                        SPEC + ".placementStrategy", "must be a list of {type, field}"),
                argumentSet("unknown field in a strategy", service("  placementStrategy: [{type: random, weight: 2}]\n"),
                        SPEC + ".placementStrategy[0].weight", "unknown field"),
                argumentSet("bad expression: the column is named",
                        service("  placementConstraints: [{type: memberOf, expression: 'attribute:zone = a'}]\n"),
                        SPEC + ".placementConstraints[1 - 1].expression".replace("1 - 1", "0"),
                        "column 16: unknown operator '='"),
                argumentSet("memberOf without expression", service("  placementConstraints: [{type: memberOf}]\n"),
                        SPEC + ".placementConstraints[0].expression", "is required for memberOf"),
                argumentSet("distinctInstance with expression",
                        service("  placementConstraints: [{type: distinctInstance, expression: x}]\n"),
                        SPEC + ".placementConstraints[0].expression", "takes no expression"),
                argumentSet("unknown constraint", service("  placementConstraints: [{type: spreadOut}]\n"),
                        SPEC + ".placementConstraints[0].type", "must be distinctInstance or memberOf"),
                argumentSet("distinctInstance in a task definition",
                        taskDefinition("  placementConstraints: [{type: distinctInstance}]\n"),
                        SPEC + ".placementConstraints[0].type", "allows only memberOf"),
                argumentSet("bad expression in a task definition",
                        taskDefinition("  placementConstraints: [{type: memberOf, expression: 'attribute:zone in [a'}]\n"),
                        SPEC + ".placementConstraints[0].expression", "column 21: expected ',' or ']'"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void rejects(String manifest, String path, String message) {
        ValidationResult result = parser.parse(manifest, ManifestFormat.YAML).validation();

        assertThat(result.errors()).hasSize(1);
        assertThat(result.errors().getFirst().path()).isEqualTo(path);
        assertThat(result.errors().getFirst().message()).contains(message);
    }
}
