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

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rollouts on the real Docker engine and a real PostgreSQL, as a GitOps pipeline drives them: {@code apply?wait}
 * answers 200 for a good rollout and 409 for one that was rolled back — a revision whose container exits (the
 * circuit breaker trips) and one whose health check never passes (the progress deadline) — and restart and manual
 * rollback through the API. Two tasks per service, 1 s minHealthyTime and 1 s health checks keep it short.
 */
@Tag("docker")
class RolloutEndToEndIT {

    private static DockerEngine docker;
    private static BerthProcess berth;

    @BeforeAll
    static void start() {
        docker = DockerEngines.connect(EngineConfig.of(EngineConfig.LOCAL_ENDPOINT));
        berth = new BerthProcess("rollout", List.of("--berth.reconciler.resync-interval=2s",
                "--berth.reconciler.stop-timeout=2s"), "rollout");
        berth.start();
    }

    @AfterAll
    static void stop() {
        if (berth != null) {
            berth.close();
        }
        if (docker != null) {
            E2eContainers.removeManaged(docker, "berth.service", "e2e-ro-");
            docker.close();
        }
    }

    /**
     * A busybox web server with a health check fetching its page. {@code command} and {@code check} replace the
     * server or the check; {@code version} is an environment variable, so each value is a new revision.
     */
    private static String manifest(String name, String version, String command, String check, String deployment) {
        return """
                apiVersion: berth/v1
                kind: TaskDefinition
                metadata: {name: %1$s}
                spec:
                  containers:
                    - name: httpd
                      image: busybox:1.36
                      command: [sh, -c, '%3$s']
                      environment: {VERSION: "%2$s"}
                      cpu: 32
                      memory: 32
                      healthCheck: {command: [CMD-SHELL, '%4$s'], interval: 1s, timeout: 1s, retries: 2, startPeriod: %6$s}
                ---
                apiVersion: berth/v1
                kind: Service
                metadata: {name: %1$s, cluster: default}
                spec:
                  taskDefinition: %1$s
                  desiredCount: 2
                  deployment: {minHealthyTime: 1s, %5$s}
                """.formatted(name, version, command, check, deployment, check.equals(NEVER_HEALTHY) ? "10m" : "0s");
    }

    private static final String SERVE = "mkdir -p /www && echo ok > /www/index.html && exec httpd -f -p 8080 -h /www";
    private static final String HEALTHY = "wget -q -O /dev/null http://127.0.0.1:8080/ || exit 1";
    /** Fails, within a 10 m startPeriod: Docker keeps the container "starting", neither healthy nor unhealthy. */
    private static final String NEVER_HEALTHY = "exit 1";

    private static String good(String name, String version) {
        return manifest(name, version, SERVE, HEALTHY, "circuitBreaker: {threshold: 2}");
    }

    private static HttpResponse<String> applyWait(String body) {
        return berth.send("POST", "/v1/apply?wait=true&timeout=120s", "application/yaml", body);
    }

    private static List<ContainerState> running(String service) {
        return docker.list(Map.of("berth.service", service)).stream().filter(ContainerState::running).toList();
    }

    private static Set<String> revisions(String service) {
        return running(service).stream().map(c -> c.labels().get("berth.task-definition")).collect(Collectors.toSet());
    }

    private static JsonNode deployments(String service) {
        return berth.getJson("/v1/clusters/default/services/" + service + "/deployments");
    }

    private static void awaitRunningOnly(String service, String revision) {
        Await.until(Duration.ofSeconds(90), "2 running tasks of " + service + ", all " + revision + " (log " + berth.log() + ")",
                () -> running(service).size() == 2 && revisions(service).equals(Set.of(revision)));
    }

    private static void delete(String name) {
        HttpResponse<String> r = berth.send("DELETE", "/v1/clusters/default/services/" + name + "?wait=true&timeout=60s", null, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    /** The data lines of a /v1/watch stream, read on a thread of its own. */
    private static List<String> watch(String service) {
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create(berth.url() + "/v1/watch?cluster=default&service=" + service))
                .header("Authorization", "Bearer " + BerthProcess.TOKEN).header("Accept", "text/event-stream").build();
        Thread.ofVirtual().start(() -> {
            try {
                HttpResponse<java.io.InputStream> r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
                try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        lines.add(line);
                    }
                }
            } catch (Exception e) {
                lines.add("error: " + e);
            }
        });
        return lines;
    }

    @Test
    void goodRolloutRestartAndManualRollbackWithApplyWaitAndTheWatchStream() {
        String name = "e2e-ro-good-" + UUID.randomUUID().toString().substring(0, 6);
        HttpResponse<String> created = applyWait(good(name, "1"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        awaitRunningOnly(name, name + ":1");
        List<String> stream = watch(name);
        Await.until(Duration.ofSeconds(10), "the watch stream's sync", () -> stream.stream().anyMatch(l -> l.startsWith("event:sync")));

        // a good rollout: apply?wait answers 200 once revision 2 completed
        HttpResponse<String> rolled = applyWait(good(name, "2"));
        assertThat(rolled.statusCode()).as(rolled.body()).isEqualTo(200);
        assertThat(rolled.body()).contains(name).contains("COMPLETED");
        awaitRunningOnly(name, name + ":2");
        JsonNode history = deployments(name);
        assertThat(history.get(0).get("taskDefinition").asString()).isEqualTo(name + ":2");
        assertThat(history.get(0).get("rolloutState").asString()).isEqualTo("COMPLETED");
        Await.until(Duration.ofSeconds(10), "the rollout's completion on the watch stream", () -> stream.stream()
                .anyMatch(l -> l.startsWith("data:") && l.contains("\"kind\":\"deployment\"") && l.contains("\"rolloutState\":\"COMPLETED\"")
                        && l.contains(name + ":2")));
        assertThat(stream).noneMatch(l -> l.startsWith("error:"));

        // restart: a new deployment of the same revision replaces every container
        Set<String> before = running(name).stream().map(ContainerState::id).collect(Collectors.toSet());
        HttpResponse<String> restart = berth.send("POST", "/v1/clusters/default/services/" + name + "/restart", null, null);
        assertThat(restart.statusCode()).as(restart.body()).isBetween(200, 202);
        Await.until(Duration.ofSeconds(90), "2 new containers after the restart", () -> {
            List<ContainerState> now = running(name);
            return now.size() == 2 && now.stream().noneMatch(c -> before.contains(c.id()));
        });
        Await.until(Duration.ofSeconds(30), "the restart deployment completed", () -> {
            JsonNode latest = deployments(name).get(0);
            return latest.get("trigger").asString().equals("RESTART") && latest.get("rolloutState").asString().equals("COMPLETED");
        });

        // manual rollback: back to the previous completed revision
        HttpResponse<String> rollback = berth.send("POST", "/v1/clusters/default/services/" + name + "/rollback", "application/json", "{}");
        assertThat(rollback.statusCode()).as(rollback.body()).isBetween(200, 202);
        awaitRunningOnly(name, name + ":1");
        Await.until(Duration.ofSeconds(30), "the rollback deployment completed", () -> {
            JsonNode latest = deployments(name).get(0);
            return latest.get("trigger").asString().equals("ROLLBACK") && latest.get("rolloutState").asString().equals("COMPLETED");
        });
        assertThat(berth.getJson("/v1/clusters/default/services/" + name).get("taskDefinition").asString()).isEqualTo(name + ":1");
        delete(name);
    }

    @Test
    void aRevisionThatExitsTripsTheBreakerRollsBackAndApplyWaitSays409() {
        String name = "e2e-ro-crash-" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(applyWait(good(name, "1")).statusCode()).isEqualTo(200);

        HttpResponse<String> crashed = applyWait(manifest(name, "2", "exit 1", HEALTHY, "circuitBreaker: {threshold: 2}"));

        assertThat(crashed.statusCode()).as(crashed.body()).isEqualTo(409);
        assertThat(crashed.body()).contains(name).contains("circuit breaker tripped").contains("rolled back to " + name + ":1");
        awaitRunningOnly(name, name + ":1");
        JsonNode failed = deployments(name).findValues("taskDefinition").stream().anyMatch(t -> t.asString().equals(name + ":2"))
                ? findDeployment(name, name + ":2") : null;
        assertThat(failed).isNotNull();
        assertThat(failed.get("rolloutState").asString()).isEqualTo("ROLLED_BACK");
        JsonNode stopped = berth.getJson("/v1/clusters/default/tasks?service=" + name + "&status=STOPPED");
        assertThat(stopped.toString()).contains("exited with code 1");
        delete(name);
    }

    @Test
    void aRevisionThatNeverBecomesHealthyFailsAtTheProgressDeadlineAndRollsBack() {
        String name = "e2e-ro-stuck-" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(applyWait(good(name, "1")).statusCode()).isEqualTo(200);

        HttpResponse<String> stuck = applyWait(manifest(name, "2", SERVE, NEVER_HEALTHY, "progressDeadline: 8s"));

        assertThat(stuck.statusCode()).as(stuck.body()).isEqualTo(409);
        assertThat(stuck.body()).contains(name).contains("no progress for 8s (progressDeadline)");
        awaitRunningOnly(name, name + ":1");
        assertThat(findDeployment(name, name + ":2").get("rolloutState").asString()).isEqualTo("ROLLED_BACK");
        delete(name);
    }

    private static JsonNode findDeployment(String service, String revision) {
        for (JsonNode d : deployments(service)) {
            if (d.get("taskDefinition").asString().equals(revision)) {
                return d;
            }
        }
        throw new AssertionError("no deployment of " + revision + " in " + deployments(service));
    }
}
