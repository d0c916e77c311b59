package io.berth.app.manifest;

import io.berth.reconciler.model.ContainerOptions;
import io.berth.reconciler.model.TaskDefinitionSpec;
import io.berth.reconciler.store.SpecJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.berth.app.manifest.ManifestRulesTest.container;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The ECS container-definition fields beyond the basics: how they are read, and every rule on them. */
class ContainerOptionsManifestTest {

    private static final String C0 = "documents[0].spec.containers[0]";

    private final ManifestParser parser = new ManifestParser();

    private ContainerOptions read(String fields) {
        ParsedManifest parsed = parser.parse(container(fields), ManifestFormat.YAML);
        assertThat(parsed.validation().errors()).isEmpty();
        return ((TaskDefinitionDocument) parsed.documents().getFirst()).spec().containers().getFirst().options();
    }

    @Test
    void readsEveryField() {
        ContainerOptions o = read("""
                repositoryCredentials: {credentialsParameter: private-registry},
                workingDirectory: /srv, dockerLabels: {team: web}, user: '1000:1000',
                ulimits: [{name: nofile, softLimit: 1024, hardLimit: 4096}],
                linuxParameters: {initProcessEnabled: true, capabilities: {add: [NET_ADMIN], drop: [MKNOD]}},
                readonlyRootFilesystem: true, privileged: true, stopTimeout: 20s,
                logConfiguration: {logDriver: local, options: {max-size: 10m}},
                hostname: web, extraHosts: [{hostname: db, ipAddress: 198.18.0.5}], dnsServers: [198.18.0.53]
                """.replace("\n", " "));

        assertThat(o.credentialsParameter()).isEqualTo("private-registry");
        assertThat(o.workingDirectory()).isEqualTo("/srv");
        assertThat(o.dockerLabels()).isEqualTo(Map.of("team", "web"));
        assertThat(o.user()).isEqualTo("1000:1000");
        assertThat(o.ulimits()).containsExactly(new ContainerOptions.Ulimit("nofile", 1024, 4096));
        assertThat(o.initProcessEnabled()).isTrue();
        assertThat(o.capabilitiesAdd()).containsExactly("NET_ADMIN");
        assertThat(o.capabilitiesDrop()).containsExactly("MKNOD");
        assertThat(o.readonlyRootFilesystem()).isTrue();
        assertThat(o.privileged()).isTrue();
        assertThat(o.stopTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(o.logConfiguration()).isEqualTo(new ContainerOptions.LogConfiguration("local", Map.of("max-size", "10m")));
        assertThat(o.hostname()).isEqualTo("web");
        assertThat(o.extraHosts()).containsExactly(new ContainerOptions.HostEntry("db", "198.18.0.5"));
        assertThat(o.dnsServers()).containsExactly("198.18.0.53");
    }

    @Test
    void storedFormRoundTripsAndLeavesOldSpecsUnchanged() {
        ParsedManifest parsed = parser.parse(container("user: nobody, stopTimeout: 5s, privileged: true,"
                + " linuxParameters: {capabilities: {add: [SYS_TIME]}}, ulimits: [{name: nproc, softLimit: 10, hardLimit: 20}]"),
                ManifestFormat.YAML);
        TaskDefinitionSpec spec = ((TaskDefinitionDocument) parsed.documents().getFirst()).spec();
        SpecJson json = new SpecJson();

        assertThat(json.fromJson(json.toJson(spec))).isEqualTo(spec);
        TaskDefinitionSpec plain = ((TaskDefinitionDocument) parser.parse(container(""), ManifestFormat.YAML)
                .documents().getFirst()).spec();
        // No option set = the exact text stored before options existed: hashes of old revisions stay valid.
        assertThat(json.toJson(plain)).isEqualTo("{\"containers\":[{\"essential\":true,\"image\":\"busybox:1.36\",\"name\":\"c\"}]}");
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                arguments("repositoryCredentials: {}", C0 + ".repositoryCredentials.credentialsParameter", "is required"),
                arguments("repositoryCredentials: {credentialsParameter: ''}", C0 + ".repositoryCredentials.credentialsParameter", "must name a stored credential"),
                arguments("repositoryCredentials: {credentialsParameter: a, arn: x}", C0 + ".repositoryCredentials.arn", "unknown field"),
                arguments("workingDirectory: srv", C0 + ".workingDirectory", "must be an absolute path"),
                arguments("user: 'a b'", C0 + ".user", "without spaces"),
                arguments("dockerLabels: {berth.task-id: x}", C0 + ".dockerLabels.berth.task-id", "reserved for Berth"),
                arguments("ulimits: [{name: files, softLimit: 1, hardLimit: 2}]", C0 + ".ulimits[0].name", "must be one of"),
                arguments("ulimits: [{name: nofile, softLimit: 5, hardLimit: 2}]", C0 + ".ulimits[0].softLimit", "must be <= hardLimit (2)"),
                arguments("ulimits: [{name: nofile, hardLimit: 2}]", C0 + ".ulimits[0].softLimit", "is required"),
                arguments("ulimits: [{name: nofile, softLimit: 1, hardLimit: 2}, {name: nofile, softLimit: 1, hardLimit: 2}]", C0 + ".ulimits[1].name", "duplicate ulimit"),
                arguments("linuxParameters: {capabilities: {add: [FLY]}}", C0 + ".linuxParameters.capabilities.add[0]", "unknown Linux capability \"FLY\""),
                arguments("linuxParameters: {capabilities: {drop: [NOPE]}}", C0 + ".linuxParameters.capabilities.drop[0]", "unknown Linux capability"),
                arguments("linuxParameters: {devices: []}", C0 + ".linuxParameters.devices", "unknown field"),
                arguments("linuxParameters: {initProcessEnabled: 1}", C0 + ".linuxParameters.initProcessEnabled", "must be true or false"),
                arguments("privileged: 'yes'", C0 + ".privileged", "must be true or false"),
                arguments("stopTimeout: 30", C0 + ".stopTimeout", "units are required"),
                arguments("stopTimeout: 5m", C0 + ".stopTimeout", "at most 120 seconds"),
                arguments("logConfiguration: {logDriver: awslogs}", C0 + ".logConfiguration.logDriver", "must be one of [json-file, local]"),
                arguments("logConfiguration: {options: {}}", C0 + ".logConfiguration.logDriver", "is required"),
                arguments("hostname: 'web_1'", C0 + ".hostname", "valid host name"),
                arguments("extraHosts: [{hostname: db, ipAddress: nowhere}]", C0 + ".extraHosts[0].ipAddress", "must be an IP address"),
                arguments("extraHosts: [{ipAddress: 198.18.0.1}]", C0 + ".extraHosts[0].hostname", "is required"),
                arguments("dnsServers: [dns.example]", C0 + ".dnsServers[0]", "must be an IP address"));
    }

    @ParameterizedTest
    @MethodSource
    void invalid(String fields, String path, String message) {
        ValidationResult result = parser.parse(container(fields), ManifestFormat.YAML).validation();

        assertThat(result.errors()).as(fields).hasSize(1);
        assertThat(result.errors().getFirst().path()).isEqualTo(path);
        assertThat(result.errors().getFirst().message()).contains(message);
    }

    @Test
    void everyBadFieldIsNamedAtOnce() {
        ValidationResult result = parser.parse(container("user: 'a b', hostname: '-x', dnsServers: [y]"),
                ManifestFormat.YAML).validation();

        assertThat(result.errors()).extracting(FieldError::path)
                .containsExactlyInAnyOrder(C0 + ".user", C0 + ".hostname", C0 + ".dnsServers[0]");
        assertThat(List.of(result.errors().size())).containsExactly(3);
    }
}
