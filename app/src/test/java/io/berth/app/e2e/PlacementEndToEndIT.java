package io.berth.app.e2e;

import io.berth.docker.ContainerState;
import io.berth.docker.DockerEngine;
import io.berth.docker.DockerEngines;
import io.berth.docker.EngineConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Placement on the real three-host cluster (scripts/cluster-up.sh), hosts registered with zones h1=a, h2=a, h3=b:
 * every strategy and constraint puts containers where it says, an impossible placement is explained in the
 * service's events, a bad expression is refused with its column, and draining a host moves the service's tasks
 * off it with never more than maximumPercent running. Nothing here stops or cuts a host, so it needs no lock.
 */
@Tag("cluster")
class PlacementEndToEndIT {

    private static final Path TLS = Path.of("/var/lib/berth-hosts/tls");
    private static final Path HOSTS = Path.of("/run/berth-hosts/hosts");
    private static final String CLUSTER = "placement";
    private static final Map<String, String> ZONES = Map.of("berth-h1", "a", "berth-h2", "a", "berth-h3", "b");

    private static final Map<String, String> endpoints = new LinkedHashMap<>();
    private static final Map<String, DockerEngine> engines = new LinkedHashMap<>();
    private static final Map<String, String> instanceIds = new LinkedHashMap<>();
    private static final JsonMapper json = JsonMapper.builder().build();
    private static BerthProcess berth;

    @BeforeAll
    static void start() throws IOException {
        Assumptions.assumeTrue(Files.isReadable(HOSTS) && Files.isDirectory(TLS),
                "no test cluster (run scripts/cluster-up.sh): " + HOSTS);
        for (String line : Files.readAllLines(HOSTS)) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 2 && ZONES.containsKey(f[0])) {
                endpoints.put(f[0], f[1]);
                engines.put(f[0], DockerEngines.connect(EngineConfig.of(f[1]).withTls(TLS)));
            }
        }
        Assumptions.assumeTrue(endpoints.size() == 3 && engines.values().stream().allMatch(DockerEngine::ping),
                "the test cluster is not up: " + endpoints);
        berth = new BerthProcess("placement", List.of("--berth.reconciler.stop-timeout=2s"), "placement");
        berth.start();
        HttpResponse<String> created = berth.send("POST", "/v1/clusters", "application/json",
                "{\"name\":\"" + CLUSTER + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        endpoints.forEach((host, endpoint) -> {
            HttpResponse<String> r = berth.send("POST", "/v1/clusters/" + CLUSTER + "/container-instances",
                    "application/json", "{\"endpoint\":\"" + endpoint + "\",\"tlsCertPath\":\"" + TLS
                            + "\",\"attributes\":{\"zone\":\"" + ZONES.get(host) + "\"}}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            instanceIds.put(host, json.readTree(r.body()).path("id").asString());
        });
    }

    @AfterAll
    static void stop() {
        if (berth != null) {
            berth.close();
        }
        engines.values().forEach(e -> {
            try {
                e.list(Map.of("berth.cluster", CLUSTER)).forEach(c -> e.remove(c.id()));
            } catch (RuntimeException ex) {
                System.err.println("cleanup: " + ex.getMessage());
            }
            e.close();
        });
    }

    private static List<ContainerState> running(String host, String service) {
        return engines.get(host).list(Map.of("berth.cluster", CLUSTER, "berth.service", service)).stream()
                .filter(ContainerState::running).toList();
    }

    private static Map<String, Integer> perHost(String service) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        endpoints.keySet().forEach(h -> counts.put(h, running(h, service).size()));
        return counts;
    }

    private static int total(String service) {
        return perHost(service).values().stream().mapToInt(Integer::intValue).sum();
    }

    /** A task definition and a service of {@code desired} sleeping tasks with the given extra service spec lines. */
    private static String apply(String name, int desired, String serviceExtra) {
        HttpResponse<String> r = berth.send("POST", "/v1/apply", "application/yaml", """
                apiVersion: berth/v1
                kind: TaskDefinition
                metadata: {name: %1$s}
                spec:
                  containers:
                    - {name: app, image: "busybox:1.36", command: [sleep, "3600"], cpu: 16, memory: 16}
                ---
                apiVersion: berth/v1
                kind: Service
                metadata: {name: %1$s, cluster: %2$s}
                spec:
                  taskDefinition: %1$s
                  desiredCount: %3$d
                %4$s""".formatted(name, CLUSTER, desired, serviceExtra.indent(2)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return name;
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    private static void delete(String service) {
        HttpResponse<String> deleted = berth.send("DELETE", "/v1/clusters/" + CLUSTER + "/services/" + service
                + "?wait=true&timeout=60s", null, null);
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
    }

    @Test
    void defaultSpreadsAcrossZonesThenInstances() {
        String name = apply(unique("spread"), 4, "");
        Await.until(Duration.ofSeconds(60), "4 running", () -> total(name) == 4);

        assertThat(perHost(name)).as("zone b (h3) gets half, zone a's two hosts share the rest")
                .containsEntry("berth-h1", 1).containsEntry("berth-h2", 1).containsEntry("berth-h3", 2);
        delete(name);
    }

    @Test
    void binpackFillsOneHost() {
        String name = apply(unique("binpack"), 3, "placementStrategy: [{type: binpack, field: memory}]");
        Await.until(Duration.ofSeconds(60), "3 running", () -> total(name) == 3);

        assertThat(perHost(name).values()).as("all on one host").containsOnlyOnce(3);
        delete(name);
    }

    @Test
    void spreadByInstanceIgnoresZones() {
        String name = apply(unique("spreadi"), 3, "placementStrategy: [{type: spread, field: instanceId}]");
        Await.until(Duration.ofSeconds(60), "3 running", () -> total(name) == 3);

        assertThat(perHost(name).values()).containsOnly(1);
        delete(name);
    }

    @Test
    void randomPlacesEveryTask() {
        String name = apply(unique("random"), 3, "placementStrategy: [{type: random}]");
        Await.until(Duration.ofSeconds(60), "3 running", () -> total(name) == 3);
        delete(name);
    }

    @Test
    void memberOfKeepsTasksInTheirZone() {
        String name = apply(unique("member"), 3,
                "placementConstraints: [{type: memberOf, expression: \"attribute:zone == a and attribute:berth.cpus >= 1\"}]");
        Await.until(Duration.ofSeconds(60), "3 running", () -> total(name) == 3);

        assertThat(perHost(name)).containsEntry("berth-h3", 0);
        delete(name);
    }

    @Test
    void distinctInstancePlacesOnePerHostAndExplainsTheRest() {
        String name = apply(unique("distinct"), 4, "placementConstraints: [{type: distinctInstance}]");
        Await.until(Duration.ofSeconds(60), "3 running", () -> total(name) == 3);
        Await.until(Duration.ofSeconds(30), "the unplaced task explained in the events", () ->
                berth.getJson("/v1/clusters/" + CLUSTER + "/services/" + name).path("events").toString()
                        .contains("unable to place 1 task: 3 instances checked — 3 already run a task of this group (distinctInstance)"));

        assertThat(perHost(name).values()).containsOnly(1);
        delete(name);
    }

    @Test
    void aBadExpressionIsRefusedWithItsColumn() {
        HttpResponse<String> r = berth.send("POST", "/v1/apply", "application/yaml", """
                apiVersion: berth/v1
                kind: Service
                metadata: {name: bad, cluster: %s}
                spec:
                  taskDefinition: nothing
                  placementConstraints: [{type: memberOf, expression: "attribute:zone = a"}]
                """.formatted(CLUSTER));

        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("documents[0].spec.placementConstraints[0].expression")
                .contains("column 16: unknown operator '='");
    }

    @Test
    void drainingMovesTasksOffAHostWithinMaximumPercent() {
        String name = apply(unique("drain"), 3, """
                placementStrategy: [{type: spread, field: instanceId}]
                deployment: {minimumHealthyPercent: 50, maximumPercent: 150, minHealthyTime: 1s}""");
        Await.until(Duration.ofSeconds(60), "one task on each host", () -> perHost(name).values().stream().allMatch(n -> n == 1));

        try {
            HttpResponse<String> drained = setStatus("berth-h1", "DRAINING");
            assertThat(drained.statusCode()).as(drained.body()).isEqualTo(200);
            assertThat(drained.body()).contains("\"status\":\"DRAINING\"");
            Await.untilKeeping(Duration.ofSeconds(90), "the task moved off h1", () -> total(name) <= 4,
                    "never more than 150 % of 3 running", () -> running("berth-h1", name).isEmpty() && total(name) == 3);
            assertThat(berth.getJson("/v1/clusters/" + CLUSTER + "/services/" + name).path("events").toString())
                    .contains("is draining");
        } finally {
            HttpResponse<String> back = setStatus("berth-h1", "ACTIVE");
            assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
        }
        delete(name);
    }

    private static HttpResponse<String> setStatus(String host, String status) {
        return berth.send("PUT", "/v1/clusters/" + CLUSTER + "/container-instances/" + instanceIds.get(host) + "/status",
                "application/json", "{\"status\":\"" + status + "\"}");
    }
}
