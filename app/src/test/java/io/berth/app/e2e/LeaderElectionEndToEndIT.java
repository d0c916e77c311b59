package io.berth.app.e2e;

import io.berth.docker.ContainerState;
import io.berth.docker.DockerEngine;
import io.berth.docker.DockerEngines;
import io.berth.docker.EngineConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Berth processes on one PostgreSQL, as two replicas behind a load balancer: the first leads (runs the control
 * loop), the second serves the API and stands by. A service applied through the standby is run by the leader at once
 * — the resync is set to 10 minutes, so only the change log can have told it. SIGKILL the leader: the standby takes
 * the lease, adopts the running containers (no duplicates) and replaces a killed one. With the netns cluster up
 * (scripts/cluster-up.sh), a host registered through the standby is used by the leader at once as well.
 */
@Tag("docker")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LeaderElectionEndToEndIT {

    private static final String SERVICE = "e2e-le-web";
    private static final String LEADS = "this Berth holds the control-loop lease";
    private static final List<String> ARGS = List.of("--berth.reconciler.resync-interval=10m",
            "--berth.reconciler.stop-timeout=2s", "--berth.reconciler.leader-check-interval=1s");

    private static DockerEngine docker;
    private static BerthProcess first;
    private static BerthProcess second;

    @BeforeAll
    static void start() {
        docker = DockerEngines.connect(EngineConfig.of(EngineConfig.LOCAL_ENDPOINT));
        first = new BerthProcess("leader-a", ARGS, "leader");
        first.start();
        Await.until(Duration.ofSeconds(60), "the first Berth leading (log " + first.log() + ")", () -> logOf(first).contains(LEADS));
        second = new BerthProcess("leader-b", ARGS, "leader");
        second.start();
    }

    @AfterAll
    static void stop() {
        if (second != null) {
            second.send("DELETE", "/v1/clusters/default/services/" + SERVICE + "?wait=true&timeout=60s", null, null);
            second.close();
        }
        if (first != null) {
            first.close();
        }
        if (docker != null) {
            E2eContainers.removeManaged(docker, "berth.service", SERVICE);
            docker.close();
        }
    }

    private static String logOf(BerthProcess berth) {
        try {
            return Files.readString(berth.log());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<ContainerState> running() {
        return docker.list(Map.of("berth.service", SERVICE)).stream().filter(ContainerState::running).toList();
    }

    private static Set<String> ids() {
        return running().stream().map(ContainerState::id).collect(Collectors.toSet());
    }

    /** A busybox web server service of {@code count} tasks, applied through the second Berth (the standby). */
    private static HttpResponse<String> applyThroughTheStandby(String name, String cluster, int count) {
        return second.send("POST", "/v1/apply", "application/yaml", """
                apiVersion: berth/v1
                kind: TaskDefinition
                metadata: {name: %1$s}
                spec:
                  containers:
                    - name: httpd
                      image: busybox:1.36
                      command: [sh, -c, 'mkdir -p /www && echo ok > /www/index.html && exec httpd -f -p 8080 -h /www']
                      cpu: 32
                      memory: 32
                      linuxParameters: {initProcessEnabled: true}
                ---
                apiVersion: berth/v1
                kind: Service
                metadata: {name: %1$s, cluster: %2$s}
                spec: {taskDefinition: %1$s, desiredCount: %3$d}
                """.formatted(name, cluster, count));
    }

    @Test
    @Order(1)
    void aHostRegisteredThroughTheStandbyIsUsedByTheLeaderAtOnce() throws IOException {
        Path hosts = Path.of("/run/berth-hosts/hosts");
        Path tls = Path.of("/var/lib/berth-hosts/tls");
        Assumptions.assumeTrue(Files.isReadable(hosts) && Files.isDirectory(tls), "no test cluster: " + hosts);
        String endpoint = Files.readAllLines(hosts).stream().map(l -> l.trim().split("\\s+"))
                .filter(f -> f.length >= 2 && f[0].equals("berth-h1")).map(f -> f[1]).findFirst().orElse(null);
        Assumptions.assumeTrue(endpoint != null, "berth-h1 not in " + hosts);
        try (DockerEngine h1 = DockerEngines.connect(EngineConfig.of(endpoint).withTls(tls))) {
            Assumptions.assumeTrue(h1.ping(), "berth-h1 does not answer");
            String cluster = "e2e-le-netns";
            assertThat(second.send("POST", "/v1/clusters", "application/json", "{\"name\":\"" + cluster + "\"}")
                    .statusCode()).isIn(200, 201);
            HttpResponse<String> registered = second.send("POST", "/v1/clusters/" + cluster + "/container-instances",
                    "application/json", "{\"endpoint\":\"" + endpoint + "\",\"tlsCertPath\":\"" + tls + "\"}");
            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
            String instance = registered.body().replaceAll("(?s).*?\"id\":\"([^\"]+)\".*", "$1");
            HttpResponse<String> applied = applyThroughTheStandby(SERVICE + "-h1", cluster, 1);
            assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
            try {
                // The leader had no client for the host: the instance's change-log row had it connect one.
                Await.until(Duration.ofSeconds(60), "the task running on berth-h1 (log " + first.log() + ")",
                        () -> h1.list(Map.of("berth.service", SERVICE + "-h1")).stream().anyMatch(ContainerState::running));
            } finally {
                second.send("DELETE", "/v1/clusters/" + cluster + "/services/" + SERVICE + "-h1?wait=true&timeout=60s",
                        null, null);
                second.send("DELETE", "/v1/clusters/" + cluster + "/container-instances/" + instance + "?force=true",
                        null, null);
                h1.list(Map.of("berth.service", SERVICE + "-h1")).forEach(c -> h1.remove(c.id()));
            }
        }
    }

    @Test
    @Order(2)
    void theStandbyServesTheApiAndTakesOverWhenTheLeaderDies() {
        HttpResponse<String> applied = applyThroughTheStandby(SERVICE, "default", 2);
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);

        Await.until(Duration.ofSeconds(60), "2 running tasks, launched by the leader (log " + first.log() + ")",
                () -> running().size() == 2);
        assertThat(logOf(second)).as("the second Berth stands by").doesNotContain(LEADS);
        Set<String> before = ids();

        first.kill();
        Await.until(Duration.ofSeconds(60), "the second Berth leading (log " + second.log() + ")",
                () -> logOf(second).contains(LEADS));
        // Its first pass adopts the two containers: nothing started twice, nothing stopped.
        Await.holdsFor(Duration.ofSeconds(5), "the same 2 containers after the takeover", () -> ids().equals(before));

        docker.stop(before.iterator().next(), Duration.ZERO); // SIGKILL at once: the task's container died
        Await.until(Duration.ofSeconds(60), "a replacement by the new leader (log " + second.log() + ")",
                () -> running().size() == 2 && !ids().equals(before));
        Await.holdsFor(Duration.ofSeconds(3), "exactly 2 running", () -> running().size() == 2);
    }
}
