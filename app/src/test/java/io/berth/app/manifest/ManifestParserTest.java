package io.berth.app.manifest;

import io.berth.reconciler.model.ContainerDefinition;
import io.berth.reconciler.model.HealthCheck;
import io.berth.reconciler.model.PortMapping;
import io.berth.reconciler.model.ServiceSpec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading manifests: formats, the example, defaults and syntax errors. Rules are in {@link ManifestRulesTest}. */
class ManifestParserTest {

    static final String EXAMPLE = """
            apiVersion: berth/v1
            kind: TaskDefinition
            metadata: {name: web}
            spec:
              containers:
                - name: httpd
                  image: busybox:1.36
                  command: [httpd, -f, -p, "8080", -h, /www]
                  cpu: 128
                  memory: 64
                  essential: true
                  portMappings: [{containerPort: 8080, hostPort: 0}]
                  healthCheck: {command: [CMD-SHELL, "wget -q -O- localhost:8080"], interval: 5s, timeout: 2s, retries: 3, startPeriod: 1s}
            ---
            apiVersion: berth/v1
            kind: Service
            metadata: {name: web, cluster: default, labels: {team: a}}
            spec:
              taskDefinition: web     # or web:3
              desiredCount: 3
            """;

    private final ManifestParser parser = new ManifestParser();

    private List<ManifestDocument> parse(String yaml) {
        return parser.parse(yaml, ManifestFormat.YAML).documentsOrThrow();
    }

    @Test
    void readsTheExample() {
        List<ManifestDocument> documents = parse(EXAMPLE);

        assertThat(documents).hasSize(2);
        TaskDefinitionDocument td = (TaskDefinitionDocument) documents.get(0);
        assertThat(td.name()).isEqualTo("web");
        assertThat(td.labels()).isEmpty();
        assertThat(td.spec().cpu()).isNull();
        assertThat(td.spec().containers()).containsExactly(new ContainerDefinition("httpd", "busybox:1.36",
                List.of("httpd", "-f", "-p", "8080", "-h", "/www"), List.of(), Map.of(), 128, 64, null, true,
                List.of(new PortMapping(8080, 0, "tcp")),
                new HealthCheck(List.of("CMD-SHELL", "wget -q -O- localhost:8080"), Duration.ofSeconds(5),
                        Duration.ofSeconds(2), 3, Duration.ofSeconds(1))));
        assertThat(documents.get(1)).isEqualTo(
                new ServiceDocument("web", "default", Map.of("team", "a"), new ServiceSpec("web", 3)));
    }

    @Test
    void appliesEcsDefaults() {
        List<ManifestDocument> documents = parse("""
                apiVersion: berth/v1
                kind: TaskDefinition
                metadata: {name: app}
                spec:
                  cpu: 256
                  memory: 512
                  containers:
                    - name: c
                      image: busybox:1.36
                      command: [sleep, 10]
                      portMappings: [{containerPort: 53, protocol: udp}, {containerPort: 80, hostPort: 8080}]
                      healthCheck: {command: [CMD, "true"]}
                ---
                apiVersion: berth/v1
                kind: Service
                metadata: {name: app}
                spec: {taskDefinition: "app:2"}
                """);

        ContainerDefinition c = ((TaskDefinitionDocument) documents.get(0)).spec().containers().getFirst();
        assertThat(((TaskDefinitionDocument) documents.get(0)).spec().cpu()).isEqualTo(256);
        assertThat(c.essential()).isTrue();
        assertThat(c.command()).containsExactly("sleep", "10");
        assertThat(c.portMappings()).containsExactly(new PortMapping(53, 0, "udp"), new PortMapping(80, 8080, "tcp"));
        assertThat(c.healthCheck()).isEqualTo(new HealthCheck(List.of("CMD", "true"), Duration.ofSeconds(30),
                Duration.ofSeconds(5), 3, Duration.ZERO));
        assertThat(documents.get(1)).isEqualTo(new ServiceDocument("app", "default", Map.of(), new ServiceSpec("app:2", 1)));
    }

    @Test
    void readsEnvironmentAsMapAndAsEcsList() {
        List<ManifestDocument> documents = parse("""
                apiVersion: berth/v1
                kind: TaskDefinition
                metadata: {name: env}
                spec:
                  containers:
                    - name: map
                      image: busybox:1.36
                      environment: {PORT: 8080, MODE: prod, DEBUG: false}
                    - name: list
                      image: busybox:1.36
                      environment:
                        - {name: PORT, value: "8080"}
                        - {name: EMPTY}
                """);

        List<ContainerDefinition> containers = ((TaskDefinitionDocument) documents.getFirst()).spec().containers();
        assertThat(containers.get(0).environment()).isEqualTo(Map.of("PORT", "8080", "MODE", "prod", "DEBUG", "false"));
        assertThat(containers.get(1).environment()).isEqualTo(Map.of("PORT", "8080", "EMPTY", ""));
    }

    @Test
    void readsJsonObjectAndArray() {
        String td = """
                {"apiVersion": "berth/v1", "kind": "TaskDefinition", "metadata": {"name": "j"},
                 "spec": {"containers": [{"name": "c", "image": "busybox:1.36", "memory": 16}]}}""";
        String svc = """
                {"apiVersion": "berth/v1", "kind": "Service", "metadata": {"name": "j", "cluster": "prod"},
                 "spec": {"taskDefinition": "j:1", "desiredCount": 0}}""";

        assertThat(parser.parse(td, ManifestFormat.JSON).documentsOrThrow()).hasSize(1);
        List<ManifestDocument> documents = parser.parse("[" + td + "," + svc + "]", ManifestFormat.JSON).documentsOrThrow();
        assertThat(documents).extracting(ManifestDocument::name).containsExactly("j", "j");
        assertThat(((ServiceDocument) documents.get(1)).cluster()).isEqualTo("prod");
        // JSON is YAML too, and a YAML document that is a list holds several documents.
        assertThat(parse("[" + td + "," + svc + "]")).hasSize(2);
    }

    @Test
    void ignoresEmptyDocuments() {
        assertThat(parse("---\n" + EXAMPLE + "---\n")).hasSize(2);
    }

    @Test
    void pathsOfErrorsInAJsonArrayCountItsElements() {
        ParsedManifest parsed = parser.parse("""
                [{"apiVersion": "berth/v1", "kind": "Service", "metadata": {"name": "a"}, "spec": {"taskDefinition": "a"}},
                 {"apiVersion": "berth/v1", "kind": "Service", "metadata": {"name": "b"}, "spec": {"taskDefinition": "b", "replicas": 2}}]
                """, ManifestFormat.JSON);

        assertThat(parsed.validation().errors()).extracting(FieldError::path).containsExactly("documents[1].spec.replicas");
        assertThat(parsed.documents()).isEmpty();
    }

    @Test
    void yamlSyntaxErrorCarriesItsPosition() {
        String broken = """
                apiVersion: berth/v1
                kind: Service
                metadata: {name: web
                spec: {taskDefinition: web}
                """;

        assertThatThrownBy(() -> parser.parse(broken, ManifestFormat.YAML))
                .isInstanceOfSatisfying(ManifestSyntaxException.class, e -> {
                    assertThat(e.line()).isBetween(3, 5);
                    assertThat(e.column()).isPositive();
                    assertThat(e.getMessage()).startsWith("invalid YAML at line " + e.line() + ", column " + e.column());
                });
    }

    @Test
    void jsonSyntaxErrorCarriesItsPosition() {
        assertThatThrownBy(() -> parser.parse("{\"apiVersion\": \"berth/v1\",\n  \"kind\" \"Service\"}", ManifestFormat.JSON))
                .isInstanceOfSatisfying(ManifestSyntaxException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.getMessage()).startsWith("invalid JSON at line 2");
                });
    }

    @Test
    void duplicateKeyIsASyntaxError() {
        assertThatThrownBy(() -> parse("apiVersion: berth/v1\nkind: Service\nkind: TaskDefinition\n"))
                .isInstanceOf(ManifestSyntaxException.class)
                .hasMessageContaining("kind");
    }

    @Test
    void emptyBodyIsAnError() {
        assertThat(parser.parse("", ManifestFormat.YAML).validation().errors())
                .containsExactly(new FieldError("documents", "must contain at least one document"));
        assertThat(parser.parse("# only a comment\n", ManifestFormat.YAML).validation().isValid()).isFalse();
    }

    @Test
    void reportsEveryErrorAtOnce() {
        ParsedManifest parsed = parser.parse("""
                apiVersion: berth/v2
                kind: TaskDefinition
                metadata: {name: web}
                spec:
                  containers:
                    - {name: a, image: "", memory: 2, colour: red}
                    - {name: a, image: busybox, essential: false}
                ---
                apiVersion: berth/v1
                kind: Service
                metadata: {name: web}
                spec: {taskDefinition: "web:0", desiredCount: -1}
                """, ManifestFormat.YAML);

        assertThat(parsed.validation().errors()).extracting(FieldError::toString).containsExactlyInAnyOrder(
                "documents[0].apiVersion: must be berth/v1, got \"berth/v2\"",
                "documents[0].spec.containers[0].colour: unknown field (allowed: name, image, command, entryPoint, "
                        + "environment, cpu, memory, memoryReservation, essential, portMappings, healthCheck, "
                        + "repositoryCredentials, workingDirectory, dockerLabels, user, ulimits, linuxParameters, "
                        + "readonlyRootFilesystem, privileged, dockerSecurityOptions, stopTimeout, logConfiguration, hostname, extraHosts, "
                        + "dnsServers, mountPoints, volumesFrom, links, startTimeout, dependsOn, secrets, files)",
                "documents[0].spec.containers[0].image: must not be blank",
                "documents[0].spec.containers[0].memory: must be >= 4 MiB",
                "documents[0].spec.containers[1].name: duplicate container name \"a\"",
                "documents[1].spec.taskDefinition: must be \"family\" or \"family:revision\" with revision >= 1, got \"web:0\"",
                "documents[1].spec.desiredCount: must be >= 0");
        assertThatThrownBy(parsed::documentsOrThrow).isInstanceOf(ManifestValidationException.class)
                .hasMessage("7 invalid fields");
    }
}
