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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * requestsPerTarget target tracking (ECS's ALBRequestCountPerTarget) on the real engine and the real HAProxy: a
 * busybox-httpd service behind a load balancer, target 20 requests a minute per target, max 2 tasks. About 10
 * requests a second through the listener (600 a minute to one target) scale it out, with an event that names the
 * metric and its figures read from HAProxy's counters; once the load stops the figure falls to 0 and it scales back
 * in. Metrics every 2 s over a 6 s window, cooldowns of 2 s out and 4 s in. Prints the time from the load's start to
 * the new task running and from the load's end to the scale-in (figures, not assertions).
 */
@Tag("docker")
class RequestScalingEndToEndIT {

    private static final String PREFIX = "e2e-rs-";
    private static final String NAME = PREFIX + UUID.randomUUID().toString().substring(0, 6);
    /** The load generator gives up by itself after this, whatever the test does. */
    private static final Duration MAX_LOAD = Duration.ofSeconds(60);
    private static DockerEngine docker;
    private static BerthProcess berth;

    @BeforeAll
    static void start() {
        docker = DockerEngines.connect(EngineConfig.of(EngineConfig.LOCAL_ENDPOINT));
        berth = new BerthProcess("reqscale", List.of("--berth.reconciler.resync-interval=2s",
                "--berth.reconciler.stop-timeout=1s", "--berth.task-metrics.sample-interval=2s",
                "--berth.task-metrics.window=6s"), "reqscale");
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

    private static String manifests(int port) {
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
                  desiredCount: 1
                  deployment: {minimumHealthyPercent: 0, maximumPercent: 200}
                  loadBalancers: [{targetGroup: %1$s, containerName: web, containerPort: 8080}]
                  autoScaling:
                    minCount: 1
                    maxCount: 2
                    targetTracking:
                      - {metric: requestsPerTarget, targetGroup: %1$s, target: 20, scaleOutCooldown: 2s, scaleInCooldown: 4s}
                """.formatted(NAME, port);
    }

    private static int running() {
        return (int) docker.list(Map.of("berth.managed", "true", "berth.service", NAME)).stream()
                .filter(c -> c.running()).count();
    }

    private static List<String> events() {
        List<String> messages = new ArrayList<>();
        berth.getJson("/v1/clusters/default/services/" + NAME).path("events")
                .forEach(e -> messages.add(e.path("message").asString()));
        return messages;
    }

    private static String event(String start) {
        return events().stream().filter(m -> m.startsWith(start)).findFirst().orElse(null);
    }

    private static boolean answers(HttpClient client, int port) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void requestsThroughHaproxyScaleTheServiceOutAndItsEndScalesItIn() throws InterruptedException {
        int port = freePort();
        HttpResponse<String> applied = berth.send("POST", "/v1/apply", "application/yaml", manifests(port));
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            Await.until(Duration.ofSeconds(60), "1 task of " + NAME + " answering through port " + port
                    + " (log " + berth.log() + ")", () -> running() == 1 && answers(client, port));
            assertThat(event("scaled " + NAME)).as("no scaling before the load").isNull();

            // ~10 requests a second on one keep-alive connection, bounded by MAX_LOAD whatever happens below
            AtomicBoolean loading = new AtomicBoolean(true);
            AtomicLong answered = new AtomicLong();
            long loadStart = System.nanoTime();
            Thread load = Thread.ofVirtual().start(() -> {
                long end = loadStart + MAX_LOAD.toNanos();
                while (loading.get() && System.nanoTime() < end) {
                    if (answers(client, port)) {
                        answered.incrementAndGet();
                    }
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            long scaledOut;
            long newTaskRunning;
            long loadEnd;
            try {
                Await.until(Duration.ofSeconds(30), NAME + " scaled out on requestsPerTarget (events " + events()
                        + ")", () -> event("scaled " + NAME + " from 1 to 2: requestsPerTarget ") != null);
                scaledOut = System.nanoTime();
                Await.until(Duration.ofSeconds(30), "2 running tasks of " + NAME, () -> running() == 2);
                newTaskRunning = System.nanoTime();
            } finally {
                loading.set(false);
                load.join(Duration.ofSeconds(5));
                loadEnd = System.nanoTime();
            }
            String out = event("scaled " + NAME + " from 1 to 2: requestsPerTarget ");
            assertThat(out).matches("scaled " + NAME + " from 1 to 2: requestsPerTarget \\d+ req/min > target 20 req/min"
                    + " \\(\\d+ samples, cooldown 2s\\)");
            int figure = Integer.parseInt(out.replaceAll(".*requestsPerTarget (\\d+) req/min.*", "$1"));
            // about 600 a minute were sent to one target: well above the target, and not more than was sent
            assertThat(figure).isGreaterThan(20).isLessThanOrEqualTo(1200);
            assertThat(answered.get()).isPositive();

            Await.until(Duration.ofSeconds(40), NAME + " scaled in after the load stopped (events " + events() + ")",
                    () -> event("scaled " + NAME + " from 2 to 1: requestsPerTarget ") != null);
            long scaledIn = System.nanoTime();
            assertThat(event("scaled " + NAME + " from 2 to 1: requestsPerTarget "))
                    .matches("scaled " + NAME + " from 2 to 1: requestsPerTarget \\d+ req/min < target 20 req/min"
                            + " \\(\\d+ samples, cooldown 4s\\)");
            Await.until(Duration.ofSeconds(30), "1 running task of " + NAME, () -> running() == 1);
            assertThat(berth.getJson("/v1/clusters/default/services/" + NAME).path("desiredCount").asInt())
                    .isEqualTo(1);
            System.out.printf("requestsPerTarget scaling: scale-out event %.1f s after the load started (%s), new task"
                            + " running %.1f s after the load started; scale-in %.1f s after the load stopped"
                            + " (%d requests answered; metrics every 2 s, window 6 s, traffic pass every 2 s)%n",
                    (scaledOut - loadStart) / 1e9, out, (newTaskRunning - loadStart) / 1e9,
                    (scaledIn - loadEnd) / 1e9, answered.get());
        }
    }
}
