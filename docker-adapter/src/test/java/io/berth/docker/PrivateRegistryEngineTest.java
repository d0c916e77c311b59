package io.berth.docker;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ensureImage with {@link RegistryAuth} against a real private registry with basic auth
 * ({@code scripts/ensure-test-registry.sh}): the image is absent locally before each test, so each is a real pull.
 */
@Tag("docker")
class PrivateRegistryEngineTest {

    private static DockerEngine engine;
    private static TestRegistry registry;

    @BeforeAll
    static void connect() {
        registry = TestRegistry.ensure();
        // No pull-failure backoff: a failed pull of one test must not answer for the next one.
        engine = DockerEngines.connect(EngineConfig.of(EngineConfig.LOCAL_ENDPOINT)
                .withPull(Duration.ofMinutes(1), Duration.ZERO));
    }

    @AfterAll
    static void close() {
        registry.removeLocalImage();
        engine.close();
    }

    @BeforeEach
    void absentLocally() {
        registry.removeLocalImage();
    }

    @Test
    void pullsWithTheRightCredentials() {
        ImageResult r = engine.ensureImage(registry.image(), PullPolicy.PREFER_CACHED,
                new RegistryAuth(registry.registry(), registry.username(), registry.password()));

        assertThat(r).isEqualTo(new ImageResult(true, true, "pulled " + registry.image()));
        assertThat(engine.ensureImage(registry.image(), PullPolicy.PREFER_CACHED).pulled())
                .as("present now: not pulled again").isFalse();
    }

    @Test
    void aWrongPasswordIsAnAuthFailureAndNeverShown() {
        String wrong = "not-" + registry.password();
        ImageResult r = engine.ensureImage(registry.image(), PullPolicy.ALWAYS,
                new RegistryAuth(registry.registry(), registry.username(), wrong));

        assertThat(r.available()).isFalse();
        assertThat(r.pulled()).isFalse();
        assertThat(r.message()).startsWith("pull of " + registry.image() + " failed: ")
                .containsIgnoringCase("unauthorized").doesNotContain(wrong).doesNotContain(registry.password());
    }

    @Test
    void theServerUsersOwnDockerLoginIsNeverUsed(@TempDir Path dockerConfig) throws IOException {
        // A docker login of the user Berth runs as, for exactly this registry: docker-java would send it by itself.
        String auth = Base64.getEncoder().encodeToString((registry.username() + ":" + registry.password())
                .getBytes(StandardCharsets.UTF_8));
        Files.writeString(dockerConfig.resolve("config.json"),
                "{\"auths\":{\"" + registry.registry() + "\":{\"auth\":\"" + auth + "\"}}}");
        System.setProperty("DOCKER_CONFIG", dockerConfig.toString());
        try (DockerEngine ambient = DockerEngines.connect(EngineConfig.of(EngineConfig.LOCAL_ENDPOINT)
                .withPull(Duration.ofMinutes(1), Duration.ZERO))) {
            ImageResult r = ambient.ensureImage(registry.image(), PullPolicy.ALWAYS, null);

            assertThat(r.available()).isFalse();
            assertThat(r.message()).contains("no basic auth credentials");
        } finally {
            System.clearProperty("DOCKER_CONFIG");
        }
    }

    @Test
    void anonymousPullIsRefused() {
        ImageResult r = engine.ensureImage(registry.image(), PullPolicy.ALWAYS, null);

        assertThat(r.available()).isFalse();
        assertThat(r.message()).contains("no basic auth credentials");
    }
}
