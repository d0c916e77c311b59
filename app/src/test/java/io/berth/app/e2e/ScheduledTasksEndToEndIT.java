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

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scheduled tasks on the real engine and a real PostgreSQL: a seconds-level schedule fires, each firing's task is the
 * one its token names (so no firing can run twice), and with Forbid a firing is skipped, with its reason, while the
 * previous run still goes on.
 */
@Tag("docker")
class ScheduledTasksEndToEndIT {

    private static final String PREFIX = "e2e-sched-";
    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();
    private static DockerEngine docker;
    private static BerthProcess berth;

    @BeforeAll
    static void start() {
        docker = DockerEngines.connect(EngineConfig.of(EngineConfig.LOCAL_ENDPOINT));
        berth = new BerthProcess("schedules", List.of("--berth.reconciler.resync-interval=2s",
                "--berth.reconciler.stop-timeout=1s"), "schedules");
        berth.start();
    }

    @AfterAll
    static void stop() {
        if (berth != null) {
            berth.close();
        }
        if (docker != null) {
            E2eContainers.removeManaged(docker, "berth.task-definition", PREFIX);
            docker.close();
        }
    }

    private static String apply(String yaml) {
        HttpResponse<String> r = berth.send("POST", "/v1/apply", "application/yaml", yaml);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    private static String taskDefinition(String command) {
        String family = PREFIX + UUID.randomUUID().toString().substring(0, 6);
        apply("""
                apiVersion: berth/v1
                kind: TaskDefinition
                metadata: {name: %s}
                spec:
                  containers:
                    - {name: main, image: "busybox:1.36", memory: 16, command: %s}
                """.formatted(family, command));
        return family;
    }

    private static void schedule(String name, String schedule, String family, String concurrency) {
        apply("""
                apiVersion: berth/v1
                kind: ScheduledTask
                metadata: {name: %s, cluster: default}
                spec: {schedule: "%s", taskDefinition: %s, concurrency: %s, successfulHistoryLimit: 20}
                """.formatted(name, schedule, family, concurrency));
    }

    private static JsonNode scheduled(String name) {
        return berth.getJson("/v1/clusters/default/scheduled-tasks/" + name);
    }

    private static List<JsonNode> tasksStartedBy(String startedBy) {
        List<JsonNode> tasks = new ArrayList<>();
        berth.getJson("/v1/clusters/default/tasks?limit=100&startedBy=" + startedBy).forEach(tasks::add);
        return tasks;
    }

    @Test
    void aSecondsScheduleFiresAndEachFiringRunsOnce() {
        String family = taskDefinition("[sh, -c, \"echo fired; exit 0\"]");
        String name = PREFIX + "quick";
        Instant applied = Instant.now();
        schedule(name, "*/3 * * * * *", family, "Allow");
        try {
            Await.until(Duration.ofSeconds(40), "three firings of " + name + " done (log " + berth.log() + ")", () -> {
                JsonNode s = scheduled(name);
                int done = 0;
                for (JsonNode f : s.get("firings")) {
                    done += "SUCCEEDED".equals(f.path("status").asString("")) ? 1 : 0;
                }
                return done >= 3;
            });
        } finally {
            berth.send("DELETE", "/v1/clusters/default/scheduled-tasks/" + name, null, null);
        }
        Instant deleted = Instant.now();
        JsonNode s = scheduled404OrNull(name);
        assertThat(s).as("deleted").isNull();

        // Every task of the schedule is the one its firing's token names: one task id per firing time, so a firing
        // that ran twice (a retry, a second pass) would have found its task, not written another.
        Set<String> tokenIds = new HashSet<>();
        for (long t = applied.getEpochSecond() - 3; t <= deleted.getEpochSecond() + 3; t++) {
            if (t % 3 == 0) {
                tokenIds.add(ClientTokens.taskIds("default", FiringTokens.token(name, Instant.ofEpochSecond(t)), 1)
                        .getFirst().toString());
            }
        }
        List<JsonNode> tasks = tasksStartedBy("schedule/" + name);
        assertThat(tasks).hasSizeGreaterThanOrEqualTo(3);
        assertThat(tasks).allSatisfy(t -> assertThat(tokenIds).contains(t.get("id").asString()));
        long span = deleted.getEpochSecond() - applied.getEpochSecond();
        System.out.printf("scheduled tasks e2e: %d firings of */3s in %ds%n", tasks.size(), span);
        assertThat(tasks.size()).as("at most one task per firing time").isLessThanOrEqualTo((int) (span / 3) + 1);
        for (JsonNode t : tasks) {
            assertThat(docker.list(Map.of("berth.task-id", t.get("id").asString())))
                    .as("one container per task").hasSizeLessThanOrEqualTo(1);
        }
    }

    @Test
    void forbidSkipsAFiringWhileThePreviousRunGoesOn() {
        String family = taskDefinition("[sleep, \"300\"]");
        String name = PREFIX + "slow";
        schedule(name, "*/4 * * * * *", family, "Forbid");
        try {
            Await.until(Duration.ofSeconds(40), "a firing of " + name + " skipped (log " + berth.log() + ")", () -> {
                for (JsonNode f : scheduled(name).get("firings")) {
                    if ("SKIPPED".equals(f.path("outcome").asString(""))) {
                        return true;
                    }
                }
                return false;
            });
            JsonNode s = scheduled(name);
            JsonNode skipped = null;
            int started = 0;
            for (JsonNode f : s.get("firings")) {
                if ("SKIPPED".equals(f.path("outcome").asString(""))) {
                    skipped = f;
                }
                started += "STARTED".equals(f.path("outcome").asString("")) ? 1 : 0;
            }
            assertThat(skipped.get("reason").asString()).contains("concurrency Forbid").contains("still running");
            assertThat(started).as(s.toString()).isEqualTo(1);
            List<JsonNode> tasks = tasksStartedBy("schedule/" + name);
            assertThat(tasks).as("one run, never a second beside it").hasSize(1);
        } finally {
            berth.send("DELETE", "/v1/clusters/default/scheduled-tasks/" + name, null, null);
            for (JsonNode t : tasksStartedBy("schedule/" + name)) {
                berth.send("POST", "/v1/clusters/default/tasks/" + t.get("id").asString() + "/stop",
                        "application/json", "{}");
            }
        }
    }

    private static JsonNode scheduled404OrNull(String name) {
        HttpResponse<String> r = berth.send("GET", "/v1/clusters/default/scheduled-tasks/" + name, null, null);
        return r.statusCode() == 404 ? null : JSON.readTree(r.body());
    }
}
