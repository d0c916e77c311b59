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

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A DAEMON service on the netns cluster (scripts/cluster-up.sh): one task per registered host, one more when a host
 * registers, and a draining host's daemon task stops after the replica task there. Leaves the hosts as it found them
 * (it never cuts or stops one) and removes every container of its own cluster.
 */
@Tag("cluster")
class DaemonClusterIT {

    private static final Path TLS = Path.of("/var/lib/berth-hosts/tls");
    private static final Path HOSTS = Path.of("/run/berth-hosts/hosts");
    private static final String CLUSTER = "daemon-netns";

    private static final Map<String, String> endpoints = new LinkedHashMap<>();
    private static final Map<String, DockerEngine> engines = new LinkedHashMap<>();
    private static BerthProcess berth;

    @BeforeAll
    static void start() throws IOException {
        Assumptions.assumeTrue(Files.isReadable(HOSTS) && Files.isDirectory(TLS),
                "no test cluster (run scripts/cluster-up.sh): " + HOSTS);
        for (String line : Files.readAllLines(HOSTS)) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 2) {
                endpoints.put(f[0], f[1]);
                engines.put(f[0], DockerEngines.connect(EngineConfig.of(f[1]).withTls(TLS)));
            }
        }
        Assumptions.assumeTrue(endpoints.size() >= 3 && engines.values().stream().allMatch(DockerEngine::ping),
                "the test cluster is not up: " + endpoints);
        berth = new BerthProcess("daemon", List.of("--berth.reconciler.stop-timeout=2s"), "daemon_e2e");
        berth.start();
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
        try {
            return engines.get(host).list(Map.of("berth.cluster", CLUSTER, "berth.service", service)).stream()
                    .filter(ContainerState::running).toList();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private static String register(String host) {
        HttpResponse<String> r = berth.send("POST", "/v1/clusters/" + CLUSTER + "/container-instances", "application/json",
                "{\"endpoint\":\"" + endpoints.get(host) + "\",\"tlsCertPath\":\"" + TLS + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return r.body().replaceAll("(?s).*\"id\":\"([0-9a-f-]{36})\".*", "$1");
    }

    private static JsonNode service(String name) {
        return berth.getJson("/v1/clusters/" + CLUSTER + "/services/" + name);
    }

    private static HttpResponse<String> apply(String yaml) {
        return berth.send("POST", "/v1/apply", "application/yaml", yaml);
    }

    @Test
    void oneTaskPerHostAJoiningHostGetsOneAndADrainingHostStopsItLast() {
        long t0 = System.nanoTime();
        HttpResponse<String> created = berth.send("POST", "/v1/clusters", "application/json", "{\"name\":\"" + CLUSTER + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        List<String> hosts = new ArrayList<>(endpoints.keySet());
        String h1 = hosts.get(0);
        String h2 = hosts.get(1);
        String h3 = hosts.get(2);
        String h1Id = register(h1);
        register(h2);

        HttpResponse<String> applied = apply("""
                apiVersion: berth/v1
                kind: TaskDefinition
                metadata: {name: agent}
                spec:
                  containers:
                    - {name: agent, image: "busybox:1.36", command: [sleep, "3600"], cpu: 8, memory: 8}
                ---
                apiVersion: berth/v1
                kind: Service
                metadata: {name: agent, cluster: %1$s}
                spec: {taskDefinition: agent, schedulingStrategy: DAEMON}
                ---
                apiVersion: berth/v1
                kind: TaskDefinition
                metadata: {name: api}
                spec:
                  containers:
                    - {name: api, image: "busybox:1.36", command: [sleep, "3600"], cpu: 8, memory: 8}
                ---
                apiVersion: berth/v1
                kind: Service
                metadata: {name: api, cluster: %1$s}
                spec:
                  taskDefinition: api
                  desiredCount: 2
                  placementStrategy: [{type: spread, field: instanceId}]
                """.formatted(CLUSTER));
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
        Await.until(Duration.ofSeconds(40), "a daemon task on each of the 2 hosts",
                () -> running(h1, "agent").size() == 1 && running(h2, "agent").size() == 1);
        Await.until(Duration.ofSeconds(20), "desired count 2", () -> service("agent").path("desiredCount").asInt() == 2);
        assertThat(service("agent").path("schedulingStrategy").asString()).isEqualTo("DAEMON");

        HttpResponse<String> switched = apply("""
                apiVersion: berth/v1
                kind: Service
                metadata: {name: agent, cluster: %s}
                spec: {taskDefinition: agent, desiredCount: 2}
                """.formatted(CLUSTER));
        assertThat(switched.statusCode()).as(switched.body()).isBetween(400, 499);
        assertThat(switched.body()).contains("spec.schedulingStrategy");

        long joinAt = System.nanoTime();
        register(h3);
        Await.until(Duration.ofSeconds(30), "a daemon task on the joining host", () -> running(h3, "agent").size() == 1);
        System.out.printf("daemon: task running on the joining host %.1f s after its registration%n",
                (System.nanoTime() - joinAt) / 1e9);
        Await.until(Duration.ofSeconds(20), "desired count 3", () -> service("agent").path("desiredCount").asInt() == 3);
        Await.until(Duration.ofSeconds(40), "the replica service runs on h1", () -> running(h1, "api").size() == 1);

        List<String> violations = new ArrayList<>();
        HttpResponse<String> drain = berth.send("PUT", "/v1/clusters/" + CLUSTER + "/container-instances/" + h1Id
                + "/status", "application/json", "{\"status\":\"DRAINING\"}");
        assertThat(drain.statusCode()).as(drain.body()).isEqualTo(200);
        Await.until(Duration.ofSeconds(60), "nothing of either service left on the draining host", () -> {
            boolean agentGone = running(h1, "agent").isEmpty();
            boolean apiGone = running(h1, "api").isEmpty();
            if (agentGone && !apiGone) {
                violations.add("daemon task stopped while the replica task still ran on " + h1);
            }
            return agentGone && apiGone;
        });
        assertThat(violations).isEmpty();
        assertThat(running(h2, "agent")).hasSize(1);
        assertThat(running(h3, "agent")).hasSize(1);
        Await.until(Duration.ofSeconds(20), "desired count 2 while h1 drains",
                () -> service("agent").path("desiredCount").asInt() == 2);
        System.out.printf("daemon: scenario took %.1f s%n", (System.nanoTime() - t0) / 1e9);

        for (String name : List.of("agent", "api")) {
            HttpResponse<String> deleted = berth.send("DELETE", "/v1/clusters/" + CLUSTER + "/services/" + name
                    + "?wait=true&timeout=60s", null, null);
            assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
        }
    }
}
