package io.berth.app.manifest;

import io.berth.reconciler.model.ContainerDependency;
import io.berth.reconciler.model.PortMapping;
import io.berth.reconciler.model.TaskDefinitionSpec;
import io.berth.reconciler.model.TaskOptions;
import io.berth.reconciler.store.SpecJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.stream.Stream;

import static io.berth.app.manifest.ManifestRulesTest.td;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Task networkMode, volumes and tags, and the container fields that refer to them or to each other. */
class TaskOptionsManifestTest {

    private static final String S = "documents[0].spec";
    private static final String C0 = S + ".containers[0]";
    private static final String C1 = S + ".containers[1]";

    private final ManifestParser parser = new ManifestParser();

    private TaskDefinitionSpec spec(String yamlSpec) {
        ParsedManifest parsed = parser.parse(td(yamlSpec), ManifestFormat.YAML);
        assertThat(parsed.validation().errors()).isEmpty();
        return ((TaskDefinitionDocument) parsed.documents().getFirst()).spec();
    }

    @Test
    void readsVolumesNetworkModeTagsAndRoundTrips() {
        TaskDefinitionSpec spec = spec("""
                {networkMode: bridge, tags: {team: web},
                 volumes: [{name: data, dockerVolumeConfiguration: {scope: shared, autoprovision: true, driver: local,
                            driverOpts: {type: tmpfs}, labels: {a: b}}},
                           {name: logs, host: {sourcePath: /var/log/app}}, {name: scratch}],
                 containers: [
                   {name: front, image: i, links: ['back:api'], volumesFrom: [{sourceContainer: back, readOnly: true}],
                    mountPoints: [{sourceVolume: data, containerPath: /data}, {sourceVolume: logs, containerPath: /logs, readOnly: true}]},
                   {name: back, image: i, mountPoints: [{sourceVolume: scratch, containerPath: /tmp/s}]}]}
                """.replace("\n", " "));

        TaskOptions o = spec.options();
        assertThat(o.tags()).isEqualTo(Map.of("team", "web"));
        assertThat(o.volumes()).containsExactly(
                new TaskOptions.Volume("data", null, new TaskOptions.DockerVolume("shared", true, "local",
                        Map.of("type", "tmpfs"), Map.of("a", "b"))),
                new TaskOptions.Volume("logs", "/var/log/app", null),
                new TaskOptions.Volume("scratch", null, null));
        assertThat(spec.containers().getFirst().options().links()).containsExactly("back:api");
        SpecJson json = new SpecJson();
        assertThat(json.fromJson(json.toJson(spec))).isEqualTo(spec);
    }

    @Test
    void readsDependsOn() {
        TaskDefinitionSpec spec = spec("{containers: [{name: app, image: i, startTimeout: 1m, dependsOn: ["
                + "{containerName: migrate, condition: SUCCESS}]}, {name: migrate, image: i, essential: false}]}");

        assertThat(spec.containers().getFirst().options().dependsOn()).containsExactly(
                new ContainerDependency("migrate", ContainerDependency.Condition.SUCCESS));
        assertThat(spec.containers().getFirst().options().startTimeout()).isEqualTo(java.time.Duration.ofMinutes(1));
    }

    @Test
    void hostModeUsesTheContainerPortOnTheHost() {
        TaskDefinitionSpec spec = spec("{networkMode: host, containers: [{name: c, image: i, portMappings: [{containerPort: 8080}]}]}");

        assertThat(spec.options().networkMode()).isEqualTo(TaskOptions.NetworkMode.HOST);
        assertThat(spec.containers().getFirst().portMappings()).containsExactly(new PortMapping(8080, 8080, "tcp"));
    }

    static Stream<Arguments> invalid() {
        String two = "{containers: [{name: a, image: i%s}, {name: b, image: i%s}]%s}";
        return Stream.of(
                arguments("{networkMode: awsvpc, containers: [{name: c, image: i}]}", S + ".networkMode", "awsvpc"),
                arguments("{networkMode: nat, containers: [{name: c, image: i}]}", S + ".networkMode", "must be bridge, host or none"),
                arguments("{networkMode: none, containers: [{name: c, image: i, portMappings: [{containerPort: 80}]}]}",
                        C0 + ".portMappings", "networkMode none has no ports"),
                arguments("{networkMode: host, containers: [{name: c, image: i, portMappings: [{containerPort: 80, hostPort: 81}]}]}",
                        C0 + ".portMappings[0].hostPort", "must equal containerPort (80)"),
                arguments("{networkMode: host, containers: [{name: c, image: i, hostname: x}]}", C0 + ".hostname", "networkMode host"),
                arguments(two.formatted(", links: [b]", "", ", networkMode: none"), C0 + ".links", "need networkMode bridge"),
                arguments(two.formatted(", links: [c]", "", ""), C0 + ".links[0]", "no container named \"c\""),
                arguments(two.formatted(", links: [a]", "", ""), C0 + ".links[0]", "cannot link to itself"),
                arguments(two.formatted(", links: ['b:bad alias']", "", ""), C0 + ".links[0]", "alias must be a valid host name"),
                arguments(two.formatted(", volumesFrom: [{sourceContainer: z}]", "", ""), C0 + ".volumesFrom[0].sourceContainer", "no container named \"z\""),
                arguments(two.formatted(", volumesFrom: [{sourceContainer: a}]", "", ""), C0 + ".volumesFrom[0].sourceContainer", "its own volumes"),
                arguments(two.formatted(", volumesFrom: [{sourceContainer: b}]", ", volumesFrom: [{sourceContainer: a}]", ""),
                        S + ".containers", "volumesFrom forms a cycle: a -> b -> a"),
                arguments(two.formatted(", mountPoints: [{sourceVolume: v, containerPath: /v}]", "", ""), C0 + ".mountPoints[0].sourceVolume", "no volume named \"v\""),
                arguments(two.formatted(", mountPoints: [{sourceVolume: v, containerPath: v}]", "", ", volumes: [{name: v}]"), C0 + ".mountPoints[0].containerPath", "absolute path"),
                arguments(two.formatted(", mountPoints: [{sourceVolume: v, containerPath: /v}, {sourceVolume: v, containerPath: /v}]", "", ", volumes: [{name: v}]"),
                        C0 + ".mountPoints[1].containerPath", "already mounted"),
                arguments(two.formatted("", "", ", volumes: [{name: v}, {name: v}]"), S + ".volumes[1].name", "duplicate volume name"),
                arguments(two.formatted("", "", ", volumes: [{name: v, host: {sourcePath: rel}}]"), S + ".volumes[0].host.sourcePath", "absolute path"),
                arguments(two.formatted("", "", ", volumes: [{name: v, host: {sourcePath: /x}, dockerVolumeConfiguration: {}}]"), S + ".volumes[0]", "not both"),
                arguments(two.formatted("", "", ", volumes: [{name: v, dockerVolumeConfiguration: {scope: global}}]"), S + ".volumes[0].dockerVolumeConfiguration.scope", "task or shared"),
                arguments(two.formatted("", "", ", volumes: [{name: v, dockerVolumeConfiguration: {autoprovision: true}}]"), S + ".volumes[0].dockerVolumeConfiguration.autoprovision", "shared volumes only"),
                arguments(two.formatted("", "", ", volumes: [{name: v, efsVolumeConfiguration: {}}]"), S + ".volumes[0].efsVolumeConfiguration", "unknown field"),
                arguments(two.formatted("", "", ", tags: [a]"), S + ".tags", "must be a map"),
                // dependsOn
                arguments(two.formatted(", dependsOn: [{containerName: z, condition: START}]", "", ""), C0 + ".dependsOn[0].containerName", "no container named \"z\""),
                arguments(two.formatted(", dependsOn: [{containerName: a, condition: START}]", "", ""), C0 + ".dependsOn[0].containerName", "cannot depend on itself"),
                arguments(two.formatted(", dependsOn: [{containerName: b, condition: READY}]", "", ""), C0 + ".dependsOn[0].condition", "must be START, COMPLETE, SUCCESS or HEALTHY"),
                arguments(two.formatted(", dependsOn: [{containerName: b}]", "", ""), C0 + ".dependsOn[0].condition", "is required"),
                arguments(two.formatted(", dependsOn: [{containerName: b, condition: START}]", ", dependsOn: [{containerName: a, condition: START}]", ""),
                        S + ".containers", "dependsOn forms a cycle: a -> b -> a"),
                arguments(two.formatted(", dependsOn: [{containerName: b, condition: SUCCESS}]", "", ""), C0 + ".dependsOn[0].condition", "but it is essential"),
                arguments(two.formatted(", dependsOn: [{containerName: b, condition: HEALTHY}]", "", ""), C0 + ".dependsOn[0].condition", "HEALTHY needs a healthCheck on b"),
                arguments(two.formatted(", startTimeout: 0s", "", ""), C0 + ".startTimeout", "must be > 0"));
    }

    @ParameterizedTest
    @MethodSource
    void invalid(String yamlSpec, String path, String message) {
        ValidationResult result = parser.parse(td(yamlSpec), ManifestFormat.YAML).validation();

        assertThat(result.errors()).as(yamlSpec).hasSize(1);
        assertThat(result.errors().getFirst().path()).isEqualTo(path);
        assertThat(result.errors().getFirst().message()).contains(message);
    }
}
