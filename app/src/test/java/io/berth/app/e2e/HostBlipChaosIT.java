package io.berth.app.e2e;

import io.berth.docker.ContainerState;
import io.berth.docker.DockerEngine;
import io.berth.docker.DockerEngines;
import io.berth.docker.EngineConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chaos on the real netns cluster (three engines over mutual TLS, scripts/cluster-up.sh): every host's link cut at
 * once is Berth's own network failing, not the fleet dying — no task may be replaced and no container stopped —,
 * while one engine that hangs (its dockerd SIGSTOPped, its containers still running) is one lost host, replaced
 * elsewhere, and once it answers again nothing of it is left running beside its replacements.
 *
 * <p>Prints its figures; asserts only the invariants. Hosts are always resumed and healed, whatever happens: other
 * runs use the same cluster.
 */
@Tag("cluster")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostBlipChaosIT {

    private static final Path TLS = Path.of("/var/lib/berth-hosts/tls");
    private static final Path HOSTS = Path.of("/run/berth-hosts/hosts");
    private static final String CLUSTER = "hostchaos";
    private static final int DESIRED = 6;
    /** Longer than the lost-host grace (10 s) and its heartbeat: had a host been declared lost, it would show. */
    private static final Duration STEADY = Duration.ofSeconds(14);

    private static final Map<String, String> endpoints = new LinkedHashMap<>();
    private static final Map<String, DockerEngine> engines = new LinkedHashMap<>();
    private static BerthProcess berth;
    private static String service;

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
        Assumptions.assumeTrue(endpoints.size() == 3 && engines.values().stream().allMatch(DockerEngine::ping),
                "the test cluster is not up with three hosts: " + endpoints);
        berth = new BerthProcess("hostchaos", List.of("--berth.reconciler.stop-timeout=2s"), "hostchaos");
        berth.start();

        HttpResponse<String> created = berth.send("POST", "/v1/clusters", "application/json", "{\"name\":\"" + CLUSTER + "\"}");
        assertThat(created.statusCode()).as(created.body()).isIn(201, 409);
        for (String endpoint : endpoints.values()) {
            HttpResponse<String> r = berth.send("POST", "/v1/clusters/" + CLUSTER + "/container-instances", "application/json",
                    "{\"endpoint\":\"" + endpoint + "\",\"tlsCertPath\":\"" + TLS + "\"}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        }
        service = "chaos-" + UUID.randomUUID().toString().substring(0, 6);
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
                spec: {taskDefinition: %1$s, desiredCount: %3$d}
                """.formatted(service, CLUSTER, DESIRED));
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
        Await.until(Duration.ofSeconds(90), DESIRED + " tasks running", () -> runningEverywhere() == DESIRED);
    }

    @AfterAll
    static void stop() {
        for (String host : endpoints.keySet()) {
            hostCommandQuietly("heal", host);
            hostCommandQuietly("start", host); // resumes a paused engine
        }
        if (berth != null) {
            try {
                berth.send("DELETE", "/v1/clusters/" + CLUSTER + "/services/" + service + "?wait=true&timeout=60s", null, null);
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

    @Test
    @Order(1)
    void aShortBlipOfEveryHostReplacesNothing() {
        blipAllHosts(Duration.ofSeconds(10));
    }

    @Test
    @Order(2)
    void everyHostCutForTwentySecondsIsADisruptionNotAFleetLoss() {
        blipAllHosts(Duration.ofSeconds(20));
    }

    @Test
    @Order(3)
    void aHungEngineIsOneLostHostAndLeavesNoDuplicateOnceItAnswers() {
        awaitSteady();
        String paused = "berth-h3";
        List<String> others = endpoints.keySet().stream().filter(h -> !h.equals(paused)).toList();
        int stoppedBefore = tasks("STOPPED").size();
        int onPaused = running(paused).size();
        long pausedAt = System.nanoTime();
        double replacedAfter;
        try {
            hostCommand(List.of("pause"), List.of(paused));
            // The paused engine is not asked: a call to it would hang until its timeouts.
            Await.until(Duration.ofSeconds(60), DESIRED + " tasks running on " + others,
                    () -> others.stream().mapToInt(h -> running(h).size()).sum() == DESIRED);
            replacedAfter = seconds(pausedAt);
        } finally {
            hostCommandQuietly("resume", paused);
        }
        long resumedAt = System.nanoTime();
        Await.untilKeeping(Duration.ofSeconds(60), "the hung host's old containers gone once it answers",
                () -> others.stream().mapToInt(h -> running(h).size()).sum() <= DESIRED,
                "at most " + DESIRED + " running on " + others,
                () -> running(paused).isEmpty() && runningEverywhere() == DESIRED
                        && tasks("RUNNING").size() == DESIRED);
        double convergedAfter = seconds(resumedAt);
        Await.holdsFor(Duration.ofSeconds(5), DESIRED + " running, no duplicate",
                () -> runningEverywhere() == DESIRED);
        int replaced = tasks("STOPPED").size() - stoppedBefore;
        int duplicates = runningEverywhere() - DESIRED;
        System.out.printf("hung engine (%s, dockerd SIGSTOPped, %d tasks there): replaced on the others %.1f s after "
                        + "the pause; converged %.1f s after the resume; tasks replaced %d; duplicates left %d%n",
                paused, onPaused, replacedAfter, convergedAfter, replaced, duplicates);
        assertThat(replaced).as("the hung host's tasks are replaced, no other; stopped tasks (%d before the pause): %s",
                stoppedBefore, stopReasons()).isEqualTo(onPaused);
        assertThat(duplicates).isZero();
        assertThat(tasks("STOPPED").toString()).contains("HostLost");
    }

    /**
     * Cuts every host's link as nearly at once as the scripts allow, heals them all after {@code cut}, and checks
     * that Berth kept every task and container: no replacement, no stop, the service steady.
     */
    private void blipAllHosts(Duration cut) {
        awaitSteady();
        Map<String, String> containersBefore = runningContainers();
        Set<String> tasksBefore = taskIds(tasks("RUNNING"));
        int stoppedBefore = tasks("STOPPED").size();
        List<String> hosts = List.copyOf(endpoints.keySet());
        boolean disruptionSeen = false;
        long cutAt = System.nanoTime();
        long healedAt;
        try {
            hostCommand(List.of("cut"), hosts);
            long end = cutAt + cut.toNanos();
            while (System.nanoTime() < end) {
                disruptionSeen |= disrupted();
                LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
            }
        } finally {
            healedAt = System.nanoTime();
            hostCommand(List.of("heal"), hosts); // in parallel, so that the links come up within milliseconds
        }
        double answeringAfter = seconds(healedAt);
        Await.until(Duration.ofSeconds(60), "Berth sees every host connected again", this::allConnected);
        double connectedAfter = seconds(healedAt);
        disruptionSeen |= disrupted();
        // Past a full grace after the heal: a host wrongly declared lost would have its tasks replaced by now.
        try {
            Await.holdsFor(STEADY, "no task stopped after the heal", () -> tasks("STOPPED").size() == stoppedBefore);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; stopped tasks (" + stoppedBefore + " before the cut): "
                    + stopReasons(), e);
        }
        Map<String, String> containersAfter = runningContainers();
        Set<String> tasksAfter = taskIds(tasks("RUNNING"));
        int replaced = tasks("STOPPED").size() - stoppedBefore;
        Set<String> lost = new HashSet<>(containersBefore.keySet());
        lost.removeAll(containersAfter.keySet());
        Set<String> added = new HashSet<>(containersAfter.keySet());
        added.removeAll(containersBefore.keySet());
        lost.forEach(c -> System.out.println("lost container " + c + " of task "
                + berth.send("GET", "/v1/clusters/" + CLUSTER + "/tasks/" + containersBefore.get(c), null, null).body()));
        boolean logged = logMentionsDisruption();
        System.out.printf("all %d hosts cut for %d s: tasks replaced %d; containers lost %d, started %d; every host "
                        + "answering %.1f s after the heal, all connected in Berth after %.1f s; disruption metric seen %s, "
                        + "logged %s%n", hosts.size(), cut.toSeconds(), replaced, lost.size(), added.size(), answeringAfter,
                connectedAfter, disruptionSeen, logged);
        assertThat(replaced).as("tasks replaced after a blip of every host").isZero();
        assertThat(lost).as("containers stopped by a blip of every host").isEmpty();
        assertThat(added).as("containers started by a blip of every host").isEmpty();
        assertThat(tasksAfter).isEqualTo(tasksBefore);
        if (cut.compareTo(Duration.ofSeconds(15)) >= 0) {
            // Past the grace every host is silent: only the disruption guard stands between them and replacement.
            assertThat(disruptionSeen).as("berth_hosts_disrupted was 1 during the cut").isTrue();
            assertThat(logged).as("the disruption is logged").isTrue();
        }
    }

    private static void awaitSteady() {
        Await.until(Duration.ofSeconds(60), "service steady: " + DESIRED + " tasks and containers running",
                () -> runningEverywhere() == DESIRED && allRunning(tasks("RUNNING")));
    }

    /** Exactly the desired tasks, every one RUNNING by Berth's own record too: no launch is still under way. */
    private static boolean allRunning(JsonNode tasks) {
        int running = 0;
        for (JsonNode t : tasks) {
            running += "RUNNING".equals(t.get("lastStatus").asString()) ? 1 : 0;
        }
        return tasks.size() == DESIRED && running == DESIRED;
    }

    private static JsonNode tasks(String desiredStatus) {
        return berth.getJson("/v1/clusters/" + CLUSTER + "/tasks?service=" + service + "&desiredStatus=" + desiredStatus
                + "&limit=100");
    }

    /** Each stopped task's id, stop code, reason, and when it was created and stopped: what a failure is told. */
    private static String stopReasons() {
        StringBuilder text = new StringBuilder();
        tasks("STOPPED").forEach(t -> text.append(System.lineSeparator()).append("  ")
                .append(t.path("id").asString("?")).append(' ').append(t.path("stopCode").asString("?")).append(": ")
                .append(t.path("stoppedReason").asString("?")).append(" (created ").append(t.path("createdAt").asString("?"))
                .append(", stopping ").append(t.path("stoppingAt").asString("?")).append(')'));
        return text.toString();
    }

    private static Set<String> taskIds(JsonNode tasks) {
        Set<String> ids = new HashSet<>();
        tasks.forEach(t -> ids.add(t.get("id").asString()));
        return ids;
    }

    private boolean allConnected() {
        JsonNode instances = berth.getJson("/v1/clusters/" + CLUSTER + "/container-instances");
        int connected = 0;
        for (JsonNode i : instances) {
            connected += i.get("connected").asBoolean() ? 1 : 0;
        }
        return connected == endpoints.size();
    }

    private static boolean disrupted() {
        try {
            HttpResponse<String> r = berth.send("GET", "/actuator/prometheus", null, null);
            return r.body().lines().anyMatch(l -> l.startsWith("berth_hosts_disrupted") && l.endsWith(" 1.0"));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean logMentionsDisruption() {
        try {
            return Files.readString(berth.log()).contains("hosts are silent at once");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The service's running containers on every host, container id to task id. Unlike {@link #running}, a host that
     * does not answer is asked again (bounded), not taken for empty: these are the figures' before and after.
     */
    private static Map<String, String> runningContainers() {
        Map<String, String> byId = new LinkedHashMap<>();
        for (String host : endpoints.keySet()) {
            List<List<ContainerState>> found = new ArrayList<>();
            Await.until(Duration.ofSeconds(30), host + " lists its containers", () -> {
                try {
                    found.add(engines.get(host).list(Map.of("berth.service", service)));
                    return true;
                } catch (RuntimeException e) {
                    return false;
                }
            });
            found.getFirst().stream().filter(ContainerState::running)
                    .forEach(c -> byId.put(c.id(), c.labels().getOrDefault("berth.task-id", "?")));
        }
        return byId;
    }

    private static List<ContainerState> running(String host) {
        try {
            return engines.get(host).list(Map.of("berth.service", service)).stream().filter(ContainerState::running).toList();
        } catch (RuntimeException e) {
            return List.of(); // an unreachable host has nothing running as far as the service is concerned
        }
    }

    private static int runningEverywhere() {
        return endpoints.keySet().stream().mapToInt(h -> running(h).size()).sum();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** Runs {@code cluster-host.sh VERB HOST} for every host at once, and waits for all. */
    private static void hostCommand(List<String> verb, List<String> hosts) {
        List<Process> started = new ArrayList<>();
        try {
            for (String host : hosts) {
                List<String> cmd = new ArrayList<>(List.of("bash", "scripts/cluster-host.sh"));
                cmd.addAll(verb);
                cmd.add(host);
                started.add(new ProcessBuilder(cmd).directory(Path.of("..").toFile()).inheritIO().start());
            }
            for (int i = 0; i < started.size(); i++) {
                Process p = started.get(i);
                assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("cluster-host.sh " + verb + " " + hosts.get(i) + " ended").isTrue();
                assertThat(p.exitValue()).as("cluster-host.sh " + verb + " " + hosts.get(i)).isZero();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            started.forEach(p -> {
                if (p.isAlive()) {
                    p.destroyForcibly();
                }
            });
        }
    }

    private static void hostCommandQuietly(String verb, String host) {
        try {
            hostCommand(List.of(verb), List.of(host));
        } catch (RuntimeException | AssertionError e) {
            System.err.println("restoring " + host + ": " + e.getMessage());
        }
    }
}
