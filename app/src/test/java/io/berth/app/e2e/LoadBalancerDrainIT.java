package io.berth.app.e2e;

import io.berth.docker.DockerEngine;
import io.berth.docker.DockerEngines;
import io.berth.docker.EngineConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connection draining on the real engine: a busybox-httpd service of 3 tasks behind HAProxy, whose tasks exit at
 * once on SIGTERM (the shell that is the container's first process exits on it, which kills httpd's request
 * handlers and CGIs with it: an application that does not finish its requests; httpd itself as the first process
 * would ignore SIGTERM and serve until the SIGKILL), under a steady stream of fast GETs and slow (1 s)
 * GETs and POSTs (CGI) through the listener. A rolling update, a scale-in and a stop-task each stop tasks while
 * requests run to them: none may fail (non-2xx or connection error) — POSTs are not retried by HAProxy, so a stop
 * that cut them would show — and each stopped task is seen DEACTIVATING in the API first.
 */
@Tag("docker")
class LoadBalancerDrainIT {

    private static final String PREFIX = "e2e-drain-";
    private static final String NAME = PREFIX + UUID.randomUUID().toString().substring(0, 6);
    private static DockerEngine docker;
    private static BerthProcess berth;

    @BeforeAll
    static void start() {
        docker = DockerEngines.connect(EngineConfig.of(EngineConfig.LOCAL_ENDPOINT));
        berth = new BerthProcess("drain", List.of("--berth.reconciler.resync-interval=2s",
                "--berth.reconciler.stop-timeout=2s"), "lbdrain");
        berth.start();
    }

    @AfterAll
    static void stop() {
        if (berth != null) {
            if (berth.alive()) {
                E2eContainers.deleteBalancedService(berth, docker, NAME);
            }
            berth.close();
        }
        if (docker != null) {
            E2eContainers.removeManaged(docker, "berth.task-definition", PREFIX);
            E2eContainers.removeManaged(docker, "berth.load-balancer", PREFIX);
            docker.close();
        }
    }

    /** rev changes the command: a new task definition revision, hence a rolling update. */
    private static String manifests(int port, int desiredCount, int rev) {
        return """
                apiVersion: berth/v1
                kind: TaskDefinition
                metadata: {name: %1$s}
                spec:
                  containers:
                    - name: web
                      image: busybox:1.36
                      command: [sh, -c, "mkdir -p /www/cgi-bin && echo %4$d > /www/rev && hostname > /www/index.html && printf '#!/bin/sh\\\\ncat > /dev/null\\\\nsleep 1\\\\necho Content-Type: text/plain\\\\necho\\\\nhostname\\\\n' > /www/cgi-bin/slow && chmod +x /www/cgi-bin/slow && trap 'exit 0' TERM; httpd -f -p 8080 -h /www & wait"]
                      memory: 32
                      portMappings: [{containerPort: 8080}]
                ---
                apiVersion: berth/v1
                kind: TargetGroup
                metadata: {name: %1$s, cluster: default}
                spec:
                  protocol: HTTP
                  healthCheck: {path: /, interval: 2s, timeout: 1s, healthyThreshold: 2, unhealthyThreshold: 2}
                  deregistrationDelay: 5s
                ---
                apiVersion: berth/v1
                kind: LoadBalancer
                metadata: {name: %1$s, cluster: default}
                spec:
                  listeners:
                    - {port: %2$d, protocol: HTTP, defaultTargetGroup: %1$s}
                ---
                apiVersion: berth/v1
                kind: Service
                metadata: {name: %1$s, cluster: default}
                spec:
                  taskDefinition: %1$s
                  desiredCount: %3$d
                  loadBalancers: [{targetGroup: %1$s, containerName: web, containerPort: 8080}]
                """.formatted(NAME, port, desiredCount, rev);
    }

    private static void apply(String yaml) {
        HttpResponse<String> r = berth.send("POST", "/v1/apply", "application/yaml", yaml);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Requests through the listener from a few threads, counted per phase. */
    static final class Traffic implements AutoCloseable {
        final int port;
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicInteger ok = new AtomicInteger();
        final AtomicInteger slowOk = new AtomicInteger();
        final AtomicInteger posts = new AtomicInteger();
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        final List<Thread> threads = new ArrayList<>();
        final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

        Traffic(int port, int workers) {
            this.port = port;
            for (int w = 0; w < workers; w++) {
                int worker = w;
                threads.add(Thread.ofPlatform().daemon().name("drain-traffic-" + w).start(() -> loop(worker)));
            }
        }

        private void loop(int worker) {
            for (int i = 0; running.get(); i++) {
                // Half the workers send slow requests (1 s in the CGI), alternately POST and GET; the rest fast GETs.
                boolean slow = worker % 2 == 0;
                boolean post = slow && i % 2 == 0;
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + (slow ? "/cgi-bin/slow" : "/"))).timeout(Duration.ofSeconds(10));
                HttpRequest request = post ? b.POST(HttpRequest.BodyPublishers.ofString("n=" + i)).build() : b.GET().build();
                try {
                    HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() / 100 == 2) {
                        ok.incrementAndGet();
                        if (slow) {
                            slowOk.incrementAndGet();
                        }
                        if (post) {
                            posts.incrementAndGet();
                        }
                    } else {
                        failures.add(request.method() + " " + request.uri().getPath() + " -> " + r.statusCode());
                    }
                } catch (IOException e) {
                    failures.add(request.method() + " " + request.uri().getPath() + " -> " + e);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        /** Counts so far, and resets them for the next phase. */
        String phase(String name, List<String> failed) {
            String line = "%s: %d requests ok (%d slow, %d POST), %d failed".formatted(name, ok.getAndSet(0),
                    slowOk.getAndSet(0), posts.getAndSet(0), failures.size());
            for (String f; (f = failures.poll()) != null; ) {
                failed.add(name + ": " + f);
            }
            return line;
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            for (Thread t : threads) {
                t.join(15_000);
            }
            client.close();
        }
    }

    /**
     * Task ids the API showed DEACTIVATING while their container still ran (a task whose container already exited
     * also shows it until the loop records the exit; that would not tell that the stop was held), polled in the
     * background.
     */
    static final class Watcher implements AutoCloseable {
        final Set<String> deactivating = ConcurrentHashMap.newKeySet();
        final AtomicBoolean running = new AtomicBoolean(true);
        final Thread thread = Thread.ofPlatform().daemon().name("drain-watch").start(() -> {
            while (running.get()) {
                try {
                    for (JsonNode t : berth.getJson("/v1/clusters/default/tasks?service=" + NAME)) {
                        String id = t.get("id").asString();
                        if ("DEACTIVATING".equals(t.get("lastStatus").asString()) && !deactivating.contains(id)
                                && docker.list(Map.of("berth.managed", "true", "berth.task-id", id)).stream()
                                .anyMatch(c -> c.running())) {
                            deactivating.add(id);
                        }
                    }
                    Thread.sleep(150);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // the next poll tells
                }
            }
        });

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(5_000);
        }
    }

    private static JsonNode tasks(String status) {
        return berth.getJson("/v1/clusters/default/tasks?service=" + NAME + "&status=" + status);
    }

    private static Set<String> ids(JsonNode tasks) {
        Set<String> ids = new HashSet<>();
        tasks.forEach(t -> ids.add(t.get("id").asString()));
        return ids;
    }

    /** Tasks running (desired and last RUNNING) of one task definition revision. */
    private static Set<String> running(int revision) {
        Set<String> ids = new HashSet<>();
        for (JsonNode t : tasks("RUNNING")) {
            if ("RUNNING".equals(t.get("lastStatus").asString())
                    && t.get("taskDefinition").asString().endsWith(":" + revision)) {
                ids.add(t.get("id").asString());
            }
        }
        return ids;
    }

    private static Set<String> healthyTargets() {
        Set<String> healthy = new HashSet<>();
        berth.getJson("/v1/clusters/default/target-groups/" + NAME + "/targets").forEach(t -> {
            if ("healthy".equals(t.get("health").get("state").asString())) {
                healthy.add(t.get("target").get("taskId").asString());
            }
        });
        return healthy;
    }

    /** Every given task is STOPPED and no container of it runs. */
    private static boolean allStopped(Set<String> taskIds) {
        return ids(tasks("STOPPED")).containsAll(taskIds) && docker.list(Map.of("berth.managed", "true",
                "berth.service", NAME)).stream().noneMatch(c -> c.running() && taskIds.contains(c.labels().get("berth.task-id")));
    }

    @Test
    void noRequestFailsWhileTasksAreStoppedByARolloutAScaleInAndStopTask() throws Exception {
        int port = freePort();
        apply(manifests(port, 3, 1));
        Await.until(Duration.ofSeconds(90), "3 tasks running and healthy behind port " + port + " (log "
                + berth.log() + ")", () -> {
            Set<String> tasks = running(1);
            return tasks.size() == 3 && healthyTargets().equals(tasks);
        });
        List<String> failed = new ArrayList<>();
        List<String> figures = new ArrayList<>();
        Set<String> stoppedTasks = new HashSet<>();
        long t0 = System.nanoTime();
        try (Traffic traffic = new Traffic(port, 6); Watcher watcher = new Watcher()) {
            Thread.sleep(2_000);
            figures.add(traffic.phase("steady", failed));

            // (a) rolling update: 3 new tasks, the 3 old ones drained and stopped
            Set<String> old = running(1);
            long a = System.nanoTime();
            apply(manifests(port, 3, 2));
            Await.until(Duration.ofSeconds(60), "revision 2 running, revision 1 stopped (log " + berth.log() + ")",
                    () -> running(2).size() == 3 && allStopped(old));
            Await.until(Duration.ofSeconds(30), "the new tasks healthy", () -> healthyTargets().equals(running(2)));
            stoppedTasks.addAll(old);
            figures.add(traffic.phase("rolling update", failed) + ", " + (System.nanoTime() - a) / 1_000_000 + " ms");

            // (b) scale-in 3 -> 2
            Set<String> before = running(2);
            long b = System.nanoTime();
            apply(manifests(port, 2, 2));
            Await.until(Duration.ofSeconds(60), "scaled in to 2", () -> running(2).size() == 2
                    && allStopped(diff(before, running(2))));
            stoppedTasks.addAll(diff(before, running(2)));
            figures.add(traffic.phase("scale-in", failed) + ", " + (System.nanoTime() - b) / 1_000_000 + " ms");

            // (c) stop-task of one task: the service replaces it
            String victim = running(2).iterator().next();
            long c = System.nanoTime();
            HttpResponse<String> r = berth.send("POST", "/v1/clusters/default/tasks/" + victim + "/stop",
                    "application/json", "{\"reason\":\"drain test\"}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            Await.until(Duration.ofSeconds(60), "task stopped and replaced", () -> allStopped(Set.of(victim))
                    && running(2).size() == 2);
            Await.until(Duration.ofSeconds(30), "the replacement healthy", () -> healthyTargets().equals(running(2)));
            stoppedTasks.add(victim);
            figures.add(traffic.phase("stop-task", failed) + ", " + (System.nanoTime() - c) / 1_000_000 + " ms");

            figures.forEach(f -> System.out.println("load balancer drain e2e: " + f));
            System.out.printf("load balancer drain e2e: %d stopped tasks, %d seen DEACTIVATING while running, %d ms in all%n",
                    stoppedTasks.size(), watcher.deactivating.stream().filter(stoppedTasks::contains).count(),
                    (System.nanoTime() - t0) / 1_000_000);
            assertThat(failed).as("failed requests (log " + berth.log() + ")").isEmpty();
            assertThat(watcher.deactivating).as("every stopped task was DEACTIVATING, its container running")
                    .containsAll(stoppedTasks);
        }
        for (JsonNode t : tasks("STOPPED")) {
            if (stoppedTasks.contains(t.get("id").asString())) {
                assertThat(t.get("lastStatus").asString()).isEqualTo("STOPPED");
            }
        }
    }

    private static Set<String> diff(Set<String> a, Set<String> b) {
        Set<String> d = new HashSet<>(a);
        d.removeAll(b);
        return d;
    }
}
