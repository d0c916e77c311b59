package io.berth.app.e2e;

import io.berth.docker.DockerEngine;
import io.berth.docker.DockerEngines;
import io.berth.docker.EngineConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A load balancer carrying traffic on the real engine: HAProxy started by Berth in front of a busybox-httpd service
 * on dynamic host ports, every task reached through the listener, a task added by a scale-out reached after the
 * hitless reload, target health and HAProxy's counters in Prometheus, a task whose health check path fails stopped
 * with TaskFailedElbHealthChecks and replaced, and the HAProxy container gone once its load balancer is deleted — each target's changes, healthy then gone, on /v1/watch.
 */
@Tag("docker")
class LoadBalancerEndToEndIT {

    private static final String PREFIX = "e2e-lb-";
    private static final String NAME = PREFIX + UUID.randomUUID().toString().substring(0, 6);
    private static DockerEngine docker;
    private static BerthProcess berth;

    @BeforeAll
    static void start() {
        docker = DockerEngines.connect(EngineConfig.of(EngineConfig.LOCAL_ENDPOINT));
        berth = new BerthProcess("lb", List.of("--berth.reconciler.resync-interval=2s",
                "--berth.reconciler.stop-timeout=2s"), "lbe2e");
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

    private static String manifests(int port, int desiredCount) {
        return """
                apiVersion: berth/v1
                kind: TaskDefinition
                metadata: {name: %1$s}
                spec:
                  containers:
                    - name: web
                      image: busybox:1.36
                      command: [sh, -c, "mkdir -p /www && hostname > /www/index.html && exec httpd -f -p 8080 -h /www"]
                      memory: 32
                      portMappings: [{containerPort: 8080}]
                ---
                apiVersion: berth/v1
                kind: TargetGroup
                metadata: {name: %1$s, cluster: default}
                spec:
                  protocol: HTTP
                  healthCheck: {path: /, interval: 2s, timeout: 1s, healthyThreshold: 2, unhealthyThreshold: 2}
                  deregistrationDelay: 0s
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
                """.formatted(NAME, port, desiredCount);
    }

    private static void apply(String yaml) {
        HttpResponse<String> r = berth.send("POST", "/v1/apply", "application/yaml", yaml);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    /** The hostnames (container ids) of the tasks that answered {@code n} requests, each on a new connection. */
    private static Set<String> answering(int port, int n) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < n; i++) {
            try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                        .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    seen.add(r.body().strip());
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return seen;
    }

    /** The sum of a metric's series of this test's target group (and {@code filter}) in a Prometheus scrape. */
    private static double sum(String scrape, String metric, String filter) {
        return scrape.lines().filter(l -> l.startsWith(metric + "{") && l.contains("target_group=\"" + NAME + "\"")
                        && l.contains(filter))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /**
     * The data lines of the target changes of this test's group on {@code /v1/watch} from the start of the log, read
     * until {@code enough} holds or {@code max} passed (then the test fails).
     */
    private static List<String> watchedTargetChanges(Duration max,
                                                     java.util.function.Predicate<List<String>> enough) {
        java.util.concurrent.BlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<java.util.stream.Stream<String>> response;
        try {
            response = client.send(HttpRequest.newBuilder(URI.create(berth.url() + "/v1/watch?cluster=default&since=0"))
                    .header("Authorization", "Bearer " + BerthProcess.TOKEN).build(), HttpResponse.BodyHandlers.ofLines());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                response.body().forEach(lines::add);
            } catch (RuntimeException e) {
                // closed below
            }
        });
        List<String> changes = new java.util.ArrayList<>();
        long end = System.nanoTime() + max.toNanos();
        try {
            while (System.nanoTime() < end && !enough.test(changes)) {
                String line = lines.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (line != null && line.startsWith("data:") && line.contains("\"kind\":\"target\"")
                        && line.contains("\"targetGroup\":\"" + NAME + "\"")) {
                    changes.add(line);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            response.body().close();
            reader.interrupt();
            client.close();
        }
        assertThat(enough.test(changes)).as("target changes of " + NAME + " within " + max + ": " + changes).isTrue();
        return changes;
    }

    private static Set<String> runningTaskHostnames() {
        Set<String> ids = new HashSet<>();
        docker.list(Map.of("berth.managed", "true", "berth.service", NAME)).stream()
                .filter(c -> c.running()).forEach(c -> ids.add(c.id().substring(0, 12)));
        return ids;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void trafficReachesEveryRunningTaskThroughHaproxyAndStopsWithTheLoadBalancer() {
        int port = freePort();
        long started = System.nanoTime();
        apply(manifests(port, 2));

        Await.until(Duration.ofSeconds(90), "2 tasks running and both answering through port " + port
                + " (log " + berth.log() + ")", () -> {
            Set<String> tasks = runningTaskHostnames();
            return tasks.size() == 2 && answering(port, 20).equals(tasks);
        });
        long firstTraffic = System.nanoTime();
        // Target health as HAProxy's own checks report it: both RUNNING tasks, healthy.
        Set<String> taskIds = new HashSet<>();
        docker.list(Map.of("berth.managed", "true", "berth.service", NAME)).stream().filter(c -> c.running())
                .forEach(c -> taskIds.add(c.labels().get("berth.task-id")));
        Await.until(Duration.ofSeconds(30), "both targets healthy in HAProxy's checks", () -> {
            tools.jackson.databind.JsonNode targets = berth.getJson("/v1/clusters/default/target-groups/" + NAME
                    + "/targets");
            Set<String> healthy = new HashSet<>();
            targets.forEach(t -> {
                if ("healthy".equals(t.get("health").get("state").asString())) {
                    healthy.add(t.get("target").get("taskId").asString());
                }
            });
            return healthy.equals(taskIds);
        });
        // The same health and HAProxy's counters in Prometheus, read by the traffic pass (every 2 s).
        int sent = answering(port, 10).isEmpty() ? 0 : 10;
        Await.until(Duration.ofSeconds(30), "target group metrics: 2 healthy targets, " + sent + " requests counted",
                () -> {
                    String scrape = berth.send("GET", "/actuator/prometheus", null, null).body();
                    return sum(scrape, "berth_target_group_targets", "state=\"healthy\"") == 2
                            && sum(scrape, "berth_target_group_requests_total", "") >= sent;
                });
        String scrape = berth.send("GET", "/actuator/prometheus", null, null).body();
        System.out.printf("load balancer e2e: target group %s in Prometheus: %.0f requests, %.0f 5xx, %.0f sessions%n",
                NAME, sum(scrape, "berth_target_group_requests_total", ""),
                sum(scrape, "berth_target_group_http_5xx_total", ""), sum(scrape, "berth_target_group_sessions", ""));
        List<String> balancers = docker.list(Map.of("berth.load-balancer", NAME)).stream().map(c -> c.id()).toList();
        assertThat(balancers).as("one HAProxy on the one instance").hasSize(1);

        apply(manifests(port, 3));
        Await.until(Duration.ofSeconds(90), "3 tasks running and all answering (log " + berth.log() + ")", () -> {
            Set<String> tasks = runningTaskHostnames();
            return tasks.size() == 3 && answering(port, 20).equals(tasks);
        });
        long scaled = System.nanoTime();
        // The scale-out was a reload of the same HAProxy, not a new container.
        assertThat(docker.list(Map.of("berth.load-balancer", NAME)).stream().map(c -> c.id()).toList())
                .isEqualTo(balancers);

        // A task whose health check path starts failing (404 instead of 200): HAProxy marks it down after two failed
        // checks, and the service stops and replaces it as ECS does with an ELB.
        var sick = docker.list(Map.of("berth.managed", "true", "berth.service", NAME)).stream()
                .filter(c -> c.running()).findFirst().orElseThrow();
        String sickTask = sick.labels().get("berth.task-id");
        long failing = System.nanoTime();
        docker.exec(sick.id(), List.of("rm", "/www/index.html"), Duration.ofSeconds(5), 1024);
        Await.until(Duration.ofSeconds(40), "task " + sickTask + " stopped for failing its ELB health checks (log "
                + berth.log() + ")", () -> {
            tools.jackson.databind.JsonNode task = berth.getJson("/v1/clusters/default/tasks/" + sickTask);
            return "TaskFailedElbHealthChecks".equals(task.path("stopCode").asString(""));
        });
        long replacedAt = System.nanoTime();
        assertThat(berth.getJson("/v1/clusters/default/tasks/" + sickTask).path("stoppedReason").asString(""))
                .isEqualTo("Task failed ELB health checks in (target-group " + NAME + ")");
        Await.until(Duration.ofSeconds(60), "3 tasks running again, all answering", () -> {
            Set<String> tasks = runningTaskHostnames();
            return tasks.size() == 3 && !tasks.contains(sick.id().substring(0, 12)) && answering(port, 20).equals(tasks);
        });
        System.out.printf("load balancer e2e: a task whose health path fails stopped (TaskFailedElbHealthChecks) "
                + "%d ms after the path broke, replacement answering %d ms later%n",
                (replacedAt - failing) / 1_000_000, (System.nanoTime() - replacedAt) / 1_000_000);

        HttpResponse<String> deleted = berth.send("DELETE", "/v1/clusters/default/load-balancers/" + NAME, null, null);
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
        Await.until(Duration.ofSeconds(30), "HAProxy of " + NAME + " removed",
                () -> docker.list(Map.of("berth.load-balancer", NAME)).isEmpty());
        assertThat(answering(port, 1)).as("nothing listens on " + port + " any more").isEmpty();
        // On /v1/watch: each target seen healthy, and gone with its load balancer.
        List<String> targetChanges = watchedTargetChanges(Duration.ofSeconds(30), changes ->
                changes.stream().filter(c -> c.contains("\"state\":\"healthy\"")).count() >= 2
                        && changes.stream().filter(c -> c.contains("\"op\":\"deleted\"")).count() >= 2);
        assertThat(targetChanges).as("target changes of " + NAME).filteredOn(c -> c.contains("\"op\":\"deleted\""))
                .hasSizeGreaterThanOrEqualTo(2);
        System.out.printf("load balancer e2e: first traffic through both tasks %d ms after apply, third task reached "
                        + "%d ms after scale-out, HAProxy removed %d ms after delete%n",
                (firstTraffic - started) / 1_000_000, (scaled - firstTraffic) / 1_000_000,
                (System.nanoTime() - scaled) / 1_000_000);
    }
}
