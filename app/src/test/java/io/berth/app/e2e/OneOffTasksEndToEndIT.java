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

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One-off tasks as a user meets them, on the real engine and a real PostgreSQL: run-task of a batch command (its exit
 * code visible, never restarted), its logs, stop-task, and faults that end a task with a reason of their own.
 */
@Tag("docker")
class OneOffTasksEndToEndIT {

    private static final String PREFIX = "e2e-once-";
    private static final String BLOCKER_LABEL = "berth.test=oneoff-e2e";
    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();
    private static DockerEngine docker;
    private static BerthProcess berth;

    @BeforeAll
    static void start() {
        docker = DockerEngines.connect(EngineConfig.of(EngineConfig.LOCAL_ENDPOINT));
        berth = new BerthProcess("oneoff", List.of("--berth.reconciler.resync-interval=2s",
                "--berth.reconciler.stop-timeout=2s"), "oneoff");
        berth.start();
    }

    @AfterAll
    static void stop() {
        if (berth != null) {
            berth.close();
        }
        if (docker != null) {
            E2eContainers.removeManaged(docker, "berth.task-definition", PREFIX);
            docker.list(Map.of("berth.test", "oneoff-e2e")).forEach(c -> docker.remove(c.id()));
            docker.close();
        }
    }

    /** Registers a one-container task definition; returns its family. */
    private static String taskDefinition(String container) {
        String family = PREFIX + UUID.randomUUID().toString().substring(0, 6);
        HttpResponse<String> r = berth.send("POST", "/v1/apply", "application/yaml", """
                apiVersion: berth/v1
                kind: TaskDefinition
                metadata: {name: %s}
                spec:
                  containers:
                %s""".formatted(family, container.indent(4)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return family;
    }

    private static JsonNode runTask(String body) {
        HttpResponse<String> r = berth.send("POST", "/v1/clusters/default/tasks", "application/json", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode answer = JSON.readTree(r.body());
        assertThat(answer.get("failures").size()).as(r.body()).isZero();
        return answer.get("tasks").get(0);
    }

    private static JsonNode task(String id) {
        return berth.getJson("/v1/clusters/default/tasks/" + id);
    }

    private static JsonNode awaitStopped(String id) {
        Await.until(Duration.ofSeconds(90), "task " + id + " STOPPED (log " + berth.log() + ")",
                () -> "STOPPED".equals(task(id).get("lastStatus").asString()));
        return task(id);
    }

    private static List<ContainerState> containersOf(String taskId) {
        return docker.list(Map.of("berth.task-id", taskId));
    }

    private record CliRun(int exit, String out, String err) {
    }

    private static CliRun cli(String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        io.berth.cli.CliContext context = new io.berth.cli.CliContext(Map.of(), java.nio.file.Path.of("target"),
                java.io.InputStream.nullInputStream(), new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true),
                false, Duration.ofMillis(300), Duration.ofSeconds(2), java.time.Instant::now, d -> Thread.sleep(d));
        List<String> all = new java.util.ArrayList<>(List.of("--server", berth.url(), "--token", BerthProcess.TOKEN));
        all.addAll(List.of(args));
        int exit = io.berth.cli.BerthCli.run(all.toArray(String[]::new), context);
        return new CliRun(exit, out.toString(), err.toString());
    }

    @Test
    void batchTaskRunsToCompletionWithItsExitCodeAndLogsAndIsNotRestarted() {
        String family = taskDefinition("""
                - name: main
                  image: busybox:1.36
                  command: [sh, -c, "echo hello-from-$MODE; exit 3"]
                  memory: 32
                  environment: {MODE: definition}
                """);
        JsonNode started = runTask("""
                {"taskDefinition": "%s", "startedBy": "e2e", "group": "batch",
                 "overrides": {"containerOverrides": [{"name": "main", "environment": [{"name": "MODE", "value": "override"}]}]}}
                """.formatted(family));
        String id = started.get("id").asString();

        JsonNode stopped = awaitStopped(id);
        assertThat(stopped.get("stopCode").asString()).isEqualTo("EssentialContainerExited");
        assertThat(stopped.get("stoppedReason").asString()).isEqualTo("Essential container in task exited: main exited with code 3");
        assertThat(stopped.get("containers").get(0).get("exitCode").asInt()).isEqualTo(3);
        assertThat(stopped.get("startedBy").asString()).isEqualTo("e2e");
        for (String at : List.of("createdAt", "startedAt", "stoppingAt", "stoppedAt")) {
            assertThat(stopped.hasNonNull(at)).as(at + " in " + stopped).isTrue();
        }
        // Logs of the stopped task's container (kept for the retention period)
        HttpResponse<String> logs = berth.send("GET", "/v1/clusters/default/tasks/" + id + "/containers/main/logs", null, null);
        assertThat(logs.statusCode()).as(logs.body()).isEqualTo(200);
        assertThat(logs.body()).isEqualTo("hello-from-override\n");
        // Never restarted: after several resyncs (2 s each) it still has its one container.
        Await.holdsFor(Duration.ofSeconds(5), "one container, not running", () -> {
            List<ContainerState> cs = containersOf(id);
            return cs.size() == 1 && !cs.getFirst().running();
        });

        // The CLI: run-task --wait exits with the container's code; logs prints its output
        CliRun run = cli("run-task", family, "--started-by", "e2e-cli", "--wait", "--", "sh", "-c", "echo via-cli; exit 7");
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(7);
        String cliTask = run.out().lines().filter(l -> l.startsWith("task/")).findFirst().orElseThrow()
                .substring(5, 41);
        CliRun logsCli = cli("logs", cliTask.substring(0, 8));
        assertThat(logsCli.exit()).as(logsCli.err()).isZero();
        assertThat(logsCli.out()).isEqualTo("via-cli\n");
        CliRun describe = cli("describe", "task", cliTask);
        assertThat(describe.exit()).as(describe.err()).isZero();
        assertThat(describe.out()).contains("e2e-cli").contains("Essential container in task exited: main exited with code 7");
    }

    @Test
    void followedLogsEndWhenTheContainerStops() {
        String family = taskDefinition("""
                - name: ticker
                  image: busybox:1.36
                  command: [sh, -c, "for i in 1 2 3 4; do echo tick$i; sleep 0.5; done"]
                  memory: 16
                """);
        String id = runTask("{\"taskDefinition\": \"%s\"}".formatted(family)).get("id").asString();
        Await.until(Duration.ofSeconds(60), "container of " + id + " created", () -> {
            JsonNode t = task(id);
            return t.get("containers").get(0).hasNonNull("dockerId");
        });

        HttpResponse<String> logs = berth.send("GET", "/v1/clusters/default/tasks/" + id
                + "/containers/ticker/logs?follow=true", null, null);

        assertThat(logs.statusCode()).as(logs.body()).isEqualTo(200);
        assertThat(logs.body()).endsWith("tick4\n"); // the response ended because the container stopped
        awaitStopped(id);
    }

    @Test
    void stopTaskStopsItWithTheUsersReason() {
        String family = taskDefinition("""
                - name: sleeper
                  image: busybox:1.36
                  command: [sleep, "300"]
                  memory: 16
                """);
        String id = runTask("{\"taskDefinition\": \"%s\"}".formatted(family)).get("id").asString();
        Await.until(Duration.ofSeconds(60), "task " + id + " RUNNING", () -> "RUNNING".equals(task(id).get("lastStatus").asString()));

        HttpResponse<String> r = berth.send("POST", "/v1/clusters/default/tasks/" + id + "/stop", "application/json",
                "{\"reason\": \"e2e says stop\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);

        JsonNode stopped = awaitStopped(id);
        assertThat(stopped.get("stopCode").asString()).isEqualTo("UserInitiated");
        assertThat(stopped.get("stoppedReason").asString()).isEqualTo("e2e says stop");
        assertThat(containersOf(id)).noneMatch(ContainerState::running);
    }

    @Test
    void faultsEndTasksWithReasonsOfTheirOwnAndLeaveNoRunningContainers() throws Exception {
        String missingImage = taskDefinition("""
                - name: main
                  image: berth-e2e/no-such-image:404
                  memory: 16
                """);
        String noCommand = taskDefinition("""
                - name: main
                  image: busybox:1.36
                  command: [/no/such/binary]
                  memory: 16
                """);
        String hog = taskDefinition("""
                - name: main
                  image: busybox:1.36
                  command: [sh, -c, "x=a; while true; do x=$x$x; done"]
                  memory: 8
                """);
        int port = freePort();
        Process blocker = new ProcessBuilder("docker", "run", "-d", "--label", BLOCKER_LABEL, "-p", port + ":8080",
                "busybox:1.36", "sleep", "300").redirectErrorStream(true).start();
        assertThat(blocker.waitFor()).as(new String(blocker.getInputStream().readAllBytes())).isZero();
        String portTaken = taskDefinition("""
                - name: main
                  image: busybox:1.36
                  command: [httpd, -f, -p, "8080"]
                  memory: 16
                  portMappings: [{containerPort: 8080, hostPort: %d}]
                """.formatted(port));

        Map<String, String> ids = new java.util.LinkedHashMap<>();
        for (String family : List.of(missingImage, noCommand, hog, portTaken)) {
            ids.put(family, runTask("{\"taskDefinition\": \"%s\"}".formatted(family)).get("id").asString());
        }
        Map<String, JsonNode> stopped = new java.util.LinkedHashMap<>();
        ids.forEach((family, id) -> stopped.put(family, awaitStopped(id)));
        stopped.forEach((family, t) -> System.out.printf("fault %s: %s / %s%n", family, t.get("stopCode"), t.get("stoppedReason")));

        assertThat(stopped.get(missingImage).get("stopCode").asString()).isEqualTo("TaskFailedToStart");
        // No registry is reachable here: the image is neither on the host nor pullable.
        assertThat(stopped.get(missingImage).get("stoppedReason").asString())
                .startsWith("CannotPullContainerError: image berth-e2e/no-such-image:404 ");
        assertThat(stopped.get(noCommand).get("stopCode").asString()).isEqualTo("TaskFailedToStart");
        assertThat(stopped.get(noCommand).get("stoppedReason").asString())
                .isEqualTo("CannotStartContainerError: command not found in the image: \"/no/such/binary\" (no such file or directory)");
        assertThat(stopped.get(hog).get("stopCode").asString()).isEqualTo("EssentialContainerExited");
        // Docker sets OOMKilled only when containerd's OOM event beats the exit event; on a busy host it sometimes
        // does not (containerd#8180), and an inspect before the late "oom" event cannot know. Both texts are
        // what Docker said; anything else is a bug of ours.
        assertThat(stopped.get(hog).get("stoppedReason").asString()).isIn(
                "Essential container in task exited: main was OOM-killed (memory limit reached), exit code 137",
                "Essential container in task exited: main exited with code 137");
        assertThat(stopped.get(hog).get("containers").get(0).get("exitCode").asInt()).isEqualTo(137);
        assertThat(stopped.get(portTaken).get("stopCode").asString()).isEqualTo("TaskFailedToStart");
        assertThat(stopped.get(portTaken).get("stoppedReason").asString())
                .startsWith("CannotStartContainerError: host port " + port + " is already in use on the host");
        // Four reasons, four different texts
        assertThat(stopped.values().stream().map(t -> t.get("stoppedReason").asString()).distinct()).hasSize(4);
        for (String id : ids.values()) {
            assertThat(containersOf(id)).noneMatch(ContainerState::running);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
