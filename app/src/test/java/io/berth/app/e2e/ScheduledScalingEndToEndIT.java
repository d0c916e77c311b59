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
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scheduled scaling on the real engine: two actions on seconds-level cron expressions a few seconds ahead scale a
 * running service up (min 3 max 3) and then to zero (min 0 max 0); the API's scheduled-actions and the service's
 * events show each firing with its figures. Scaling rounds every 2 s. Prints when each action fired against when it
 * was due (a figure, not an assertion).
 */
@Tag("docker")
class ScheduledScalingEndToEndIT {

    private static DockerEngine docker;
    private static BerthProcess berth;

    @BeforeAll
    static void start() {
        docker = DockerEngines.connect(EngineConfig.of(EngineConfig.LOCAL_ENDPOINT));
        berth = new BerthProcess("schedscale", List.of("--berth.reconciler.resync-interval=2s",
                "--berth.reconciler.stop-timeout=1s", "--berth.task-metrics.sample-interval=2s"), "schedscale");
        berth.start();
    }

    @AfterAll
    static void stop() {
        if (berth != null) {
            berth.close();
        }
        if (docker != null) {
            E2eContainers.removeManaged(docker, "berth.service", "e2e-ss-");
            docker.close();
        }
    }

    /** A 6-field (seconds first) cron expression that fires once a day at {@code at}'s second, in UTC. */
    private static String cronAt(Instant at) {
        ZonedDateTime t = at.atZone(ZoneOffset.UTC);
        return t.getSecond() + " " + t.getMinute() + " " + t.getHour() + " * * *";
    }

    private static String manifest(String name, Instant up, Instant down) {
        return """
                apiVersion: berth/v1
                kind: TaskDefinition
                metadata: {name: %1$s}
                spec:
                  containers:
                    - name: app
                      image: busybox:1.36
                      command: [sleep, "3600"]
                      cpu: 16
                      memory: 16
                ---
                apiVersion: berth/v1
                kind: Service
                metadata: {name: %1$s, cluster: default}
                spec:
                  taskDefinition: %1$s
                  desiredCount: 1
                  deployment: {minimumHealthyPercent: 0, maximumPercent: 200}
                  autoScaling:
                    minCount: 1
                    maxCount: 5
                    scheduled:
                      - {name: business-hours, schedule: "%2$s", minCount: 3, maxCount: 3}
                      - {name: scaledown-after-hours, schedule: "%3$s", timezone: UTC, minCount: 0, maxCount: 0}
                """.formatted(name, cronAt(up), cronAt(down));
    }

    private static List<ContainerState> running(String service) {
        return docker.list(Map.of("berth.service", service)).stream().filter(ContainerState::running).toList();
    }

    private static JsonNode event(String service, String start) {
        for (JsonNode e : berth.getJson("/v1/clusters/default/services/" + service).path("events")) {
            if (e.path("message").asString().startsWith(start)) {
                return e;
            }
        }
        return null;
    }

    private static JsonNode action(String service, String name) {
        for (JsonNode a : berth.getJson("/v1/clusters/default/services/" + service + "/scheduled-actions")) {
            if (a.path("name").asString().equals(name)) {
                return a;
            }
        }
        throw new AssertionError("no scheduled action " + name + " of " + service);
    }

    @Test
    void scheduledActionsScaleARunningServiceUpAndToZeroAtTheirTimes() {
        String name = "e2e-ss-" + UUID.randomUUID().toString().substring(0, 6);
        // whole seconds ahead: time for the apply and the first round, which arms the actions
        Instant up = Instant.now().plusSeconds(12).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Instant down = up.plusSeconds(14);
        HttpResponse<String> created = berth.send("POST", "/v1/apply", "application/yaml", manifest(name, up, down));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        Await.until(Duration.ofSeconds(20), "1 running task of " + name, () -> running(name).size() == 1);

        JsonNode before = action(name, "business-hours");
        assertThat(before.path("lastFiredAt").isNull() || before.path("lastFiredAt").isMissingNode()).isTrue();
        assertThat(Instant.parse(before.path("nextFiringAt").asString())).isEqualTo(up);
        assertThat(before.path("inForce").asString()).isEqualTo("1..5");

        String upEvent = "scheduled action business-hours set min 3 max 3: desired 1 -> 3";
        Await.until(Duration.ofSeconds(30), name + " event " + upEvent + " (log " + berth.log() + ")",
                () -> event(name, upEvent) != null);
        Instant upFired = Instant.parse(event(name, upEvent).path("createdAt").asString());
        assertThat(upFired).isAfterOrEqualTo(up);
        JsonNode fired = action(name, "business-hours");
        assertThat(Instant.parse(fired.path("lastFiredAt").asString())).isEqualTo(up);
        assertThat(fired.path("inForce").asString()).isEqualTo("3..3");
        assertThat(berth.getJson("/v1/clusters/default/services/" + name).path("desiredCount").asInt()).isEqualTo(3);
        Await.until(Duration.ofSeconds(20), "3 running tasks of " + name, () -> running(name).size() == 3);
        JsonNode all = berth.getJson("/v1/clusters/default/scheduled-actions");
        assertThat(all.valueStream().filter(a -> a.path("service").asString().equals(name)).count()).isEqualTo(2);

        String downEvent = "scheduled action scaledown-after-hours set min 0 max 0: desired 3 -> 0";
        Await.until(Duration.ofSeconds(30), name + " event " + downEvent, () -> event(name, downEvent) != null);
        Instant downFired = Instant.parse(event(name, downEvent).path("createdAt").asString());
        Await.until(Duration.ofSeconds(20), "no running task of " + name, () -> running(name).isEmpty());
        assertThat(action(name, "scaledown-after-hours").path("inForce").asString()).isEqualTo("0..0");
        // fired once each: a later round does not fire the same firing again
        assertThat(berth.getJson("/v1/clusters/default/services/" + name).path("events").valueStream()
                .filter(e -> e.path("message").asString().startsWith("scheduled action ")).count()).isEqualTo(2);

        System.out.println("scheduled scaling: business-hours due " + up + " fired " + upFired + " ("
                + Duration.between(up, upFired).toMillis() + " ms late); scaledown-after-hours due " + down
                + " fired " + downFired + " (" + Duration.between(down, downFired).toMillis() + " ms late); rounds"
                + " every 2 s");
    }
}
