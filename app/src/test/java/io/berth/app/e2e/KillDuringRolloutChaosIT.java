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

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGKILL Berth at a random moment of each of 30 rolling deployments, on the real Docker engine and a real
 * PostgreSQL, start it again on the same database and data directory, and check after each restart:
 * <ul>
 *   <li>never more containers running than maximumPercent allows, and never fewer healthy ones than
 *       minimumHealthyPercent requires — sampled from the engine on a thread of its own during the rollout, the kill,
 *       the downtime and the restart ({@link RolloutBoundsSampler} says exactly what counts);</li>
 *   <li>the rolled service converges: desiredCount tasks of the new revision RUNNING, its deployment COMPLETED,
 *       exactly those containers running (timed from Berth answering healthy again);</li>
 *   <li>no orphan and no duplicate: every container labelled with a service belongs to a task Berth lists, no task
 *       has two containers of one name, every running container belongs to a task RUNNING and meant to run.</li>
 * </ul>
 * Four services with different bounds (3 or 4 tasks, 50 or 100 % healthy, 150 or 200 % maximum) are rolled in turn;
 * all four are watched the whole time, so a kill must not hurt the services that are not rolling either. The kill
 * falls 0–3 s after the new revision is posted (a rollout of these takes about that long). The health check is
 * lenient (10 s timeout, 5 retries) and probes every 2 s: on a busy shared machine a 1 s probe times out and Berth
 * rightly replaces the task, which is not what this suite is about, and every probe is an exec the engine serves. The seed is printed;
 * {@code -Dchaos.seed=N} replays a run's kill moments, {@code -Dchaos.rollouts=N} changes the count.
 * <p>Lives beside {@link BerthProcess} (package-private, shared by every end-to-end suite) rather than in a package
 * of its own, which would have to widen it and {@link Await} to public for this one suite.
 */
@Tag("docker")
class KillDuringRolloutChaosIT {

    private static final String LABEL = "berth.service";
    private static final String PREFIX = "e2e-ck-";
    private static final int ROLLOUTS = Integer.getInteger("chaos.rollouts", 30);
    private static final long SEED = Long.getLong("chaos.seed", System.nanoTime());
    private static final Duration KILL_WINDOW = Duration.ofSeconds(3);
    private static final Duration CONVERGE_LIMIT = Duration.ofSeconds(120);
    /**
     * Start-up is most of this suite's time: C1 only (a control plane does not need C2's peak speed), and — see
     * {@link BerthProcess#useAotCache()} — the JVM's AOT cache, trained once per run. Both are what an operator may
     * set for a Berth run under a supervisor; {@code -Dchaos.aot-cache=false} measures without the cache.
     */
    private static final List<String> FAST_START = List.of("-XX:TieredStopAtLevel=1");
    private static final boolean AOT_CACHE = Boolean.parseBoolean(System.getProperty("chaos.aot-cache", "true"));

    private static DockerEngine docker;
    private static BerthProcess berth;

    private record Svc(String name, RolloutBoundsSampler.Bounds bounds) {
    }

    @BeforeAll
    static void start() {
        docker = DockerEngines.connect(EngineConfig.of(EngineConfig.LOCAL_ENDPOINT));
        // A database of its own: the orphan check lists every task of the services, and a fresh one per run means
        // a rerun in the same JVM's PostgreSQL never meets what an earlier run left.
        String database = "chaos_kill_" + UUID.randomUUID().toString().substring(0, 8);
        berth = new BerthProcess("chaos-kill", List.of("--berth.reconciler.resync-interval=2s",
                "--berth.reconciler.stop-timeout=1s"), database).jvmOptions(FAST_START);
    }

    @AfterAll
    static void stop() {
        if (berth != null) {
            berth.close();
        }
        if (docker != null) {
            E2eContainers.removeManaged(docker, LABEL, PREFIX);
            docker.close();
        }
    }

    /** Every task gets it as an environment variable and a file: launches cut by a kill must still deliver both. */
    private static final String SECRET_VALUE = "pw-" + UUID.randomUUID();
    private static String secretName;

    private static String secretManifest() {
        return """
                apiVersion: berth/v1
                kind: Secret
                metadata: {name: %s}
                stringData: {password: "%s"}
                """.formatted(secretName, SECRET_VALUE);
    }

    private static String manifest(Svc svc, int version) {
        RolloutBoundsSampler.Bounds b = svc.bounds();
        return """
                apiVersion: berth/v1
                kind: TaskDefinition
                metadata: {name: %1$s}
                spec:
                  containers:
                    - name: httpd
                      image: busybox:1.36
                      command: [sh, -c, 'mkdir -p /www && echo ok > /www/index.html && exec httpd -f -p 8080 -h /www']
                      environment: {VERSION: "%2$d"}
                      secrets: [{name: DB_PASSWORD, valueFrom: "%6$s:password"}]
                      files: [{path: /run/secrets/db/password, secret: %6$s, key: password, mode: "0400"}]
                      cpu: 16
                      memory: 16
                      healthCheck: {command: [CMD-SHELL, 'wget -q -O /dev/null http://127.0.0.1:8080/ || exit 1'], interval: 2s, timeout: 10s, retries: 5}
                ---
                apiVersion: berth/v1
                kind: Service
                metadata: {name: %1$s, cluster: default}
                spec:
                  taskDefinition: %1$s
                  desiredCount: %3$d
                  deployment: {minimumHealthyPercent: %4$d, maximumPercent: %5$d, minHealthyTime: 1s}
                """.formatted(svc.name(), version, b.desired(), b.minimumHealthyPercent(), b.maximumPercent(),
                secretName);
    }

    private static void apply(String body) {
        HttpResponse<String> r = berth.send("POST", "/v1/apply", "application/yaml", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static List<ContainerState> containers(String service) {
        return docker.list(Map.of(LABEL, service));
    }

    private static List<ContainerState> running(String service) {
        return containers(service).stream().filter(ContainerState::running).toList();
    }

    /** The revision's tasks RUNNING == desired, nothing else meant to run, its deployment COMPLETED, the engine agreeing. */
    private static boolean converged(Svc svc, String revision) {
        int desired = svc.bounds().desired();
        List<ContainerState> live = running(svc.name());
        if (live.size() != desired || !live.stream().allMatch(c -> revision.equals(c.labels().get("berth.task-definition")))) {
            return false;
        }
        JsonNode tasks = berth.getJson("/v1/clusters/default/tasks?service=" + svc.name() + "&desiredStatus=RUNNING");
        int current = 0;
        for (JsonNode t : tasks) {
            if (!revision.equals(t.get("taskDefinition").asString()) || !"RUNNING".equals(t.get("lastStatus").asString())) {
                return false;
            }
            current++;
        }
        if (current != desired) {
            return false;
        }
        JsonNode latest = berth.getJson("/v1/clusters/default/services/" + svc.name() + "/deployments").get(0);
        return revision.equals(latest.get("taskDefinition").asString())
                && "COMPLETED".equals(latest.get("rolloutState").asString());
    }

    /** API answers of the run that held the secret's value (none may). */
    private static final List<String> leaks = new ArrayList<>();

    /**
     * Each running container of the service has the secret in its environment and its file, whatever moment of its
     * launch a kill cut: a container started without its file would show here.
     */
    private static List<String> secretsDelivered(Svc svc) {
        List<String> missing = new ArrayList<>();
        for (ContainerState c : running(svc.name())) {
            String out = docker.exec(c.id(), List.of("sh", "-c",
                    "echo \"env=$DB_PASSWORD\"; echo \"file=$(cat /run/secrets/db/password)\""), Duration.ofSeconds(10), 4096);
            if (!out.contains("env=" + SECRET_VALUE) || !out.contains("file=" + SECRET_VALUE)) {
                missing.add(c.name() + ": " + out.replace(SECRET_VALUE, "<the value>").strip());
            }
        }
        return missing;
    }

    /** Findings of one look at a service's containers against Berth's tasks. */
    private record Audit(List<String> orphans, List<String> duplicates) {
    }

    private static Audit audit(Svc svc) {
        Map<String, JsonNode> tasks = new HashMap<>();
        JsonNode all = berth.getJson("/v1/clusters/default/tasks?service=" + svc.name());
        for (JsonNode t : all) {
            tasks.put(t.get("id").asString(), t);
        }
        String answers = all + " " + berth.getJson("/v1/clusters/default/services/" + svc.name())
                + berth.getJson("/v1/clusters/default/services/" + svc.name() + "/deployments");
        if (answers.contains(SECRET_VALUE)) {
            leaks.add(svc.name() + ": an API answer holds the secret's value");
        }
        List<String> orphans = new ArrayList<>();
        List<String> duplicates = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ContainerState c : containers(svc.name())) {
            String taskId = c.labels().get("berth.task-id");
            JsonNode task = taskId == null ? null : tasks.get(taskId);
            String what = c.name() + " (" + c.status() + ")";
            if (task == null) {
                orphans.add(what + ": no such task");
            } else if (c.running() && !("RUNNING".equals(task.get("desiredStatus").asString())
                    && "RUNNING".equals(task.get("lastStatus").asString()))) {
                orphans.add(what + ": running, but its task is " + task.get("desiredStatus").asString() + "/"
                        + task.get("lastStatus").asString());
            }
            if (!seen.add(taskId + "/" + c.labels().get("berth.container"))) {
                duplicates.add(what + ": a second container of task " + taskId);
            }
        }
        return new Audit(orphans, duplicates);
    }

    private static void awaitConverged(Svc svc, String revision) {
        try {
            Await.until(CONVERGE_LIMIT, svc.name() + " converged on " + revision + " (log " + berth.log() + ")",
                    () -> converged(svc, revision));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + describe(svc), e);
        }
    }

    /** What Berth and the engine say about a service, for a failure message. */
    private static String describe(Svc svc) {
        StringBuilder b = new StringBuilder();
        for (ContainerState c : containers(svc.name())) {
            b.append("  container ").append(c.name()).append(' ').append(c.status()).append(' ').append(c.health())
                    .append(' ').append(c.labels().get("berth.task-definition")).append('\n');
        }
        for (JsonNode t : berth.getJson("/v1/clusters/default/tasks?service=" + svc.name())) {
            b.append("  task ").append(t.get("id").asString()).append(' ').append(t.get("taskDefinition").asString())
                    .append(' ').append(t.get("desiredStatus").asString()).append('/').append(t.get("lastStatus").asString())
                    .append(' ').append(t.get("stoppedReason")).append('\n');
        }
        b.append("  deployments ").append(berth.getJson("/v1/clusters/default/services/" + svc.name() + "/deployments")).append('\n');
        b.append("  service ").append(berth.getJson("/v1/clusters/default/services/" + svc.name())).append('\n');
        return b.toString();
    }

    private static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    @Test
    void sigkillDuringRollingDeploymentsKeepsBoundsAndConverges() {
        long suiteStart = System.nanoTime();
        System.out.println("[chaos-kill] seed " + SEED + " (-Dchaos.seed=" + SEED + " replays it), rollouts " + ROLLOUTS);
        Random random = new Random(SEED);
        String run = UUID.randomUUID().toString().substring(0, 6);
        List<Svc> services = List.of(
                new Svc(PREFIX + run + "-a", new RolloutBoundsSampler.Bounds(3, 50, 200)),
                new Svc(PREFIX + run + "-b", new RolloutBoundsSampler.Bounds(4, 100, 150)),
                new Svc(PREFIX + run + "-c", new RolloutBoundsSampler.Bounds(3, 100, 200)),
                new Svc(PREFIX + run + "-d", new RolloutBoundsSampler.Bounds(4, 50, 150)));
        Map<String, Integer> versions = new HashMap<>();

        BerthProcess.AotTraining training = AOT_CACHE ? berth.useAotCache() : new BerthProcess.AotTraining(Duration.ZERO);
        List<Long> startups = new ArrayList<>();
        List<Long> startupCpu = new ArrayList<>();
        long t = System.nanoTime();
        berth.start();
        startups.add((System.nanoTime() - t) / 1_000_000);
        startupCpu.add(berth.cpuTime().toMillis());
        secretName = PREFIX + run + "-db";
        apply(secretManifest());
        services.forEach(s -> { apply(manifest(s, 1)); versions.put(s.name(), 1); });
        services.forEach(s -> awaitConverged(s, s.name() + ":1"));

        List<Long> convergence = new ArrayList<>();
        List<Long> killAfter = new ArrayList<>();
        int kills = 0;
        List<String> orphans = new ArrayList<>();
        List<String> duplicates = new ArrayList<>();
        try (RolloutBoundsSampler sampler = new RolloutBoundsSampler(docker, LABEL, Duration.ofMillis(50))) {
            services.forEach(s -> sampler.watch(s.name(), s.bounds()));
            for (int i = 0; i < ROLLOUTS; i++) {
                Svc svc = services.get(i % services.size());
                int version = versions.merge(svc.name(), 1, Integer::sum);
                String revision = svc.name() + ":" + version;
                long delay = random.nextLong(KILL_WINDOW.toMillis() + 1);
                killAfter.add(delay);

                sampler.phase("rollout " + (i + 1) + " of " + revision);
                apply(manifest(svc, version));
                LockSupport.parkNanos(Duration.ofMillis(delay).toNanos());
                sampler.phase("kill " + (i + 1) + " (" + delay + " ms into " + revision + ")");
                berth.kill();
                kills++;
                sampler.phase("restart " + (i + 1));
                t = System.nanoTime();
                berth.start();
                long healthyAt = System.nanoTime();
                startups.add((healthyAt - t) / 1_000_000);
                startupCpu.add(berth.cpuTime().toMillis());
                sampler.phase("converge " + (i + 1) + " of " + revision);
                awaitConverged(svc, revision);
                convergence.add((System.nanoTime() - healthyAt) / 1_000_000);
                for (Svc s : services) {
                    Audit a = audit(s);
                    a.orphans().forEach(o -> orphans.add("rollout " + revisionOf(s, versions) + ": " + o));
                    a.duplicates().forEach(d -> duplicates.add("rollout " + revisionOf(s, versions) + ": " + d));
                }
                System.out.printf("[chaos-kill] %2d/%d %-24s kill at %4d ms, start-up %6d ms (cpu %6d ms), converged %6d ms after%n",
                        i + 1, ROLLOUTS, revision, delay, startups.getLast(), startupCpu.getLast(), convergence.getLast());
            }
            sampler.phase("done");
            // Every service, not only the last one rolled, is where it should be at the end.
            services.forEach(s -> assertThat(converged(s, revisionOf(s, versions))).as(s.name() + " converged").isTrue());

            List<Long> sorted = convergence.stream().sorted().toList();
            List<Long> starts = startups.stream().sorted().toList();
            System.out.println("[chaos-kill] figures");
            System.out.printf("  rollouts %d, kills %d, seed %d%n", ROLLOUTS, kills, SEED);
            System.out.printf("  kill moment after posting the revision ms: min %d, max %d%n",
                    killAfter.stream().mapToLong(Long::longValue).min().orElse(0),
                    killAfter.stream().mapToLong(Long::longValue).max().orElse(0));
            System.out.printf("  convergence after restart (healthy -> converged) ms: p50 %d, p90 %d, max %d%n",
                    percentile(sorted, 50), percentile(sorted, 90), sorted.isEmpty() ? 0 : sorted.getLast());
            System.out.printf("  Berth start-up (process start -> healthy) ms: p50 %d, p90 %d, max %d (%d starts)%n",
                    percentile(starts, 50), percentile(starts, 90), starts.getLast(), starts.size());
            System.out.printf("  AOT cache %s: extraction and training %d ms%n", AOT_CACHE ? "on" : "off",
                    training.wall().toMillis());
            List<Long> cpu = startupCpu.stream().sorted().toList();
            System.out.printf("  Berth start-up CPU time (user + system, to healthy) ms: p50 %d, max %d; machine load %.1f on %d cores%n",
                    percentile(cpu, 50), cpu.getLast(), java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                            .getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
            System.out.printf("  engine samples %d (unanswered %d), violations (running > max) %d, lost (healthy < min) %d%n",
                    sampler.samples(), sampler.errors(), sampler.violations(), sampler.losses());
            System.out.printf("  duplicates %d, orphans %d%n", duplicates.size(), orphans.size());
            System.out.printf("  suite time %d s%n", (System.nanoTime() - suiteStart) / 1_000_000_000);
            sampler.offences().forEach(o -> System.out.println("  offence: " + o));
            orphans.forEach(o -> System.out.println("  orphan: " + o));
            duplicates.forEach(d -> System.out.println("  duplicate: " + d));

            assertThat(sampler.samples()).as("engine samples taken").isGreaterThan(ROLLOUTS);
            assertThat(sampler.offences()).as("samples over maximumPercent or under minimumHealthyPercent").isEmpty();
            assertThat(orphans).as("orphan containers").isEmpty();
            assertThat(duplicates).as("duplicate containers").isEmpty();
            List<String> undelivered = new ArrayList<>();
            services.forEach(sv -> undelivered.addAll(secretsDelivered(sv)));
            System.out.printf("  secret: containers without it in env and file %d, API answers holding its value %d%n",
                    undelivered.size(), leaks.size());
            assertThat(undelivered).as("running containers without the secret in their environment and file").isEmpty();
            assertThat(leaks).as("API answers holding the secret's value").isEmpty();
            try {
                assertThat(java.nio.file.Files.readString(berth.log())).as("Berth's log over every kill and restart")
                        .doesNotContain(SECRET_VALUE);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            assertThat(convergence).hasSize(ROLLOUTS);
        }
    }

    private static String revisionOf(Svc s, Map<String, Integer> versions) {
        return s.name() + ":" + versions.get(s.name());
    }
}
