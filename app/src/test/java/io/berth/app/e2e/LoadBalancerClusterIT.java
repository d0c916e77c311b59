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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load balancer across hosts (the netns cluster, scripts/cluster-up.sh): HAProxy on one host (an instance
 * attribute places it), four health-checked busybox-httpd tasks spread over the three, a steady stream of GETs
 * through the listener. A rolling update, a scale-in 4 → 2 and the DRAINING of a host other than the balancer's
 * stop remote targets while requests run: none may fail. Then a host other than the balancer's crashes: the service
 * comes back to its count on the remaining hosts, and no request fails either: a connection to a dead target times
 * out within the group's connectTimeout (1s) and HAProxy retries it on another server, while its checks (and the
 * failed connections themselves) mark the dead ones down; and as soon as Berth misses the host, before it declares
 * it lost, its targets leave the configuration and the targets API shows them out of rotation.
 *
 * <p>Prints per-phase figures. The crashed host is always started again, whatever happens: other runs use it.
 */
@Tag("cluster")
class LoadBalancerClusterIT {

    private static final Path TLS = Path.of("/var/lib/berth-hosts/tls");
    private static final Path HOSTS = Path.of("/run/berth-hosts/hosts");
    private static final String CLUSTER = "lbcluster";
    private static final String HAPROXY_IMAGE = "berth/haproxy:2.6";
    private static final String LB_HOST = "berth-h1";
    private static final String NAME = "lbc-" + UUID.randomUUID().toString().substring(0, 6);
    private static final int TASKS = 4;
    private static final int SCALED = 2;
    /** One request every 50 ms: 20 per second, from one client thread. */
    private static final Duration PERIOD = Duration.ofMillis(50);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private static final Map<String, String> endpoints = new LinkedHashMap<>();
    private static final Map<String, DockerEngine> engines = new LinkedHashMap<>();
    private static final Map<String, String> instanceIds = new LinkedHashMap<>();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static BerthProcess berth;
    private static String crashed;

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
        Assumptions.assumeTrue(endpoints.size() == 3 && endpoints.containsKey(LB_HOST)
                        && engines.values().stream().allMatch(DockerEngine::ping),
                "the test cluster is not up with three hosts: " + endpoints);
        ensureHaproxyImage();
        berth = new BerthProcess("lbcluster", List.of("--berth.reconciler.stop-timeout=2s"), "lbcluster");
        berth.start();
        HttpResponse<String> created = berth.send("POST", "/v1/clusters", "application/json", "{\"name\":\"" + CLUSTER + "\"}");
        assertThat(created.statusCode()).as(created.body()).isIn(201, 409);
        for (Map.Entry<String, String> e : endpoints.entrySet()) {
            String role = e.getKey().equals(LB_HOST) ? "edge" : "worker";
            HttpResponse<String> r = berth.send("POST", "/v1/clusters/" + CLUSTER + "/container-instances", "application/json",
                    "{\"endpoint\":\"" + e.getValue() + "\",\"tlsCertPath\":\"" + TLS + "\",\"attributes\":{\"lb-role\":\""
                            + role + "\"}}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            instanceIds.put(e.getKey(), JSON.readTree(r.body()).get("id").asString());
        }
    }

    @AfterAll
    static void stop() {
        if (crashed != null) {
            hostCommandQuietly("start", crashed);
        }
        if (berth != null) {
            try {
                berth.send("DELETE", "/v1/clusters/" + CLUSTER + "/services/" + NAME + "?wait=true&timeout=60s", null, null);
                berth.send("DELETE", "/v1/clusters/" + CLUSTER + "/load-balancers/" + NAME, null, null);
            } catch (RuntimeException e) {
                System.err.println("cleanup: " + e.getMessage());
            }
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

    /** No registry is reachable: the balancer's host gets the image from the local engine (as bench/traffic.sh does). */
    private static void ensureHaproxyImage() {
        String env = "DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH=" + TLS + " DOCKER_HOST=" + endpoints.get(LB_HOST);
        String script = env + " docker image inspect " + HAPROXY_IMAGE + " >/dev/null 2>&1 || "
                + "(docker save " + HAPROXY_IMAGE + " | " + env + " timeout 180 docker load -q >/dev/null)";
        run(List.of("bash", "-c", script), Duration.ofSeconds(200));
    }

    private static String manifests(int port, int desiredCount, int rev) {
        return """
                apiVersion: berth/v1
                kind: TaskDefinition
                metadata: {name: %1$s}
                spec:
                  containers:
                    - name: web
                      image: busybox:1.36
                      command: [sh, -c, "mkdir -p /www && hostname > /www/index.html && echo ok > /www/health && exec httpd -f -p 8080 -h /www"]
                      environment: {REVISION: "%5$d"}
                      cpu: 16
                      memory: 32
                      portMappings: [{containerPort: 8080}]
                      linuxParameters: {initProcessEnabled: true}
                      healthCheck: {command: [CMD-SHELL, "wget -q -O /dev/null http://127.0.0.1:8080/health || exit 1"], interval: 1s, timeout: 3s, retries: 3, startPeriod: 10s}
                ---
                apiVersion: berth/v1
                kind: TargetGroup
                metadata: {name: %1$s, cluster: %2$s}
                spec:
                  protocol: HTTP
                  healthCheck: {path: /health, interval: 2s, timeout: 1s, healthyThreshold: 2, unhealthyThreshold: 2}
                  deregistrationDelay: 3s
                ---
                apiVersion: berth/v1
                kind: LoadBalancer
                metadata: {name: %1$s, cluster: %2$s}
                spec:
                  placement: "attribute:lb-role == edge"
                  listeners:
                    - {port: %3$d, protocol: HTTP, defaultTargetGroup: %1$s}
                ---
                apiVersion: berth/v1
                kind: Service
                metadata: {name: %1$s, cluster: %2$s}
                spec:
                  taskDefinition: %1$s
                  desiredCount: %4$d
                  deployment: {minimumHealthyPercent: 100, maximumPercent: 200}
                  loadBalancers: [{targetGroup: %1$s, containerName: web, containerPort: 8080}]
                """.formatted(NAME, CLUSTER, port, desiredCount, rev);
    }

    private static void apply(String yaml) {
        HttpResponse<String> r = berth.send("POST", "/v1/apply", "application/yaml", yaml);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    /** GETs through the listener at a fixed rate from one thread, each with a timeout; every answer counted. */
    static final class Load implements AutoCloseable {
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicInteger ok = new AtomicInteger();
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        final Thread thread;

        Load(URI uri) {
            thread = Thread.ofPlatform().daemon().name("lb-cluster-load").start(() -> {
                long next = System.nanoTime();
                while (running.get()) {
                    next += PERIOD.toNanos();
                    HttpRequest request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET().build();
                    try {
                        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() / 100 == 2) {
                            ok.incrementAndGet();
                        } else {
                            failures.add(r.statusCode() + " " + r.body().strip());
                        }
                    } catch (IOException e) {
                        failures.add(e.toString());
                    } catch (InterruptedException e) {
                        return;
                    }
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    } else {
                        next = System.nanoTime(); // behind after a slow answer: no burst to catch up
                    }
                }
            });
        }

        /**
         * The requests answered (or failed) since the last call, which it resets; the failures are added to
         * {@code failed}. A request counts in the phase in which it ended.
         */
        Phase phase(String name, long startedNanos, List<String> failed) {
            int good = ok.getAndSet(0);
            List<String> f = new ArrayList<>();
            for (String s; (s = failures.poll()) != null; ) {
                f.add(s);
                failed.add(name + ": " + s);
            }
            return new Phase(name, good + f.size(), good, f.size(), (System.nanoTime() - startedNanos) / 1_000_000);
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(REQUEST_TIMEOUT.toMillis() + 5_000);
            client.close();
        }
    }

    record Phase(String name, int sent, int ok, int failed, long millis) {
        @Override
        public String toString() {
            return "%s: %d requests, %d ok, %d failed, %d ms".formatted(name, sent, ok, failed, millis);
        }
    }

    @Test
    void noRequestFailsWhileRemoteTargetsAreUpdatedScaledInAndDrainedAndAHostCrashIsRecovered() throws Exception {
        long t0 = System.nanoTime();
        int port = ThreadLocalRandom.current().nextInt(18_500, 19_500);
        URI listener = URI.create("http://" + URI.create(endpoints.get(LB_HOST)).getHost() + ":" + port + "/");
        apply(manifests(port, TASKS, 1));
        awaitSteady(Duration.ofSeconds(120), TASKS, 1, Set.of());
        Await.until(Duration.ofSeconds(30), "the listener " + listener + " answers", () -> answers(listener));
        System.out.println("load balancer cluster e2e: " + TASKS + " tasks " + perHost(Set.of()) + ", balancer on "
                + LB_HOST + ", steady after " + (System.nanoTime() - t0) / 1_000_000 + " ms");

        List<Phase> phases = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        List<String> crashFailures = new ArrayList<>();
        try (Load load = new Load(listener)) {
            long p = System.nanoTime();
            Thread.sleep(2_000);
            phases.add(load.phase("steady", p, failed));

            // (a) rolling update: four new tasks, the four old ones deregistered, drained and stopped
            p = System.nanoTime();
            apply(manifests(port, TASKS, 2));
            awaitSteady(Duration.ofSeconds(120), TASKS, 2, Set.of());
            phases.add(load.phase("(a) rolling update", p, failed));

            // (b) scale-in 4 -> 2
            p = System.nanoTime();
            apply(manifests(port, SCALED, 2));
            awaitSteady(Duration.ofSeconds(60), SCALED, 2, Set.of());
            phases.add(load.phase("(b) scale-in " + TASKS + " -> " + SCALED, p, failed));
            apply(manifests(port, TASKS, 2));
            awaitSteady(Duration.ofSeconds(90), TASKS, 2, Set.of());
            load.phase("scale-out again (not asserted)", p, new ArrayList<>());

            // (c) DRAINING of the host other than the balancer's with the most tasks
            String drained = busiestOtherHost(Set.of());
            int onDrained = running(drained).size();
            p = System.nanoTime();
            setStatus(drained, "DRAINING");
            Await.until(Duration.ofSeconds(120), drained + " drained", () -> running(drained).isEmpty());
            awaitSteady(Duration.ofSeconds(60), TASKS, 2, Set.of());
            phases.add(load.phase("(c) drain " + drained + " (" + onDrained + " tasks)", p, failed));
            setStatus(drained, "ACTIVE");

            // (d) a crash of a host other than the balancer's: replaced on the others once the host is lost
            String victim = busiestOtherHost(Set.of());
            int onVictim = running(victim).size();
            p = System.nanoTime();
            crashed = victim;
            hostCommand("crash", victim);
            long crashedAt = System.nanoTime();
            // Its targets leave the balancer as soon as Berth misses the host, not when it is declared lost
            // (host-lost-grace, 10 s) and its tasks are replaced: the targets API says so, naming the host.
            String victimId = instanceIds.get(victim);
            List<String> outOfRotation = new ArrayList<>();
            Await.until(Duration.ofSeconds(20), "the targets on " + victim + " out of rotation (log " + berth.log() + ")",
                    () -> {
                        outOfRotation.clear();
                        berth.getJson("/v1/clusters/" + CLUSTER + "/target-groups/" + NAME + "/targets").forEach(t -> {
                            JsonNode h = t.get("health");
                            if (victimId.equals(t.get("target").get("instanceId").asString())
                                    && "unused".equals(h.get("state").asString())
                                    && "Target.InvalidState".equals(h.get("reason").asString())) {
                                outOfRotation.add(h.get("description").asString());
                            }
                        });
                        return outOfRotation.size() == onVictim;
                    });
            System.out.println("load balancer cluster e2e: " + victim + "'s " + onVictim + " targets out of rotation "
                    + (System.nanoTime() - crashedAt) / 1_000_000 + " ms after the crash: " + (outOfRotation.isEmpty() ? "-" : outOfRotation.getFirst()));
            awaitSteady(Duration.ofSeconds(90), TASKS, 2, Set.of(victim));
            load.close(); // the last request's answer counts in this phase
            phases.add(load.phase("(d) crash " + victim + " (" + onVictim + " tasks)", p, crashFailures));
        } finally {
            if (crashed != null) {
                hostCommandQuietly("start", crashed);
            }
        }
        phases.forEach(ph -> System.out.println("load balancer cluster e2e: " + ph));
        crashFailures.forEach(f -> System.out.println("load balancer cluster e2e: failed during the crash: " + f));
        System.out.println("load balancer cluster e2e: " + (System.nanoTime() - t0) / 1_000_000 + " ms in all; tasks "
                + perHost(Set.of(crashed)));
        assertThat(failed).as("failed requests in (a), (b), (c) (log " + berth.log() + ")").isEmpty();
        assertThat(crashFailures).as("failed requests during the crash (d) (log " + berth.log() + ")").isEmpty();
        assertThat(phases.stream().filter(ph -> !ph.name().startsWith("(d)")).mapToInt(Phase::ok).sum())
                .as("requests answered").isPositive();
    }

    /**
     * {@code count} tasks of revision {@code rev} running (Berth's record and the engines, the hosts in {@code skip}
     * not asked), nothing else desired running, and exactly those tasks healthy targets of the group.
     */
    private static void awaitSteady(Duration limit, int count, int rev, Set<String> skip) {
        Await.until(limit, count + " tasks of revision " + rev + " running and healthy targets (log " + berth.log() + ")",
                () -> {
                    JsonNode tasks = berth.getJson("/v1/clusters/" + CLUSTER + "/tasks?service=" + NAME
                            + "&desiredStatus=RUNNING&limit=100");
                    Set<String> ids = new HashSet<>();
                    for (JsonNode t : tasks) {
                        if ("RUNNING".equals(t.get("lastStatus").asString())
                                && t.get("taskDefinition").asString().endsWith(":" + rev)) {
                            ids.add(t.get("id").asString());
                        }
                    }
                    int inEngines = endpoints.keySet().stream().filter(h -> !skip.contains(h))
                            .mapToInt(h -> running(h).size()).sum();
                    return tasks.size() == count && ids.size() == count && inEngines == count
                            && healthyTargets().equals(ids);
                });
    }

    private static Set<String> healthyTargets() {
        Set<String> healthy = new HashSet<>();
        berth.getJson("/v1/clusters/" + CLUSTER + "/target-groups/" + NAME + "/targets").forEach(t -> {
            if ("healthy".equals(t.get("health").get("state").asString())) {
                healthy.add(t.get("target").get("taskId").asString());
            }
        });
        return healthy;
    }

    private static boolean answers(URI uri) {
        try (HttpClient c = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            return c.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String busiestOtherHost(Set<String> skip) {
        return endpoints.keySet().stream().filter(h -> !h.equals(LB_HOST) && !skip.contains(h))
                .max((a, b) -> Integer.compare(running(a).size(), running(b).size())).orElseThrow();
    }

    private static String perHost(Set<String> skip) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        endpoints.keySet().stream().filter(h -> !skip.contains(h)).forEach(h -> counts.put(h, running(h).size()));
        return counts.toString();
    }

    private static void setStatus(String host, String status) {
        HttpResponse<String> r = berth.send("PUT", "/v1/clusters/" + CLUSTER + "/container-instances/"
                + instanceIds.get(host) + "/status", "application/json", "{\"status\":\"" + status + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static List<ContainerState> running(String host) {
        try {
            return engines.get(host).list(Map.of("berth.service", NAME)).stream().filter(ContainerState::running).toList();
        } catch (RuntimeException e) {
            return List.of(); // an unreachable host has nothing running as far as the service is concerned
        }
    }

    private static void hostCommand(String verb, String host) {
        run(List.of("bash", "scripts/cluster-host.sh", verb, host), Duration.ofSeconds(120));
    }

    private static void hostCommandQuietly(String verb, String host) {
        try {
            hostCommand(verb, host);
        } catch (RuntimeException | AssertionError e) {
            System.err.println("restoring " + host + ": " + e.getMessage());
        }
    }

    /** Runs a command from the repository root, bounded, and asserts it succeeded. */
    private static void run(List<String> cmd, Duration limit) {
        Process p = null;
        try {
            p = new ProcessBuilder(cmd).directory(Path.of("..").toFile()).inheritIO().start();
            assertThat(p.waitFor(limit.toSeconds(), TimeUnit.SECONDS)).as(cmd + " ended").isTrue();
            assertThat(p.exitValue()).as(String.join(" ", cmd)).isZero();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            if (p != null && p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }
}
