package io.berth.app.compose;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Static checks of {@code docker-compose.yml}, the {@code Dockerfile} and {@code .dockerignore} at the repo root:
 * the promises that the files, the application and the offline image scripts make to each other. No Docker needed;
 * {@code scripts/compose-smoke.sh} runs the real thing (up, apply, scale, delete, down).
 */
class ComposeFileTest {

    private static final YAMLMapper YAML = new YAMLMapper();

    private static Path root;
    private static Map<String, Object> compose;
    private static String dockerfile;

    @BeforeAll
    static void load() throws IOException {
        Path dir = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("docker-compose.yml"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("docker-compose.yml above the working directory").isNotNull();
        root = dir;
        compose = map(YAML.readValue(Files.readString(root.resolve("docker-compose.yml")), Map.class));
        dockerfile = Files.readString(root.resolve("Dockerfile"), StandardCharsets.UTF_8);
    }

    @Test
    void isACompose_specFile_readByComposeV1AndV2() {
        // A "version:" key makes Compose v2 warn, and 3.x versions drop depends_on conditions in docker-compose v1.
        assertThat(compose).doesNotContainKey("version");
        assertThat(map(compose.get("services"))).containsOnlyKeys("postgres", "berth");
        assertThat(map(compose.get("volumes"))).containsKeys("postgres-data", "berth-data");
    }

    @Test
    void postgresIsTheImageTheOfflineScriptBuilds_andHasAReadinessCheck() throws IOException {
        Map<String, Object> postgres = service("postgres");
        String script = Files.readString(root.resolve("scripts/ensure-postgres-image.sh"));
        Matcher image = Pattern.compile("IMAGE=\\$\\{BERTH_POSTGRES_IMAGE:-([^}]+)}").matcher(script);
        assertThat(image.find()).as("default image in ensure-postgres-image.sh").isTrue();
        assertThat(postgres.get("image")).isEqualTo(image.group(1));

        assertThat(String.join(" ", strings(map(postgres.get("healthcheck")).get("test"))))
                .contains("pg_isready").contains("-h 127.0.0.1");
        assertThat(strings(postgres.get("volumes"))).contains("postgres-data:/var/lib/postgresql/data");
    }

    @Test
    void berthWaitsForAHealthyPostgres_andUsesIt() {
        Map<String, Object> berth = service("berth");
        assertThat(map(map(berth.get("depends_on")).get("postgres")).get("condition")).isEqualTo("service_healthy");

        Map<String, Object> postgresEnv = map(service("postgres").get("environment"));
        Map<String, Object> env = map(berth.get("environment"));
        assertThat(env.get("SPRING_DATASOURCE_URL"))
                .isEqualTo("jdbc:postgresql://postgres:5432/" + postgresEnv.get("POSTGRES_DB"));
        assertThat(env.get("SPRING_DATASOURCE_USERNAME")).isEqualTo(postgresEnv.get("POSTGRES_USER"));
        assertThat(env.get("SPRING_DATASOURCE_PASSWORD")).isEqualTo(postgresEnv.get("POSTGRES_PASSWORD"));
        // Empty by default: Berth then generates the token into its volume, instead of a well-known default.
        assertThat(env.get("BERTH_SECURITY_ADMIN_TOKEN")).isEqualTo("${BERTH_ADMIN_TOKEN:-}");
        // BERTH_LOG_FORMAT=json docker compose up: structured logs for a log shipper
        assertThat(env.get("BERTH_LOG_FORMAT")).isEqualTo("${BERTH_LOG_FORMAT:-text}");
        // Metrics take the token unless the operator opens them.
        assertThat(env.get("BERTH_API_OPEN_METRICS")).isEqualTo("${BERTH_API_OPEN_METRICS:-false}");
    }

    @Test
    void berthListensOnAllInterfacesInsideTheContainer_thePublishedPortDecidesTheRest() {
        // Berth binds 127.0.0.1 by default, which inside a container no published port reaches.
        assertThat(map(service("berth").get("environment")).get("BERTH_BIND_ADDRESS")).isEqualTo("0.0.0.0");
        assertThat(dockerfile).contains("ENV BERTH_BIND_ADDRESS=0.0.0.0");
    }

    @Test
    void berthManagesTheLocalEngine_andPublishesItsPortOnLocalhostByDefault() {
        Map<String, Object> berth = service("berth");
        assertThat(berth.get("image")).isEqualTo("berth/berth:latest");
        assertThat(strings(berth.get("volumes")))
                .contains("/var/run/docker.sock:/var/run/docker.sock", "berth-data:/var/lib/berth");
        assertThat(strings(berth.get("ports"))).containsExactly("${BERTH_BIND:-127.0.0.1}:${BERTH_PORT:-8080}:8080",
                "${BERTH_BIND:-127.0.0.1}:${BERTH_DNS_PORT:-8600}:8600/udp",
                "${BERTH_BIND:-127.0.0.1}:${BERTH_DNS_PORT:-8600}:8600/tcp");
        assertThat(berth.get("user")).isEqualTo("${BERTH_USER:-0}");
        assertThat(strings(berth.get("group_add"))).containsExactly("${DOCKER_GID:-0}");
        assertThat(map(map(berth.get("build")).get("args"))).containsKey("JRE_IMAGE");
    }

    @Test
    void dockerfileTakesItsBaseAsABuildArg_runsAsNonRoot_andChecksHealth() {
        assertThat(dockerfile).contains("ARG JRE_IMAGE=eclipse-temurin:25-jre", "FROM ${JRE_IMAGE}")
                .contains("COPY app/target/berth.jar /app/berth.jar")
                .contains("EXPOSE 8080")
                .contains("ENV BERTH_DATA_DIR=/var/lib/berth")
                .contains("/actuator/health");
        Matcher user = Pattern.compile("(?m)^USER (\\S+)").matcher(dockerfile);
        assertThat(user.find()).isTrue();
        assertThat(user.group(1)).doesNotStartWith("root").doesNotStartWith("0");
        assertThat(dockerfile).containsPattern("(?m)^HEALTHCHECK ");
    }

    @Test
    void buildContextIsOnlyTheJar() throws IOException {
        List<String> rules = Files.readAllLines(root.resolve(".dockerignore")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertThat(rules).containsExactly("*", "!app/target/berth.jar");
    }

    private static Map<String, Object> service(String name) {
        return map(map(compose.get("services")).get(name));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    private static List<String> strings(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return ((List<?>) value).stream().map(String::valueOf).toList();
    }
}
