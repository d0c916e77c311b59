package io.berth.app.e2e;

import io.berth.docker.ContainerState;
import io.berth.docker.DockerEngine;
import io.berth.docker.DockerEngines;
import io.berth.docker.EngineConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chaos: the database goes away and comes back while Berth works. Two Berth processes (leader and standby) share a
 * PostgreSQL of this suite's own, which is stopped for {@link #OUTAGE} and started again on the same port — once
 * during a rolling deployment of a 4-task service, once while one-off tasks are being run. Asserted: while the
 * database is away the API answers 503 with Retry-After (nothing else that is not 2xx, and no answer hangs past
 * {@link ApiProbe#TIMEOUT}); no container is stopped because of the outage; afterwards the API answers again, the
 * rollout completes, every accepted one-off task ends with its own exit code in exactly one container, and no Berth
 * process exited. Printed per fault: outage, 503s, other failures, time to the first 2xx after the database was back,
 * convergence time, containers lost and duplicated, and which Berth led before and after.
 */
@Tag("docker")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseRestartChaosIT {

    private static final String PREFIX = "e2e-chaos-db-";
    /** How long the database stays stopped (stopping and starting it add a few seconds): within the renew deadline. */
    private static final Duration OUTAGE = Duration.ofSeconds(6);
    private static final int TASKS = 4;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> ARGS = List.of("--berth.reconciler.resync-interval=2s",
            "--berth.reconciler.stop-timeout=2s", "--berth.reconciler.leader-check-interval=1s");

    private static DockerEngine docker;
    private static RestartablePostgres postgres;
    private static BerthProcess first;
    private static BerthProcess second;

    @BeforeAll
    static void start() {
        docker = DockerEngines.connect(EngineConfig.of(EngineConfig.LOCAL_ENDPOINT));
        postgres = new RestartablePostgres();
        postgres.start();
        first = new BerthProcess("chaos-db-a", ARGS, postgres.dataSource());
        second = new BerthProcess("chaos-db-b", ARGS, postgres.dataSource());
        // Side by side: start-up is most of this suite's time on a loaded machine; either may win the lease.
        CompletableFuture<Void> a = CompletableFuture.runAsync(first::start);
        CompletableFuture<Void> b = CompletableFuture.runAsync(second::start);
        CompletableFuture.allOf(a, b).join();
        Await.until(Duration.ofSeconds(60), "one Berth leading (logs " + first.log() + ", " + second.log() + ")",
                () -> leader().length() == 1);
    }

    @AfterAll
    static void stop() {
        for (BerthProcess b : new BerthProcess[] {second, first}) {
            if (b != null) {
                b.close();
            }
        }
        if (docker != null) {
            E2eContainers.removeManaged(docker, "berth.task-definition", PREFIX);
            docker.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private static String leader() {
        boolean a = LeaseLog.of(first).leads();
        boolean b = LeaseLog.of(second).leads();
        return a && b ? "both" : a ? "a" : b ? "b" : "none";
    }

    private static String service(String name, String version) {
        return """
                apiVersion: berth/v1
                kind: TaskDefinition
                metadata: {name: %1$s}
                spec:
                  containers:
                    - name: httpd
                      image: busybox:1.36
                      command: [sh, -c, 'mkdir -p /www && echo ok > /www/index.html && exec httpd -f -p 8080 -h /www']
                      environment: {VERSION: "%2$s"}
                      cpu: 16
                      memory: 16
                      linuxParameters: {initProcessEnabled: true}
                ---
                apiVersion: berth/v1
                kind: Service
                metadata: {name: %1$s, cluster: default}
                spec:
                  taskDefinition: %1$s
                  desiredCount: %3$d
                  deployment: {minimumHealthyPercent: 100, maximumPercent: 125, minHealthyTime: 3s}
                """.formatted(name, version, TASKS);
    }

    private static List<ContainerState> containers(String label, String value) {
        return docker.list(Map.of(label, value));
    }

    /** Task ids with more than one running container. */
    private static Set<String> duplicates(List<ContainerState> cs) {
        return cs.stream().filter(ContainerState::running)
                .collect(Collectors.groupingBy(c -> c.labels().getOrDefault("berth.task-id", "?"), Collectors.counting()))
                .entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static long loopsAtOnceMillis() {
        return LeaseLog.overlapMillis(LeaseLog.of(first), LeaseLog.of(second));
    }

    private static void assertBothAlive() {
        assertThat(first.alive()).as("Berth a still running (log " + first.log() + ")").isTrue();
        assertThat(second.alive()).as("Berth b still running (log " + second.log() + ")").isTrue();
    }

    private static void assertClientsSawOnly503(FaultFigures f) {
        assertThat(f.unavailable()).as("503s while the database was away: " + f.describe()).isPositive();
        assertThat(f.unavailableWithoutRetryAfter()).as("503s without Retry-After").isZero();
        assertThat(f.others()).as("answers other than 2xx and 503 (status -1: none within " + ApiProbe.TIMEOUT + ")")
                .isEmpty();
        assertThat(f.recoveryMillis().values()).as("each Berth answered 2xx after the database was back: " + f.describe())
                .allMatch(ms -> ms >= 0);
    }

    @Test
    @Order(1)
    void restartDuringARollingDeployment() {
        String name = PREFIX + "roll";
        HttpResponse<String> created = first.send("POST", "/v1/apply?wait=true&timeout=120s", "application/yaml", service(name, "1"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        Await.until(Duration.ofSeconds(90), TASKS + " running tasks of revision 1", () ->
                containers("berth.service", name).stream().filter(ContainerState::running).count() == TASKS);
        String leaderBefore = leader();
        LeaseLog aBefore = LeaseLog.of(first);

        ApiProbe probe = new ApiProbe();
        AtomicInteger clusters = new AtomicInteger();
        for (BerthProcess b : List.of(first, second)) {
            String who = b == first ? "a" : "b";
            AtomicInteger n = new AtomicInteger();
            probe.loop(who, b, () -> n.getAndIncrement() % 2 == 0
                    ? new ApiProbe.Call("GET", "/v1/clusters/default/services/" + name, null, null)
                    : new ApiProbe.Call("GET", "/v1/clusters/default/tasks?service=" + name, null, null),
                    Duration.ofMillis(200), s -> { });
            probe.loop(who, b, () -> new ApiProbe.Call("POST", "/v1/clusters", "application/json",
                    "{\"name\":\"" + PREFIX + "probe-" + clusters.incrementAndGet() + "\"}"), Duration.ofMillis(300), s -> { });
        }
        // Revision 2 through the standby; the outage starts once its first task runs, mid-rollout.
        HttpResponse<String> rolled = second.send("POST", "/v1/apply", "application/yaml", service(name, "2"));
        assertThat(rolled.statusCode()).as(rolled.body()).isEqualTo(200);
        Await.until(Duration.ofSeconds(60), "the first task of revision 2 running", () -> containers("berth.service", name)
                .stream().anyMatch(c -> c.running() && c.labels().getOrDefault("berth.task-definition", "").equals(name + ":2")));

        long downAt = System.nanoTime();
        postgres.stop();
        Set<String> stoppedDuringOutage = new HashSet<>();
        Set<String> duplicated = new HashSet<>();
        Set<String> runningAtStart = containers("berth.service", name).stream().filter(ContainerState::running)
                .map(ContainerState::id).collect(Collectors.toSet());
        int minRunning = runningAtStart.size();
        Set<String> seen = new HashSet<>(runningAtStart);
        while (System.nanoTime() - downAt < OUTAGE.toNanos()) {
            List<ContainerState> now = containers("berth.service", name);
            Set<String> running = now.stream().filter(ContainerState::running).map(ContainerState::id).collect(Collectors.toSet());
            seen.stream().filter(id -> !running.contains(id)).forEach(stoppedDuringOutage::add);
            seen.addAll(running);
            minRunning = Math.min(minRunning, running.size());
            duplicated.addAll(duplicates(now));
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        postgres.startAgain();
        long upAt = System.nanoTime();

        Await.until(Duration.ofSeconds(120), "the rollout completed: " + TASKS + " running tasks, all revision 2 (logs "
                + first.log() + ", " + second.log() + ")", () -> {
            List<ContainerState> now = containers("berth.service", name);
            duplicated.addAll(duplicates(now));
            List<ContainerState> running = now.stream().filter(ContainerState::running).toList();
            return running.size() == TASKS && running.stream()
                    .allMatch(c -> c.labels().getOrDefault("berth.task-definition", "").equals(name + ":2"));
        });
        Await.until(Duration.ofSeconds(60), "the deployment of revision 2 COMPLETED", () -> {
            JsonNode latest = first.getJson("/v1/clusters/default/services/" + name + "/deployments").get(0);
            return latest.get("taskDefinition").asString().equals(name + ":2")
                    && latest.get("rolloutState").asString().equals("COMPLETED");
        });
        long convergence = millisSince(upAt);
        probe.close();
        FaultFigures f = FaultFigures.of(downAt, upAt, probe.samples());
        Await.holdsFor(Duration.ofSeconds(3), "exactly " + TASKS + " running", () ->
                containers("berth.service", name).stream().filter(ContainerState::running).count() == TASKS);

        System.out.printf("[chaos-db] rollout: %s; convergence after the database was back %d ms; containers stopped "
                        + "during the outage %d (of %d running; fewest running %d); duplicates %d; leader before %s "
                        + "(a: %s), after %s (a: %s; b: %s); both loops running at once %d ms; Berth processes alive: "
                        + "a=%s b=%s%n",
                f.describe(), convergence, stoppedDuringOutage.size(), runningAtStart.size(), minRunning,
                duplicated.size(), leaderBefore, aBefore, leader(), LeaseLog.of(first), LeaseLog.of(second),
                loopsAtOnceMillis(), first.alive(), second.alive());
        f.others().stream().limit(5).forEach(s -> System.out.println("[chaos-db]   other: " + s));

        assertBothAlive();
        assertClientsSawOnly503(f);
        assertThat(stoppedDuringOutage).as("containers stopped while the database was away").isEmpty();
        assertThat(minRunning).as("fewest running tasks during the outage").isGreaterThanOrEqualTo(TASKS);
        assertThat(duplicated).as("task ids with two running containers").isEmpty();
        assertThat(leader()).as("exactly one Berth leads afterwards").isIn("a", "b");
        assertThat(loopsAtOnceMillis()).as("time both Berths ran their control loops").isZero();
    }

    @Test
    @Order(2)
    void restartDuringRunTask() {
        String family = PREFIX + "once";
        HttpResponse<String> registered = first.send("POST", "/v1/apply", "application/yaml", """
                apiVersion: berth/v1
                kind: TaskDefinition
                metadata: {name: %s}
                spec:
                  containers:
                    - name: main
                      image: busybox:1.36
                      command: [sh, -c, 'sleep 5; exit 3']
                      cpu: 8
                      memory: 8
                """.formatted(family));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
        String leaderBefore = leader();

        Map<String, String> accepted = new ConcurrentHashMap<>(); // task id -> the Berth that accepted it
        Set<String> placementFailures = ConcurrentHashMap.newKeySet();
        ApiProbe probe = new ApiProbe();
        AtomicInteger requests = new AtomicInteger();
        for (BerthProcess b : List.of(first, second)) {
            String who = b == first ? "a" : "b";
            for (int i = 0; i < 2; i++) {
                // As a careful client does: a request not answered 2xx or 4xx is sent again with the same client
                // token, so that one whose commit went through unanswered is answered by its retry, not run twice.
                AtomicReference<String> token = new AtomicReference<>(who + i + "-" + requests.incrementAndGet());
                probe.loop(who, b, () -> new ApiProbe.Call("POST", "/v1/clusters/default/tasks", "application/json",
                        "{\"taskDefinition\": \"" + family + "\", \"startedBy\": \"chaos\", \"clientToken\": \""
                                + token.get() + "\"}"), Duration.ofMillis(400), s -> {
                    if (s.status() >= 200 && s.status() < 500) {
                        token.set(who + "-" + requests.incrementAndGet());
                    }
                    if (s.status() == 201) {
                        JsonNode answer = JSON.readTree(s.body());
                        answer.get("tasks").forEach(t -> accepted.put(t.get("id").asString(), who));
                        answer.get("failures").forEach(x -> placementFailures.add(x.toString()));
                    }
                });
            }
        }
        LockSupport.parkNanos(Duration.ofSeconds(3).toNanos()); // tasks accepted and launching when it goes down
        long downAt = System.nanoTime();
        postgres.stop();
        LockSupport.parkNanos(OUTAGE.toNanos());
        postgres.startAgain();
        long upAt = System.nanoTime();
        LockSupport.parkNanos(Duration.ofSeconds(3).toNanos()); // and some accepted right after it is back
        // A call sent during the outage may still be waiting then; each Berth is given up to 30 s to answer one 2xx
        // after the database is back (the figure says how long it took), rather than a fixed window.
        long recoveryDeadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < recoveryDeadline && !FaultFigures.of(downAt, upAt, probe.samples()).recoveryMillis()
                .values().stream().allMatch(ms -> ms >= 0)) {
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        probe.close();
        FaultFigures f = FaultFigures.of(downAt, upAt, probe.samples());

        Map<String, String> endings = new HashMap<>();
        Await.until(Duration.ofSeconds(120), "every accepted task STOPPED (logs " + first.log() + ", " + second.log() + ")",
                () -> {
                    for (String id : accepted.keySet()) {
                        if (!endings.containsKey(id)) {
                            JsonNode t = first.getJson("/v1/clusters/default/tasks/" + id);
                            if ("STOPPED".equals(t.get("lastStatus").asString())) {
                                JsonNode c = t.get("containers").get(0);
                                endings.put(id, c.hasNonNull("exitCode") ? "exit " + c.get("exitCode").asInt()
                                        : t.get("stopCode").asString() + ": " + t.get("stoppedReason").asString());
                            }
                        }
                    }
                    return endings.size() == accepted.size();
                });
        long convergence = millisSince(upAt);

        Map<String, List<ContainerState>> byTask = containers("berth.task-definition", family + ":1").stream()
                .collect(Collectors.groupingBy(c -> c.labels().getOrDefault("berth.task-id", "?")));
        Set<String> duplicated = byTask.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        Set<String> withoutContainer = accepted.keySet().stream().filter(id -> !byTask.containsKey(id)).collect(Collectors.toSet());
        Set<String> strangers = byTask.keySet().stream().filter(id -> !accepted.containsKey(id)).collect(Collectors.toSet());
        Set<String> listed = new HashSet<>();
        first.getJson("/v1/clusters/default/tasks?family=" + family + "&limit=1000").forEach(t -> listed.add(t.get("id").asString()));
        Set<String> phantoms = listed.stream().filter(id -> !accepted.containsKey(id)).collect(Collectors.toSet());
        Map<String, Long> endingCounts = endings.values().stream().collect(Collectors.groupingBy(e -> e, Collectors.counting()));

        System.out.printf("[chaos-db] run-task: %s; accepted %d (a %d, b %d); placement failures %d; convergence (all "
                        + "accepted STOPPED) after the database was back %d ms; endings %s; tasks without a container %d; "
                        + "duplicates %d; containers of tasks not accepted %d; tasks listed but not accepted %d; leader "
                        + "before %s, after %s (a: %s; b: %s); both loops running at once %d ms; Berth processes "
                        + "alive: a=%s b=%s%n",
                f.describe(), accepted.size(), accepted.values().stream().filter("a"::equals).count(),
                accepted.values().stream().filter("b"::equals).count(), placementFailures.size(), convergence,
                endingCounts, withoutContainer.size(), duplicated.size(), strangers.size(), phantoms.size(),
                leaderBefore, leader(), LeaseLog.of(first), LeaseLog.of(second), loopsAtOnceMillis(), first.alive(),
                second.alive());
        f.others().stream().limit(5).forEach(s -> System.out.println("[chaos-db]   other: " + s));

        assertBothAlive();
        assertClientsSawOnly503(f);
        assertThat(accepted).as("tasks accepted before and after the outage").isNotEmpty();
        assertThat(placementFailures).isEmpty();
        assertThat(endingCounts.keySet()).as("every accepted task ended with its own exit code").containsOnly("exit 3");
        assertThat(withoutContainer).as("accepted tasks that never got a container").isEmpty();
        assertThat(duplicated).as("tasks with more than one container").isEmpty();
        assertThat(strangers).as("containers of tasks no client was told about").isEmpty();
        assertThat(phantoms).as("tasks stored though their request was not answered 2xx").isEmpty();
        assertThat(leader()).as("exactly one Berth leads afterwards").isIn("a", "b");
        assertThat(loopsAtOnceMillis()).as("time both Berths ran their control loops").isZero();
    }
}
