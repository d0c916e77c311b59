package io.berth.app.e2e;

import io.berth.docker.DockerEngine;
import io.berth.docker.DockerEngines;
import io.berth.docker.EngineConfig;
import io.berth.reconciler.plan.ClientTokens;
import io.berth.reconciler.schedule.FiringTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scheduled task across a leader failover: two Berths on one PostgreSQL; the leader fires a two-second schedule, is
 * SIGKILLed (possibly in the middle of a firing), and the standby takes the lease and goes on firing. Every task the
 * schedule started is the one its firing time's token names, and no firing time has two tasks: a firing the dead
 * leader had begun is finished by the new one, never run again.
 */
@Tag("docker")
class ScheduledTaskFailoverIT {

    private static final String PREFIX = "e2e-schedfo-";
    private static final String LEADS = "this Berth holds the control-loop lease";
    private static final List<String> ARGS = List.of("--berth.reconciler.resync-interval=2s",
            "--berth.reconciler.stop-timeout=1s", "--berth.reconciler.leader-check-interval=1s");
    private static final int EVERY_SECONDS = 2;

    private static DockerEngine docker;
    private static BerthProcess first;
    private static BerthProcess second;

    @BeforeAll
    static void start() {
        docker = DockerEngines.connect(EngineConfig.of(EngineConfig.LOCAL_ENDPOINT));
        first = new BerthProcess("schedfo-a", ARGS, "schedfo");
        first.start();
        Await.until(Duration.ofSeconds(60), "the first Berth leading (log " + first.log() + ")", () -> logOf(first).contains(LEADS));
        second = new BerthProcess("schedfo-b", ARGS, "schedfo");
        second.start();
    }

    @AfterAll
    static void stop() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
        if (docker != null) {
            E2eContainers.removeManaged(docker, "berth.task-definition", PREFIX);
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

    private static List<JsonNode> tasksOf(String name) {
        List<JsonNode> tasks = new ArrayList<>();
        second.getJson("/v1/clusters/default/tasks?limit=200&startedBy=schedule/" + name).forEach(tasks::add);
        return tasks;
    }

    private static long firingsStarted(String name) {
        long started = 0;
        for (JsonNode f : second.getJson("/v1/clusters/default/scheduled-tasks/" + name).get("firings")) {
            started += "STARTED".equals(f.path("outcome").asString("")) ? 1 : 0;
        }
        return started;
    }

    @Test
    void theNewLeaderGoesOnFiringAndNoFiringRunsTwice() {
        String family = PREFIX + "job";
        String name = PREFIX + "tick";
        HttpResponse<String> applied = second.send("POST", "/v1/apply", "application/yaml", """
                apiVersion: berth/v1
                kind: TaskDefinition
                metadata: {name: %s}
                spec:
                  containers:
                    - {name: main, image: "busybox:1.36", memory: 16, command: [sh, -c, "echo tick; exit 0"]}
                ---
                apiVersion: berth/v1
                kind: ScheduledTask
                metadata: {name: %s, cluster: default}
                spec: {schedule: "*/%d * * * * *", taskDefinition: %s, concurrency: Allow, successfulHistoryLimit: 100}
                """.formatted(family, name, EVERY_SECONDS, family));
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
        Instant appliedAt = Instant.now();
        Instant killedAt;
        Instant ledAt;
        try {
            Await.until(Duration.ofSeconds(40), "3 firings started by the first leader (log " + first.log() + ")",
                    () -> firingsStarted(name) >= 3);
            long beforeKill = firingsStarted(name);
            first.kill();
            killedAt = Instant.now();
            Await.until(Duration.ofSeconds(60), "the second Berth leading (log " + second.log() + ")",
                    () -> logOf(second).contains(LEADS));
            ledAt = Instant.now();
            Await.until(Duration.ofSeconds(40), "3 more firings started by the new leader (log " + second.log() + ")",
                    () -> firingsStarted(name) >= beforeKill + 3);
        } finally {
            second.send("DELETE", "/v1/clusters/default/scheduled-tasks/" + name, null, null);
        }
        Instant deletedAt = Instant.now();

        // One task id per firing time, derived from the firing's token: a firing run twice would have found its
        // task, not written a second one.
        Map<String, Instant> idToFiring = new HashMap<>();
        for (long t = appliedAt.getEpochSecond() - EVERY_SECONDS; t <= deletedAt.getEpochSecond() + EVERY_SECONDS; t++) {
            if (t % EVERY_SECONDS == 0) {
                Instant fire = Instant.ofEpochSecond(t);
                idToFiring.put(ClientTokens.taskIds("default", FiringTokens.token(name, fire), 1).getFirst().toString(), fire);
            }
        }
        List<JsonNode> tasks = tasksOf(name);
        assertThat(tasks).hasSizeGreaterThanOrEqualTo(6);
        assertThat(tasks).allSatisfy(t -> assertThat(idToFiring).containsKey(t.get("id").asString()));
        assertThat(tasks.stream().map(t -> t.get("id").asString()).distinct().count())
                .as("no task listed twice").isEqualTo(tasks.size());
        for (JsonNode t : tasks) {
            assertThat(docker.list(Map.of("berth.task-id", t.get("id").asString())))
                    .as("one container per task").hasSizeLessThanOrEqualTo(1);
        }
        long dueInGap = idToFiring.values().stream()
                .filter(f -> !f.isBefore(killedAt.minusSeconds(1)) && f.isBefore(ledAt)).count();
        long ranInGap = tasks.stream().map(t -> idToFiring.get(t.get("id").asString()))
                .filter(f -> !f.isBefore(killedAt.minusSeconds(1)) && f.isBefore(ledAt)).count();
        System.out.printf("scheduled task failover: %d tasks for */%ds over %ds; leader killed, new leader after %d ms; "
                        + "%d firing times fell in the gap, %d of them run late by the new leader%n",
                tasks.size(), EVERY_SECONDS, deletedAt.getEpochSecond() - appliedAt.getEpochSecond(),
                Duration.between(killedAt, ledAt).toMillis(), dueInGap, ranInGap);
    }
}
