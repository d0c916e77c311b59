package io.berth.app.e2e;

import io.berth.docker.ContainerState;
import io.berth.docker.DockerEngine;
import io.berth.docker.DockerEngines;
import io.berth.docker.EngineConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ECS container-definition fields, applied as a service through the real berth.jar and checked on the real engine
 * with {@code docker inspect}: each field must reach the container, and the cluster's policy must gate what weakens
 * isolation.
 */
@Tag("docker")
class TaskDefinitionFieldsIT {

    private static final String CLUSTER = "default";
    private static DockerEngine docker;
    private static BerthProcess berth;

    @BeforeAll
    static void start() {
        docker = DockerEngines.connect(EngineConfig.of(EngineConfig.LOCAL_ENDPOINT));
        berth = new BerthProcess("tdef-fields", List.of("--berth.reconciler.resync-interval=2s"), "tdef_fields");
        berth.start();
    }

    @AfterAll
    static void stop() {
        if (berth != null) {
            berth.close();
        }
        if (docker != null) {
            E2eContainers.removeManaged(docker, "berth.service", "e2e-tdef-");
            docker.close();
        }
    }

    private static HttpResponse<String> send(String method, String path, String type, String body) {
        return berth.send(method, path, type, body);
    }

    private static List<ContainerState> running(String service) {
        return docker.list(Map.of("berth.service", service)).stream().filter(ContainerState::running).toList();
    }

    /** The engine's own view of a container, as `docker inspect` prints it. */
    private static JsonNode inspect(String id) {
        try {
            Process p = new ProcessBuilder("docker", "inspect", id).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as(out).isZero();
            return JsonMapper.builder().build().readTree(out).get(0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String manifest(String name, String credential) {
        return """
                apiVersion: berth/v1
                kind: TaskDefinition
                metadata: {name: %1$s}
                spec:
                  containers:
                    - name: app
                      image: busybox:1.36
                      command: [sh, -c, "trap '' TERM; nc -lk -u -p 5353 -e true & sleep 3600"]
                      memory: 32
                      repositoryCredentials: {credentialsParameter: %2$s}
                      workingDirectory: /tmp
                      dockerLabels: {team: payments}
                      user: "65534:65534"
                      ulimits: [{name: nofile, softLimit: 512, hardLimit: 1024}]
                      linuxParameters:
                        initProcessEnabled: true
                        capabilities: {add: [NET_ADMIN], drop: [MKNOD]}
                      readonlyRootFilesystem: true
                      stopTimeout: 3s
                      logConfiguration: {logDriver: local, options: {max-size: 1m}}
                      hostname: payments-1
                      extraHosts: [{hostname: ledger.internal, ipAddress: 198.18.0.77}]
                      dnsServers: [198.18.0.53]
                      portMappings: [{containerPort: 5353, protocol: udp}]
                ---
                apiVersion: berth/v1
                kind: Service
                metadata: {name: %1$s, cluster: default}
                spec: {taskDefinition: %1$s, desiredCount: 1}
                """.formatted(name, credential);
    }

    @Test
    void everyContainerFieldReachesTheEngineAndThePolicyGatesCapabilities() {
        String name = "e2e-tdef-" + UUID.randomUUID().toString().substring(0, 6);
        String credential = name + "-registry";
        String manifest = manifest(name, credential);

        // Refused: NET_ADMIN is not allowed by the default policy and the credential does not exist yet.
        HttpResponse<String> refused = send("POST", "/v1/apply", "application/yaml", manifest);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(refused.body()).contains("capability NET_ADMIN is not allowed by the policy of cluster")
                .contains("no stored credential named");

        HttpResponse<String> saved = send("POST", "/v1/credentials", "application/json",
                "{\"name\":\"%s\",\"serverAddress\":\"docker.io\",\"username\":\"bot\",\"password\":\"s3cret-pw\"}"
                        .formatted(credential));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(201);
        assertThat(saved.body()).doesNotContain("s3cret-pw");
        HttpResponse<String> policy = send("PUT", "/v1/clusters/" + CLUSTER + "/policy", "application/json",
                "{\"allowedCapabilities\":[\"NET_ADMIN\"]}");
        assertThat(policy.statusCode()).as(policy.body()).isEqualTo(200);
        try {
            HttpResponse<String> applied = send("POST", "/v1/apply", "application/yaml", manifest);
            assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);

            Await.until(Duration.ofSeconds(60), "the task running (log " + berth.log() + ")",
                    () -> running(name).size() == 1);
            JsonNode c = inspect(running(name).getFirst().id());
            JsonNode config = c.get("Config");
            JsonNode host = c.get("HostConfig");
            assertThat(config.get("WorkingDir").asString()).isEqualTo("/tmp");
            assertThat(config.get("User").asString()).isEqualTo("65534:65534");
            assertThat(config.get("Hostname").asString()).isEqualTo("payments-1");
            assertThat(config.get("StopTimeout").asInt()).isEqualTo(3);
            assertThat(config.get("Labels").get("team").asString()).isEqualTo("payments");
            assertThat(config.get("Labels").get("berth.service").asString()).isEqualTo(name);
            assertThat(config.get("ExposedPorts").has("5353/udp")).isTrue();
            assertThat(host.get("Init").asBoolean()).isTrue();
            assertThat(host.get("ReadonlyRootfs").asBoolean()).isTrue();
            assertThat(host.get("Privileged").asBoolean()).isFalse();
            assertThat(host.get("CapAdd").toString()).contains("NET_ADMIN");
            assertThat(host.get("CapDrop").toString()).contains("MKNOD");
            assertThat(host.get("Ulimits").get(0).get("Name").asString()).isEqualTo("nofile");
            assertThat(host.get("Ulimits").get(0).get("Soft").asLong()).isEqualTo(512);
            assertThat(host.get("Ulimits").get(0).get("Hard").asLong()).isEqualTo(1024);
            assertThat(host.get("LogConfig").get("Type").asString()).isEqualTo("local");
            assertThat(host.get("LogConfig").get("Config").get("max-size").asString()).isEqualTo("1m");
            assertThat(host.get("ExtraHosts").get(0).asString()).isEqualTo("ledger.internal:198.18.0.77");
            assertThat(host.get("Dns").get(0).asString()).isEqualTo("198.18.0.53");
            assertThat(c.get("NetworkSettings").get("Ports").get("5353/udp").get(0).get("HostPort").asInt()).isPositive();

            // stopTimeout: the workload ignores SIGTERM, so deleting the service needs the SIGKILL after 3 s.
            HttpResponse<String> deleted = send("DELETE", "/v1/clusters/default/services/" + name + "?wait=true&timeout=60s",
                    null, null);
            assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
            assertThat(docker.list(Map.of("berth.service", name))).isEmpty();
        } finally {
            send("PUT", "/v1/clusters/" + CLUSTER + "/policy", "application/json", "{}");
        }
    }

    /** The ECS tutorial's producer: cpu 50, memory 50, essential, MODE=producer (image and command for this machine). */
    private static final String PRODUCER = """
            {
              "family": "%s",
              "containerDefinitions": [
                {
                  "name": "producer",
                  "image": "busybox:1.36",
                  "command": ["sh", "-c", "while true; do echo $MODE; sleep 5; done"],
                  "cpu": 50,
                  "memory": 50,
                  "essential": true,
                  "environment": [{"name": "MODE", "value": "producer"}]
                }
              ],
              "requiresCompatibilities": ["EC2"],
              "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole"
            }
            """;

    /** Two containers with dynamic host ports; front reaches back by name and through the link alias "api". */
    private static final String WEB = """
            {
              "family": "%s",
              "networkMode": "bridge",
              "volumes": [{"name": "content", "dockerVolumeConfiguration": {"scope": "task", "driver": "local"}}],
              "containerDefinitions": [
                {
                  "name": "front",
                  "image": "busybox:1.36",
                  "command": ["httpd", "-f", "-p", "8080", "-h", "/www"],
                  "memory": 32,
                  "essential": true,
                  "links": ["back:api"],
                  "volumesFrom": [{"sourceContainer": "back", "readOnly": true}],
                  "portMappings": [{"containerPort": 8080, "hostPort": 0, "protocol": "tcp"}],
                  "healthCheck": {
                    "command": ["CMD-SHELL", "wget -q -O /dev/null http://api:8081/index.html && wget -q -O /dev/null http://back:8081/index.html && test -f /content/ready"],
                    "interval": 1, "timeout": 2, "retries": 3, "startPeriod": 0
                  },
                  "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/web"}}
                },
                {
                  "name": "back",
                  "image": "busybox:1.36",
                  "command": ["sh", "-c", "touch /content/ready && exec httpd -f -p 8081 -h /www"],
                  "memory": 32,
                  "essential": true,
                  "mountPoints": [{"sourceVolume": "content", "containerPath": "/content"}],
                  "portMappings": [{"containerPort": 8081}]
                }
              ]
            }
            """;

    private static String serviceOf(String name, String family) {
        return """
                apiVersion: berth/v1
                kind: Service
                metadata: {name: %s, cluster: default}
                spec: {taskDefinition: %s, desiredCount: 1}
                """.formatted(name, family);
    }

    @Test
    void ecsTutorialTaskDefinitionsRegisterUnchangedAndRun() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String producer = "e2e-tdef-producer-" + suffix;
        String web = "e2e-tdef-web-" + suffix;

        HttpResponse<String> registered = send("POST", "/v1/task-definitions", "application/json", PRODUCER.formatted(producer));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        assertThat(registered.body()).contains("\"revision\":1").contains("executionRoleArn: ");
        HttpResponse<String> again = send("POST", "/v1/task-definitions", "application/json", PRODUCER.formatted(producer));
        assertThat(again.statusCode()).as("the same body registers nothing new").isEqualTo(200);
        HttpResponse<String> webRegistered = send("POST", "/v1/task-definitions", "application/json", WEB.formatted(web));
        assertThat(webRegistered.statusCode()).as(webRegistered.body()).isEqualTo(201);
        assertThat(webRegistered.body()).contains("log driver \\\"awslogs\\\" is not available off AWS");
        HttpResponse<String> refused = send("POST", "/v1/task-definitions", "application/json",
                PRODUCER.formatted(producer + "-x").replace("\"EC2\"", "\"FARGATE\"").replace("\"memory\": 50", "\"memory\": 2"));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("requiresCompatibilities").contains("containerDefinitions[0].memory");
        assertThat(send("GET", "/v1/task-definitions/" + producer + "-x", null, null).statusCode()).isEqualTo(404);

        HttpResponse<String> applied = send("POST", "/v1/apply", "application/yaml",
                serviceOf(producer, producer) + "---\n" + serviceOf(web, web));
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);

        Await.until(Duration.ofSeconds(90), "producer and web running (log " + berth.log() + ")",
                () -> running(producer).size() == 1 && running(web).size() == 2);
        JsonNode producerContainer = inspect(running(producer).getFirst().id());
        assertThat(producerContainer.get("Config").get("Env").toString()).contains("MODE=producer");
        assertThat(producerContainer.get("HostConfig").get("Memory").asLong()).isEqualTo(50L << 20);
        assertThat(producerContainer.get("HostConfig").get("CpuShares").asInt()).isEqualTo(50);

        Await.until(Duration.ofSeconds(60), "front healthy: it reached back by name, by link alias, and saw its volume",
                () -> running(web).stream().anyMatch(c -> "front".equals(c.labels().get("berth.container"))
                        && c.health() == ContainerState.Health.HEALTHY));
        assertThat(running(web)).allSatisfy(c -> assertThat(c.ports()).isNotEmpty()
                .allSatisfy(p -> assertThat(p.hostPort()).isPositive()));
        String taskId = running(web).getFirst().labels().get("berth.task-id");
        assertThat(docker.networks(Map.of("berth.task-id", taskId))).hasSize(1);
        assertThat(docker.volumes(Map.of("berth.task-id", taskId))).hasSize(1);

        for (String service : List.of(producer, web)) {
            HttpResponse<String> deleted = send("DELETE", "/v1/clusters/default/services/" + service
                    + "?wait=true&timeout=60s", null, null);
            assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
        }
        Await.until(Duration.ofSeconds(60), "the task's network and volume removed with its containers",
                () -> docker.networks(Map.of("berth.task-id", taskId)).isEmpty()
                        && docker.volumes(Map.of("berth.task-id", taskId)).isEmpty());
    }
}
