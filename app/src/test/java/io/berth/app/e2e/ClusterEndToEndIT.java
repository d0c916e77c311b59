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

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Berth driving a real cluster: three Docker engines in network namespaces, reached over mutual TLS
 * (scripts/cluster-up.sh). Registration, spread placement, and a host that dies: its tasks are replaced on
 * the others, and when it comes back its stale containers go — never more than desired once it reconnected.
 */
@Tag("cluster")
class ClusterEndToEndIT {

    private static final Path TLS = Path.of("/var/lib/berth-hosts/tls");
    private static final Path HOSTS = Path.of("/run/berth-hosts/hosts");
    private static final String CLUSTER = "netns";

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
        berth = new BerthProcess("cluster", List.of("--berth.reconciler.stop-timeout=2s"), "cluster_e2e");
        berth.start();
    }

    @AfterAll
    static void stop() {
        if (berth != null) {
            berth.close();
        }
        hostCommand("heal", "berth-h2");
        hostCommand("start", "berth-h3");
        engines.values().forEach(e -> {
            try {
                e.list(Map.of("berth.cluster", CLUSTER)).forEach(c -> e.remove(c.id()));
            } catch (RuntimeException ex) {
                System.err.println("cleanup: " + ex.getMessage());
            }
            e.close();
        });
    }

    private static void hostCommand(String verb, String host) {
        try {
            Process p = new ProcessBuilder("bash", "scripts/cluster-host.sh", verb, host)
                    .directory(Path.of("..").toFile()).inheritIO().start();
            assertThat(p.waitFor()).as("cluster-host.sh " + verb + " " + host).isZero();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<ContainerState> running(String host, String service) {
        try {
            return engines.get(host).list(Map.of("berth.service", service)).stream().filter(ContainerState::running).toList();
        } catch (RuntimeException e) {
            return List.of(); // a stopped host has nothing running as far as the service is concerned
        }
    }

    private static int runningEverywhere(String service) {
        return endpoints.keySet().stream().mapToInt(h -> running(h, service).size()).sum();
    }

    @Test
    void registersHostsOverTlsSpreadsTasksAndReplacesThoseOfALostHost() {
        HttpResponse<String> created = berth.send("POST", "/v1/clusters", "application/json", "{\"name\":\"" + CLUSTER + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        HttpResponse<String> insecure = berth.send("POST", "/v1/clusters/" + CLUSTER + "/container-instances",
                "application/json", "{\"endpoint\":\"" + endpoints.get("berth-h1") + "\"}");
        assertThat(insecure.statusCode()).isEqualTo(422);
        assertThat(insecure.body()).contains("tlsCertPath");
        for (String endpoint : endpoints.values()) {
            HttpResponse<String> r = berth.send("POST", "/v1/clusters/" + CLUSTER + "/container-instances", "application/json",
                    "{\"endpoint\":\"" + endpoint + "\",\"tlsCertPath\":\"" + TLS + "\",\"attributes\":{\"zone\":\"a\"}}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            assertThat(r.body()).contains("\"tls\":true").contains("\"zone\":\"a\"");
        }

        String name = "e2e-spread-" + UUID.randomUUID().toString().substring(0, 6);
        HttpResponse<String> applied = berth.send("POST", "/v1/apply", "application/yaml", """
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
                spec: {taskDefinition: %1$s, desiredCount: 6}
                """.formatted(name, CLUSTER));
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
        Await.until(Duration.ofSeconds(60), "6 tasks running", () -> runningEverywhere(name) == 6);
        for (String host : endpoints.keySet()) {
            assertThat(running(host, name)).as("spread: 2 on " + host).hasSize(2);
        }

        // A network partition: h2's engine and containers live on, but Berth cannot reach them.
        long cutAt = System.nanoTime();
        hostCommand("cut", "berth-h2");
        Await.until(Duration.ofSeconds(60), "6 tasks running on h1 and h3",
                () -> running("berth-h1", name).size() + running("berth-h3", name).size() == 6);
        System.out.printf("partition: tasks replaced on other hosts %.1f s after the link was cut%n",
                (System.nanoTime() - cutAt) / 1e9);
        assertThat(berth.getJson("/v1/clusters/" + CLUSTER + "/tasks?service=" + name + "&status=STOPPED").toString())
                .contains("HostLost");
        hostCommand("heal", "berth-h2");
        Await.untilKeeping(Duration.ofSeconds(60), "h2's stale containers removed after the partition healed",
                () -> running("berth-h1", name).size() + running("berth-h3", name).size() <= 6, "at most 6 on h1 and h3",
                () -> running("berth-h2", name).isEmpty() && runningEverywhere(name) == 6);

        // A dead engine: its containers die with it; their replacements go to the hosts that answer.
        long stopAt = System.nanoTime();
        hostCommand("stop", "berth-h3");
        Await.until(Duration.ofSeconds(60), "6 tasks running on h1 and h2",
                () -> running("berth-h1", name).size() + running("berth-h2", name).size() == 6);
        System.out.printf("dead engine: tasks replaced on other hosts %.1f s after the engine stopped%n",
                (System.nanoTime() - stopAt) / 1e9);
        hostCommand("start", "berth-h3");
        Await.untilKeeping(Duration.ofSeconds(60), "nothing of the service left running on h3 once it is back",
                () -> runningEverywhere(name) <= 6, "at most 6 running in all",
                () -> running("berth-h3", name).isEmpty() && runningEverywhere(name) == 6);

        HttpResponse<String> deleted = berth.send("DELETE", "/v1/clusters/" + CLUSTER + "/services/" + name
                + "?wait=true&timeout=60s", null, null);
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
        assertThat(runningEverywhere(name)).isZero();
    }
}
