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
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Auto scaling on the real engine: a service whose tasks burn a core for a while (with a reservation of 1/16 core
 * that is ~1600 % of it) scales out to maxCount on target tracking, a re-applied manifest keeps the scaled count,
 * and once the burn ends it scales back in. Metrics every 3 s over a 9 s window, cooldowns of a few seconds.
 * Prints the reaction times (figures, not assertions).
 */
@Tag("docker")
class AutoScalingEndToEndIT {

    private static final int BURN_SECONDS = 20;
    private static DockerEngine docker;
    private static BerthProcess berth;

    @BeforeAll
    static void start() {
        docker = DockerEngines.connect(EngineConfig.of(EngineConfig.LOCAL_ENDPOINT));
        berth = new BerthProcess("autoscale", List.of("--berth.reconciler.resync-interval=2s",
                "--berth.reconciler.stop-timeout=1s", "--berth.task-metrics.sample-interval=3s",
                "--berth.task-metrics.window=9s"), "autoscale");
        berth.start();
    }

    @AfterAll
    static void stop() {
        if (berth != null) {
            berth.close();
        }
        if (docker != null) {
            E2eContainers.removeManaged(docker, "berth.service", "e2e-as-");
            docker.close();
        }
    }

    /** Burns a core for {@link #BURN_SECONDS} from its own start, then sleeps. */
    private static String manifest(String name, int desiredCount) {
        return """
                apiVersion: berth/v1
                kind: TaskDefinition
                metadata: {name: %1$s}
                spec:
                  containers:
                    - name: burn
                      image: busybox:1.36
                      command: [sh, -c, 'end=$(($(date +%%s)+%3$d)); while [ $(date +%%s) -lt $end ]; do :; done; exec sleep 3600']
                      cpu: 64
                      memory: 32
                ---
                apiVersion: berth/v1
                kind: Service
                metadata: {name: %1$s, cluster: default}
                spec:
                  taskDefinition: %1$s
                  desiredCount: %2$d
                  deployment: {minimumHealthyPercent: 0, maximumPercent: 200}
                  autoScaling:
                    minCount: 1
                    maxCount: 2
                    targetTracking:
                      - {metric: cpu, target: 50, scaleOutCooldown: 2s, scaleInCooldown: 4s}
                """.formatted(name, desiredCount, BURN_SECONDS);
    }

    private static List<ContainerState> running(String service) {
        return docker.list(Map.of("berth.service", service)).stream().filter(ContainerState::running).toList();
    }

    private static List<String> events(String service) {
        List<String> messages = new ArrayList<>();
        berth.getJson("/v1/clusters/default/services/" + service).path("events")
                .forEach(e -> messages.add(e.path("message").asString()));
        return messages;
    }

    private static boolean hasEvent(String service, String start) {
        return events(service).stream().anyMatch(m -> m.startsWith(start));
    }

    @Test
    void burningTasksScaleTheServiceOutAndBackIn() {
        String name = "e2e-as-" + UUID.randomUUID().toString().substring(0, 6);
        HttpResponse<String> created = berth.send("POST", "/v1/apply", "application/yaml", manifest(name, 1));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        Await.until(Duration.ofSeconds(30), "1 running task of " + name, () -> running(name).size() == 1);
        long started = System.nanoTime();

        Await.until(Duration.ofSeconds(40), name + " scaled out to 2 (events " + name + ", log " + berth.log() + ")",
                () -> hasEvent(name, "scaled " + name + " from 1 to 2: cpu "));
        long scaledOut = System.nanoTime();
        String event = events(name).stream().filter(m -> m.startsWith("scaled " + name + " from 1 to 2")).findFirst()
                .orElseThrow();
        assertThat(event).matches("scaled " + name + " from 1 to 2: cpu \\d+ % > target 50 % \\(\\d+ samples, cooldown 2s\\)");
        JsonNode metrics = berth.getJson("/v1/clusters/default/services/" + name + "/metrics");
        assertThat(metrics.path("cpuUtilization").asDouble()).as(metrics.toString()).isGreaterThan(50);
        Await.until(Duration.ofSeconds(30), "2 running tasks of " + name, () -> running(name).size() == 2);
        // the new task is sampled too: the service's figure rests on both
        Await.until(Duration.ofSeconds(20), "CPU figures of both tasks of " + name + " (tasks "
                + berth.send("GET", "/v1/clusters/default/tasks?service=" + name, null, null).body() + ")", () -> {
            JsonNode m = berth.getJson("/v1/clusters/default/services/" + name + "/metrics");
            int measured = 0;
            for (JsonNode t : m.path("tasks")) {
                measured += t.path("cpuUtilization").isNumber() ? 1 : 0;
            }
            return measured == 2;
        });
        System.out.println("auto scaling: both tasks measured: " + berth.getJson("/v1/clusters/default/services/"
                + name + "/metrics").path("tasks"));

        // GitOps: the manifest still says 1; applying it again keeps the scaled count and says so
        HttpResponse<String> again = berth.send("POST", "/v1/apply", "application/yaml", manifest(name, 1));
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(again.body()).contains("\"result\":\"unchanged\"")
                .contains("desiredCount kept at 2 by autoScaling (the manifest says 1)");
        assertThat(berth.getJson("/v1/clusters/default/services/" + name).path("desiredCount").asInt()).isEqualTo(2);

        // at maxCount while both burn: said once, not every round
        Await.until(Duration.ofSeconds(20), name + " held at maxCount",
                () -> hasEvent(name, name + " would scale from 2 to "));
        assertThat(events(name).stream().filter(m -> m.endsWith("but is at maxCount 2")).count()).isEqualTo(1);

        Await.until(Duration.ofSeconds(BURN_SECONDS + 40), name + " scaled back in to 1 (events " + name + ")",
                () -> hasEvent(name, "scaled " + name + " from 2 to 1: cpu "));
        long scaledIn = System.nanoTime();
        Await.until(Duration.ofSeconds(30), "1 running task of " + name, () -> running(name).size() == 1);
        assertThat(berth.getJson("/v1/clusters/default/services/" + name).path("desiredCount").asInt()).isEqualTo(1);

        // the second task started burning at about the scale-out; the service is idle once both burns end
        System.out.printf("auto scaling: scale-out %.1f s after the first task ran (metrics every 3 s, window 9 s); "
                        + "scale-in %.1f s after the scale-out (burn %d s, scale-in cooldown 4 s)%n",
                (scaledOut - started) / 1e9, (scaledIn - scaledOut) / 1e9, BURN_SECONDS);
        HttpResponse<String> deleted = berth.send("DELETE", "/v1/clusters/default/services/" + name
                + "?wait=true&timeout=60s", null, null);
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
    }
}
