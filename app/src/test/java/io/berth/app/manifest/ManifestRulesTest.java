package io.berth.app.manifest;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every validation rule, one table row each: the manifest must yield exactly the one expected error. */
class ManifestRulesTest {

    private static final String D0 = "documents[0]";
    private static final String C0 = D0 + ".spec.containers[0]";
    private static final String C1 = D0 + ".spec.containers[1]";

    private final ManifestParser parser = new ManifestParser();

    /** A TaskDefinition document whose spec is {@code spec} (YAML flow style). */
    static String td(String spec) {
        return "apiVersion: berth/v1\nkind: TaskDefinition\nmetadata: {name: web}\nspec: " + spec + "\n";
    }

    /** A TaskDefinition with one container: {@code fields} are added to a valid one. */
    static String container(String fields) {
        return td("{containers: [{name: c, image: 'busybox:1.36'" + (fields.isEmpty() ? "" : ", " + fields) + "}]}");
    }

    static String service(String metadata, String spec) {
        return "apiVersion: berth/v1\nkind: Service\nmetadata: " + metadata + "\nspec: " + spec + "\n";
    }

    static Stream<Arguments> invalid() {
        String eleven = IntStream.range(0, 11).mapToObj(i -> "{name: c" + i + ", image: i}")
                .collect(Collectors.joining(", ", "{containers: [", "]}"));
        return Stream.of(
                // containers
                arguments(container("memory: 2"), C0 + ".memory", "must be >= 4 MiB"),
                arguments(container("memoryReservation: 3"), C0 + ".memoryReservation", "must be >= 4 MiB"),
                arguments(container("memory: 64, memoryReservation: 128"), C0 + ".memoryReservation", "must be <= memory (64 MiB)"),
                arguments(container("cpu: -1"), C0 + ".cpu", "must be >= 0"),
                // upper bounds: sums over ten containers must not wrap an int negative and over-commit a host
                arguments(container("cpu: 2147483647"), C0 + ".cpu", "must be <= 1048576 CPU units"),
                arguments(container("memory: 2147483647"), C0 + ".memory", "must be <= 16777216 MiB"),
                arguments(container("memoryReservation: 2147483000"), C0 + ".memoryReservation", "must be <= 16777216 MiB"),
                arguments(td("{cpu: 1048577, containers: [{name: c, image: i}]}"), D0 + ".spec.cpu", "must be <= 1048576 CPU units"),
                arguments(td("{memory: 16777217, containers: [{name: c, image: i}]}"), D0 + ".spec.memory", "must be <= 16777216 MiB"),
                arguments(td("{containers: [{name: a, image: i}, {name: a, image: i}]}"), C1 + ".name", "duplicate container name \"a\""),
                arguments(td("{containers: [{name: a, image: i, essential: false}]}"), D0 + ".spec.containers", "at least one essential container"),
                arguments(td("{containers: []}"), D0 + ".spec.containers", "at least one container"),
                arguments(td(eleven), D0 + ".spec.containers", "at most 10 containers, got 11"),
                arguments(td("{containers: {name: a}}"), D0 + ".spec.containers", "must be a list of containers"),
                arguments(td("{}"), D0 + ".spec.containers", "is required"),
                arguments(td("{containers: [web]}"), C0, "must be an object, got a string"),
                arguments(td("{containers: [{name: c, image: '  '}]}"), C0 + ".image", "must not be blank"),
                arguments(td("{containers: [{name: c}]}"), C0 + ".image", "is required"),
                arguments(td("{containers: [{image: i}]}"), C0 + ".name", "is required"),
                arguments(td("{containers: [{name: web app, image: i}]}"), C0 + ".name", "must be 1-255 letters"),
                arguments(container("memory: '64'"), C0 + ".memory", "must be an integer, got a string"),
                arguments(container("memory: 1.5"), C0 + ".memory", "must be an integer, got the number 1.5"),
                arguments(container("memory: 99999999999"), C0 + ".memory", "a number out of range"),
                arguments(container("essential: yes"), C0 + ".essential", "must be true or false"),
                arguments(container("command: sleep"), C0 + ".command", "must be a list of strings"),
                arguments(container("command: [sleep, {a: 1}]"), C0 + ".command[1]", "must be a string, got an object"),
                arguments(container("colour: red"), C0 + ".colour", "unknown field (allowed: name, image,"),
                // ports
                arguments(container("portMappings: [{containerPort: 0}]"), C0 + ".portMappings[0].containerPort", "between 1 and 65535"),
                arguments(container("portMappings: [{containerPort: 65536}]"), C0 + ".portMappings[0].containerPort", "between 1 and 65535"),
                arguments(container("portMappings: [{hostPort: 80}]"), C0 + ".portMappings[0].containerPort", "is required"),
                arguments(container("portMappings: [{containerPort: 80, hostPort: 65536}]"), C0 + ".portMappings[0].hostPort", "between 0 (dynamic) and 65535"),
                arguments(container("portMappings: [{containerPort: 80, hostPort: -1}]"), C0 + ".portMappings[0].hostPort", "between 0 (dynamic) and 65535"),
                arguments(container("portMappings: [{containerPort: 80, protocol: sctp}]"), C0 + ".portMappings[0].protocol", "must be tcp or udp"),
                arguments(container("portMappings: [{containerPort: 80, protocol: TCP}]"), C0 + ".portMappings[0].protocol", "must be tcp or udp"),
                arguments(container("portMappings: [{containerPort: 80, name: http}]"), C0 + ".portMappings[0].name", "unknown field"),
                arguments(td("{containers: [{name: a, image: i, portMappings: [{containerPort: 80, hostPort: 8080}]},"
                                + " {name: b, image: i, portMappings: [{containerPort: 81, hostPort: 8080}]}]}"),
                        C1 + ".portMappings[0].hostPort", "host port 8080/tcp is already used by " + C0 + ".portMappings[0].hostPort"),
                // health checks
                arguments(container("healthCheck: {command: [CMD, 'true'], interval: 5}"), C0 + ".healthCheck.interval", "units are required"),
                arguments(container("healthCheck: {command: [CMD, 'true'], timeout: '5 s'}"), C0 + ".healthCheck.timeout", "must be a duration like"),
                arguments(container("healthCheck: {command: [CMD, 'true'], startPeriod: 30s1m}"), C0 + ".healthCheck.startPeriod", "largest first"),
                arguments(container("healthCheck: {command: [CMD, 'true'], interval: 0s}"), C0 + ".healthCheck.interval", "must be > 0"),
                arguments(container("healthCheck: {command: [CMD, 'true'], retries: 0}"), C0 + ".healthCheck.retries", "between 1 and 10"),
                arguments(container("healthCheck: {interval: 5s}"), C0 + ".healthCheck.command", "is required"),
                arguments(container("healthCheck: {command: ['true']}"), C0 + ".healthCheck.command", "must start with \"CMD\" or \"CMD-SHELL\""),
                arguments(container("healthCheck: {command: [CMD-SHELL]}"), C0 + ".healthCheck.command", "must name what to run"),
                arguments(container("healthCheck: {command: [CMD, 'true'], grace: 5s}"), C0 + ".healthCheck.grace", "unknown field"),
                // environment
                arguments(container("environment: [{name: A, value: '1'}, {name: A, value: '2'}]"), C0 + ".environment[1].name", "duplicate environment variable \"A\""),
                arguments(container("environment: [{name: A, valueFrom: x}]"), C0 + ".environment[0].valueFrom", "unknown field"),
                arguments(container("environment: [{value: x}]"), C0 + ".environment[0].name", "is required"),
                arguments(container("environment: {'A=B': x}"), C0 + ".environment.A=B", "contain no '='"),
                arguments(container("environment: {A: [1]}"), C0 + ".environment.A", "must be a string, got a list"),
                arguments(container("environment: A=B"), C0 + ".environment", "must be a map of names to values or a list"),
                // task level
                arguments(td("{memory: 2, containers: [{name: c, image: i}]}"), D0 + ".spec.memory", "must be >= 4 MiB"),
                arguments(td("{memory: 64, containers: [{name: c, image: i, memory: 128}]}"), C0 + ".memory", "must be <= the task's memory (64 MiB)"),
                arguments(td("{containers: [{name: c, image: i}], colour: red}"), D0 + ".spec.colour", "unknown field (allowed: containers, cpu, memory, networkMode, volumes, tags, placementConstraints)"),
                arguments(container("").replace("{name: web}", "{name: web, cluster: prod}"), D0 + ".metadata.cluster", "is not allowed"),
                arguments(container("").replace("{name: web}", "{name: -web}"), D0 + ".metadata.name", "starting with a letter or digit"),
                arguments(container("").replace("{name: web}", "{labels: {a: b}}"), D0 + ".metadata.name", "is required"),
                arguments(container("").replace("{name: web}", "{name: web, namespace: x}"), D0 + ".metadata.namespace", "unknown field"),
                // documents
                arguments(container("").replace("berth/v1", "v1"), D0 + ".apiVersion", "must be berth/v1, got \"v1\""),
                arguments(container("").replace("TaskDefinition", "Deployment"), D0 + ".kind", "must be TaskDefinition, Service, ContainerInstance, TargetGroup, LoadBalancer, ScheduledTask, Role, Secret or Config"),
                arguments(container("").replace("kind: TaskDefinition\n", ""), D0 + ".kind", "is required"),
                arguments(container("") + "status: {}\n", D0 + ".status", "unknown field"),
                arguments("apiVersion: berth/v1\nkind: TaskDefinition\nmetadata: {name: web}\n", D0 + ".spec", "is required"),
                arguments("hello\n", D0, "must be an object, got a string"),
                arguments(container("") + "---\n" + container(""), "documents[1].metadata.name", "duplicate TaskDefinition \"web\" (also in documents[0])"),
                // services
                arguments(service("{name: s}", "{taskDefinition: web, desiredCount: -1}"), D0 + ".spec.desiredCount", "must be >= 0"),
                arguments(service("{name: s}", "{taskDefinition: web, desiredCount: '3'}"), D0 + ".spec.desiredCount", "must be an integer"),
                arguments(service("{name: s}", "{desiredCount: 1}"), D0 + ".spec.taskDefinition", "is required"),
                arguments(service("{name: s, cluster: my cluster}", "{taskDefinition: web}"), D0 + ".metadata.cluster", "must be 1-255 letters"),
                arguments(service("{name: s, labels: [a]}", "{taskDefinition: web}"), D0 + ".metadata.labels", "must be a map of strings"),
                arguments(service("{name: s, labels: {team: " + "x".repeat(257) + "}}", "{taskDefinition: web}"), D0 + ".metadata.labels.team", "at most 256"),
                arguments(service("{name: s}", "{taskDefinition: web, launchType: EC2}"), D0 + ".spec.launchType", "unknown field"),
                arguments(service("{name: s}", "{taskDefinition: web}") + "---\n" + service("{name: s, cluster: default}", "{taskDefinition: web}"),
                        "documents[1].metadata.name", "duplicate Service \"s\" in cluster \"default\""));
    }

    @ParameterizedTest
    @MethodSource
    void invalid(String manifest, String path, String message) {
        ValidationResult result = parser.parse(manifest, ManifestFormat.YAML).validation();

        assertThat(result.errors()).as(manifest).hasSize(1);
        assertThat(result.errors().getFirst().path()).isEqualTo(path);
        assertThat(result.errors().getFirst().message()).contains(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"web", "web:1", "web:42", "Web_2-x", "a"})
    void acceptsTaskDefinitionReferences(String ref) {
        assertThat(parser.parse(service("{name: s}", "{taskDefinition: '" + ref + "'}"), ManifestFormat.YAML)
                .validation().isValid()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"web:0", "web:", ":3", "web:x", "web:1:2", "web:-1", "-web", "web:9999999999"})
    void rejectsTaskDefinitionReferences(String ref) {
        ValidationResult result = parser.parse(service("{name: s}", "{taskDefinition: '" + ref + "'}"), ManifestFormat.YAML)
                .validation();

        assertThat(result.errors()).extracting(FieldError::path).containsExactly(D0 + ".spec.taskDefinition");
    }

    static Stream<String> valid() {
        return Stream.of(
                td("{containers: [{name: a, image: i, portMappings: [{containerPort: 53, hostPort: 53, protocol: udp}]},"
                        + " {name: b, image: i, portMappings: [{containerPort: 53, hostPort: 53, protocol: tcp}]}]}"),
                td("{containers: [{name: a, image: i, portMappings: [{containerPort: 80}, {containerPort: 81, hostPort: 0}]},"
                        + " {name: b, image: i, portMappings: [{containerPort: 80}]}]}"),
                td("{containers: [{name: a, image: i, essential: false}, {name: b, image: i}]}"),
                container("memory: 4, memoryReservation: 4, cpu: 0"),
                container("cpu: null, memory: null"),
                container("healthCheck: {command: [CMD-SHELL, 'exit 0'], interval: 1m30s, timeout: 500ms, startPeriod: 0s, retries: 10}"),
                td("{containers: [" + IntStream.range(0, 10).mapToObj(i -> "{name: c" + i + ", image: i}")
                        .collect(Collectors.joining(", ")) + "]}"),
                service("{name: s}", "{taskDefinition: web}") + "---\n" + service("{name: s, cluster: other}", "{taskDefinition: web}"),
                service("{name: s}", "{taskDefinition: web, desiredCount: 0}"));
    }

    @ParameterizedTest
    @MethodSource
    void valid(String manifest) {
        assertThat(parser.parse(manifest, ManifestFormat.YAML).validation().errors()).isEmpty();
    }
}
