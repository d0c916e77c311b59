package io.berth.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.core.DockerClientConfig;
import org.junit.jupiter.api.AfterEach;
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
 * The server user's own docker logins never reach a pull: docker-java reads {@code $DOCKER_CONFIG/config.json}
 * (here pointed at a folder with a login for the image's registry) and would attach it to the pull on its own.
 */
class AmbientLoginsTest {

    private static final String REGISTRY = "registry.example.test:5000";
    private static final String IMAGE = REGISTRY + "/team/app";

    @AfterEach
    void clear() {
        System.clearProperty("DOCKER_CONFIG");
        System.clearProperty("registry.username");
        System.clearProperty("registry.password");
    }

    @Test
    void a_docker_config_of_the_server_user_gives_no_login_to_a_pull(@TempDir Path home) throws IOException {
        String auth = Base64.getEncoder().encodeToString("ambient:secret".getBytes(StandardCharsets.UTF_8));
        Files.writeString(home.resolve("config.json"),
                "{\"auths\":{\"" + REGISTRY + "\":{\"auth\":\"" + auth + "\"}}}");
        System.setProperty("DOCKER_CONFIG", home.toString());
        System.setProperty("registry.username", "ambient");
        System.setProperty("registry.password", "secret");

        DockerClientConfig config = DockerEngines.clientConfig(EngineConfig.of(EngineConfig.LOCAL_ENDPOINT));
        DockerClient client = DockerEngines.client(config, Duration.ofSeconds(1), null, 4);

        AuthConfig effective = config.effectiveAuthConfig(IMAGE);
        assertThat(effective == null ? null : effective.getUsername()).isNull();
        assertThat(client.pullImageCmd(IMAGE).withAuthConfig(EngineImages.authConfig(null)).getAuthConfig())
                .isNull();
    }

    @Test
    void a_pull_carries_exactly_the_credential_berth_passes() {
        AuthConfig config = EngineImages.authConfig(new RegistryAuth(REGISTRY, "robot", "pw"));

        assertThat(config.getRegistryAddress()).isEqualTo(REGISTRY);
        assertThat(config.getUsername()).isEqualTo("robot");
        assertThat(config.getPassword()).isEqualTo("pw");
    }
}
