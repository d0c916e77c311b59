package io.berth.app.e2e;

import io.berth.docker.DockerEngine;
import io.berth.docker.DockerEngines;
import io.berth.docker.EngineConfig;
import io.berth.docker.TestRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * repositoryCredentials against a real private registry (distribution v2 with basic auth, started by
 * {@code scripts/ensure-test-registry.sh}), the real jar, engine and PostgreSQL: the image is absent locally, so a
 * task must pull it with the stored credential; a wrong password stops the task with a CannotPullContainerError that
 * names the auth failure; the password never comes back from the API nor appears in Berth's log.
 */
@Tag("docker")
class PrivateRegistryEndToEndIT {

    private static final String PREFIX = "e2e-private-";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static DockerEngine docker;
    private static BerthProcess berth;
    private static TestRegistry registry;

    @BeforeAll
    static void start() {
        registry = TestRegistry.ensure();
        docker = DockerEngines.connect(EngineConfig.of(EngineConfig.LOCAL_ENDPOINT));
        // The pull-failure backoff stays on (as in production): a failed pull with one credential must not stop a
        // pull of the same image with another.
        berth = new BerthProcess("private", List.of("--berth.reconciler.resync-interval=2s",
                "--berth.reconciler.stop-timeout=2s"), "private_registry");
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
        if (registry != null) {
            registry.removeLocalImage();
        }
    }

    private static void saveCredential(String name, String password) {
        HttpResponse<String> saved = berth.send("POST", "/v1/credentials", "application/json", """
                {"name": "%s", "serverAddress": "%s", "username": "%s", "password": "%s"}
                """.formatted(name, registry.registry(), registry.username(), password));
        assertThat(saved.statusCode()).as(saved.body()).isIn(200, 201);
        assertThat(saved.body()).doesNotContain(password);
    }

    /** A task definition of the private image naming {@code credential}; returns its family. */
    private static String taskDefinition(String credential) {
        String family = PREFIX + UUID.randomUUID().toString().substring(0, 6);
        HttpResponse<String> r = berth.send("POST", "/v1/task-definitions", "application/json", """
                {"family": "%s", "containerDefinitions": [{"name": "main", "image": "%s", "memory": 32, "essential": true,
                  "repositoryCredentials": {"credentialsParameter": "%s"},
                  "command": ["sh", "-c", "echo pulled-and-ran; exit 0"]}]}
                """.formatted(family, registry.image(), credential));
        assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
        return family;
    }

    private static String runTask(String family) {
        HttpResponse<String> r = berth.send("POST", "/v1/clusters/default/tasks", "application/json",
                "{\"taskDefinition\": \"" + family + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode answer = JSON.readTree(r.body());
        assertThat(answer.get("failures").size()).as(r.body()).isZero();
        return answer.get("tasks").get(0).get("id").asString();
    }

    private static JsonNode awaitStopped(String id) {
        Await.until(Duration.ofSeconds(90), "task " + id + " STOPPED (log " + berth.log() + ")",
                () -> "STOPPED".equals(berth.getJson("/v1/clusters/default/tasks/" + id).get("lastStatus").asString()));
        return berth.getJson("/v1/clusters/default/tasks/" + id);
    }

    @Test
    void aTaskWhoseImageIsOnTheHostHasNoPullTimes() {
        // busybox:1.36 is local and no public registry answers here: the pull is tried, fails, the cache is used.
        String family = PREFIX + UUID.randomUUID().toString().substring(0, 6);
        HttpResponse<String> r = berth.send("POST", "/v1/task-definitions", "application/json", """
                {"family": "%s", "containerDefinitions": [{"name": "main", "image": "busybox:1.36", "memory": 32,
                  "command": ["true"]}]}
                """.formatted(family));
        assertThat(r.statusCode()).as(r.body()).isIn(200, 201);

        JsonNode ran = awaitStopped(runTask(family));

        assertThat(ran.get("containers").get(0).get("exitCode").asInt()).as(ran.toString()).isZero();
        assertThat(ran.get("pullStartedAt").isNull()).as(ran.toString()).isTrue();
        assertThat(ran.get("pullStoppedAt").isNull()).isTrue();
    }

    @Test
    void aTaskPullsItsPrivateImageWithTheStoredCredentialAndAWrongPasswordStopsItClearly() throws IOException {
        registry.removeLocalImage();
        String good = PREFIX + "good-" + UUID.randomUUID().toString().substring(0, 6);
        String bad = PREFIX + "bad-" + UUID.randomUUID().toString().substring(0, 6);
        String wrongPassword = "wrong-" + UUID.randomUUID();
        saveCredential(good, registry.password());
        saveCredential(bad, wrongPassword);

        // Wrong password first: the image is surely absent, so nothing but the registry decides.
        JsonNode refused = awaitStopped(runTask(taskDefinition(bad)));
        System.out.printf("wrong password: %s / %s%n", refused.get("stopCode"), refused.get("stoppedReason"));
        assertThat(refused.get("stopCode").asString()).isEqualTo("TaskFailedToStart");
        assertThat(refused.get("stoppedReason").asString())
                .startsWith("CannotPullContainerError: the registry refused the credentials for " + registry.image()
                        + " (registry authentication failed)")
                .doesNotContain(wrongPassword);

        JsonNode ran = awaitStopped(runTask(taskDefinition(good)));
        assertThat(ran.get("stoppedReason").asString()).as(ran.toString())
                .isEqualTo("Essential container in task exited: main exited with code 0");
        assertThat(ran.get("containers").get(0).get("exitCode").asInt()).isZero();

        // ECS's pull timestamps: a real pull through the registry took place before the container started.
        Instant pullStarted = Instant.parse(ran.get("pullStartedAt").asString());
        Instant pullStopped = Instant.parse(ran.get("pullStoppedAt").asString());
        Instant created = Instant.parse(ran.get("createdAt").asString());
        Instant started = Instant.parse(ran.get("startedAt").asString());
        System.out.printf("pull through the registry: %d ms (created %s, pull %s..%s, started %s)%n",
                Duration.between(pullStarted, pullStopped).toMillis(), created, pullStarted, pullStopped, started);
        assertThat(pullStarted).isAfterOrEqualTo(created).isBeforeOrEqualTo(pullStopped);
        assertThat(started).isAfterOrEqualTo(pullStopped);
        assertThat(refused.get("pullStartedAt").isNull()).as("the refused pull was tried: " + refused).isFalse();
        JsonNode listed = berth.getJson("/v1/clusters/default/tasks");
        assertThat(listed.findValues("pullStoppedAt").stream().map(JsonNode::asString))
                .contains(ran.get("pullStoppedAt").asString());

        // The password never comes back from the API, and is never written to Berth's log.
        for (String path : List.of("/v1/credentials", "/v1/credentials/" + good, "/v1/credentials/" + bad)) {
            String body = berth.send("GET", path, null, null).body();
            assertThat(body).contains(registry.username()).doesNotContain(registry.password()).doesNotContain(wrongPassword);
        }
        String log = Files.readString(berth.log());
        assertThat(log).doesNotContain(registry.password()).doesNotContain(wrongPassword);
    }
}
