package io.berth.app.e2e;

import io.berth.docker.DockerEngine;
import io.berth.docker.DockerEngines;
import io.berth.docker.EngineConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Secrets and configs on the real jar, engine and PostgreSQL (a database of its own): a secret reaches its task's
 * environment and a file written before the start (read back from THAT container), a config its file; the value is in
 * no API answer of the run (tasks, task definitions, services with their events, secrets, the watch feed), not in
 * Berth's log, and not in {@code docker inspect} of another task's container. Deleting the secret in use is refused
 * naming its user; changing it rolls out the service that says rolloutOnChange, whose new task shows the version.
 */
@Tag("docker")
class SecretsEndToEndIT {

    private static final String PREFIX = "e2e-secrets-";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static DockerEngine docker;
    private static BerthProcess berth;

    @BeforeAll
    static void start() {
        docker = DockerEngines.connect(EngineConfig.of(EngineConfig.LOCAL_ENDPOINT));
        berth = new BerthProcess("secrets", List.of("--berth.reconciler.resync-interval=2s",
                "--berth.reconciler.stop-timeout=1s"), "secrets_e2e");
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

    private static String manifest(String id, String password, String greeting) {
        return """
                apiVersion: berth/v1
                kind: Secret
                metadata: {name: %1$s-db}
                stringData: {password: "%2$s"}
                ---
                apiVersion: berth/v1
                kind: Config
                metadata: {name: %1$s-conf}
                data: {config.yaml: "%3$s"}
                ---
                apiVersion: berth/v1
                kind: TaskDefinition
                metadata: {name: %4$s%1$s-app}
                spec:
                  containers:
                    - name: main
                      image: busybox:1.36
                      memory: 32
                      # What the process finds at its start: the files are there before it.
                      command: [sh, -c, "cp /run/secrets/db/password /tmp/at-start; exec sleep 600"]
                      environment: {APP_MODE: prod, DB_PASSWORD_HINT: "none here"}
                      secrets: [{name: DB_PASSWORD, valueFrom: "%1$s-db:password"}]
                      files:
                        - {path: /run/secrets/db/password, secret: %1$s-db, key: password, mode: "0400", uid: 1000}
                        - {path: /etc/app/config.yaml, config: %1$s-conf, key: config.yaml}
                ---
                apiVersion: berth/v1
                kind: Service
                metadata: {name: %1$s-app, cluster: default}
                spec: {taskDefinition: %4$s%1$s-app, desiredCount: 1, rolloutOnChange: true}
                ---
                apiVersion: berth/v1
                kind: TaskDefinition
                metadata: {name: %4$s%1$s-plain}
                spec:
                  containers: [{name: main, image: busybox:1.36, memory: 32, command: [sleep, "600"]}]
                ---
                apiVersion: berth/v1
                kind: Service
                metadata: {name: %1$s-plain, cluster: default}
                spec: {taskDefinition: %4$s%1$s-plain, desiredCount: 1}
                """.formatted(id, password, java.util.Base64.getEncoder().encodeToString(
                greeting.getBytes(StandardCharsets.UTF_8)), PREFIX);
    }

    private static JsonNode apply(String body) {
        HttpResponse<String> r = berth.send("POST", "/v1/apply", "application/yaml", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** The RUNNING task of the service, once there is exactly one and (when given) it is not {@code other}. */
    private static JsonNode runningTask(String service, String notId) {
        JsonNode[] found = new JsonNode[1];
        Await.until(Duration.ofSeconds(60), "one RUNNING task of " + service + " (log " + berth.log() + ")", () -> {
            List<JsonNode> running = new ArrayList<>();
            for (JsonNode t : berth.getJson("/v1/clusters/default/tasks?service=" + service)) {
                if ("RUNNING".equals(t.path("lastStatus").asString()) && !t.path("id").asString().equals(notId)) {
                    running.add(t);
                }
            }
            found[0] = running.size() == 1 ? running.get(0) : null;
            return found[0] != null;
        });
        return found[0];
    }

    private static String dockerInspect(String containerId) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("docker", "inspect", containerId).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    /** What the watch feed sends from its oldest kept position, read for a bounded time. */
    private static String watchFeed() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(berth.url() + "/v1/watch?since=0"))
                .header("Authorization", "Bearer " + BerthProcess.TOKEN).timeout(Duration.ofSeconds(10)).GET().build();
        HttpResponse<InputStream> r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        StringBuilder text = new StringBuilder();
        long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        try (InputStream in = r.body()) {
            byte[] buffer = new byte[65536];
            while (System.nanoTime() < until) {
                int available = in.available();
                if (available > 0) {
                    int n = in.read(buffer, 0, Math.min(available, buffer.length));
                    text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                } else {
                    Thread.sleep(100);
                }
            }
        }
        return text.toString();
    }

    @Test
    void aSecretReachesItsTaskOnlyAndNoAnswerShowsIt() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 6);
        String password = "pw-" + UUID.randomUUID();
        String greeting = "greeting: hello-" + id;
        long t0 = System.nanoTime();
        JsonNode applied = apply(manifest(id, password, greeting));
        assertThat(applied.toString()).doesNotContain(password);

        JsonNode task = runningTask(id + "-app", null);
        JsonNode plain = runningTask(id + "-plain", null);
        String container = task.path("containers").get(0).path("dockerId").asString();
        String out = docker.exec(container, List.of("sh", "-c",
                "echo \"env=$DB_PASSWORD\"; echo \"file=$(cat /run/secrets/db/password)\"; "
                        + "echo \"at-start=$(cat /tmp/at-start)\"; "
                        + "stat -c 'mode=%a uid=%u' /run/secrets/db/password; cat /etc/app/config.yaml"),
                Duration.ofSeconds(10), 4096);
        System.out.printf("secret delivered in %d ms; container says:%n%s%n",
                Duration.ofNanos(System.nanoTime() - t0).toMillis(), out.replace(password, "<password>"));
        assertThat(out).contains("env=" + password, "file=" + password, "at-start=" + password, "mode=400 uid=1000",
                greeting);
        assertThat(task.path("secretVersions").path(id + "-db").asInt()).as(task.toString()).isEqualTo(1);
        assertThat(task.path("configVersions").path(id + "-conf").asInt()).as(task.toString()).isEqualTo(1);

        String otherContainer = plain.path("containers").get(0).path("dockerId").asString();
        assertThat(dockerInspect(otherContainer)).doesNotContain(password);

        // Deleting the secret while a service uses it is refused, naming the revision that uses it.
        HttpResponse<String> refused = berth.send("DELETE", "/v1/secrets/" + id + "-db", null, null);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(refused.body()).contains(PREFIX + id + "-app:1");

        // New value: the service that says rolloutOnChange gets a new task with it; the version shows which.
        String newPassword = "pw2-" + UUID.randomUUID();
        JsonNode changed = apply(manifest(id, newPassword, greeting));
        assertThat(changed.toString()).contains("\"kind\":\"Secret\"").doesNotContain(newPassword);
        JsonNode next = runningTask(id + "-app", task.path("id").asString());
        String nextOut = docker.exec(next.path("containers").get(0).path("dockerId").asString(),
                List.of("sh", "-c", "echo \"env=$DB_PASSWORD\"; cat /run/secrets/db/password"), Duration.ofSeconds(10), 4096);
        assertThat(nextOut).contains("env=" + newPassword).doesNotContain(password);
        assertThat(next.path("secretVersions").path(id + "-db").asInt()).as(next.toString()).isEqualTo(2);
        JsonNode plainAfter = runningTask(id + "-plain", null);
        assertThat(plainAfter.path("id")).as("a service without rolloutOnChange keeps its task").isEqualTo(plain.path("id"));

        // No answer of the run shows either value.
        List<String> paths = List.of("/v1/clusters/default/tasks", "/v1/clusters/default/tasks/" + task.path("id").asString(),
                "/v1/clusters/default/tasks/" + next.path("id").asString(), "/v1/task-definitions/" + PREFIX + id + "-app",
                "/v1/task-definitions/" + PREFIX + id + "-app:1", "/v1/clusters/default/services",
                "/v1/clusters/default/services/" + id + "-app", "/v1/secrets", "/v1/secrets/" + id + "-db",
                "/v1/configs/" + id + "-conf");
        for (String path : paths) {
            HttpResponse<String> r = berth.send("GET", path, null, null);
            assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
            assertThat(r.body()).as(path).doesNotContain(password).doesNotContain(newPassword);
        }
        assertThat(berth.send("GET", "/v1/secrets/" + id + "-db", null, null).body()).contains("\"password\"");
        assertThat(berth.send("GET", "/v1/configs/" + id + "-conf", null, null).body()).contains("hello-" + id);
        String feed = watchFeed();
        assertThat(feed).contains("event:").doesNotContain(password).doesNotContain(newPassword);
        assertThat(Files.readString(berth.log())).doesNotContain(password).doesNotContain(newPassword);
        System.out.printf("checked %d API answers, %d characters of the watch feed and the log: no secret value%n",
                paths.size() + 3, feed.length());
    }
}
