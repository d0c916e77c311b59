package io.berth.docker;

import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.berth.docker.DockerTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's live answers for containers in every state Berth meets (running and healthy, exited with a code,
 * created and never started, with published tcp/udp ports and dynamic host ports, with labels), read by
 * {@link ContainerJson} and by docker-java's mapping from the same bytes: equal. And the engine's list filter as
 * {@link ContainerReads} sends it selects what docker-java's did.
 */
@Tag("docker")
class ContainerReadsEngineTest {

    private static DockerEngine engine;
    private static DockerHttpClient raw;
    private final String caseId = DockerTestSupport.newCaseId();

    @BeforeAll
    static void connect() {
        engine = DockerTestSupport.localEngine();
        raw = new ApacheDockerHttpClient.Builder().dockerHost(URI.create(EngineConfig.LOCAL_ENDPOINT)).build();
    }

    @AfterEach
    void cleanUp() {
        DockerTestSupport.removeTestContainers(engine);
    }

    @AfterAll
    static void close() throws IOException {
        engine.close();
        raw.close();
    }

    private static String get(String path) throws IOException {
        try (DockerHttpClient.Response r = raw.execute(DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET).path(path).build())) {
            assertThat(r.getStatusCode()).as(path).isEqualTo(200);
            return new String(r.getBody().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void liveAnswersReadTheSameBothWays() throws IOException {
        String healthy = engine.create(DockerTestSupport.testSpec(caseId).label("role", "web")
                .cmd("httpd", "-f", "-p", "8080", "-h", "/")
                .healthCheck("true", Duration.ofMillis(200), Duration.ofSeconds(2), 3)
                .port(8080, 0, "tcp").port(5353, 0, "udp").build());
        String exited = engine.create(DockerTestSupport.testSpec(caseId).label("role", "batch").sh("exit 3").build());
        String created = engine.create(DockerTestSupport.testSpec(caseId).label("role", "idle").sh("sleep 60").build());
        engine.start(healthy);
        engine.start(exited);
        await(Duration.ofSeconds(30), "healthy and exited", () ->
                engine.inspect(healthy).orElseThrow().health() == ContainerState.Health.HEALTHY
                        && "exited".equals(engine.inspect(exited).orElseThrow().status()));

        String listJson = get(ContainerReads.listPath("", Map.of("berth.case", caseId)));
        List<ContainerState> ours = ContainerJson.list(new java.io.ByteArrayInputStream(listJson.getBytes(StandardCharsets.UTF_8)));
        assertThat(ours).hasSize(3).isEqualTo(ContainerJsonTest.viaDockerJava(listJson));

        for (String id : List.of(healthy, exited, created)) {
            String inspectJson = get("/containers/" + id + "/json");
            ContainerState one = ContainerJson.inspect(new java.io.ByteArrayInputStream(inspectJson.getBytes(StandardCharsets.UTF_8)));
            assertThat(one).as(id).isEqualTo(ContainerJsonTest.inspectedViaDockerJava(inspectJson));
        }
        ContainerState web = engine.inspect(healthy).orElseThrow();
        assertThat(web.ports()).extracting(ContainerSpec.PortBinding::protocol).containsExactly("udp", "tcp");
        assertThat(web.ports()).allSatisfy(p -> assertThat(p.hostPort()).isPositive());
        assertThat(engine.inspect(exited).orElseThrow().exitCode()).isEqualTo(3);
        assertThat(engine.inspect(created).orElseThrow().status()).isEqualTo("created");
    }

    @Test
    void theListFilterSelectsByLabelValueAndByKeyAlone() {
        String web = engine.create(DockerTestSupport.testSpec(caseId).label("role", "web").sh("sleep 60").build());
        String batch = engine.create(DockerTestSupport.testSpec(caseId).label("role", "batch").sh("sleep 60").build());
        String other = engine.create(DockerTestSupport.testSpec(caseId).sh("sleep 60").build());

        assertThat(ids(engine.list(Map.of("berth.case", caseId)))).containsExactlyInAnyOrder(web, batch, other);
        assertThat(ids(engine.list(Map.of("berth.case", caseId, "role", "web")))).containsExactly(web);
        java.util.Map<String, String> keyOnly = new java.util.HashMap<>();
        keyOnly.put("berth.case", caseId);
        keyOnly.put("role", null);
        assertThat(ids(engine.list(keyOnly))).containsExactlyInAnyOrder(web, batch);
        assertThat(ids(engine.list(Map.of("berth.case", caseId, "role", "")))).containsExactlyInAnyOrder(web, batch);
    }

    @Test
    void inspectOfAMissingContainerIsEmpty() {
        assertThat(engine.inspect("berth-no-such-container-" + caseId)).isEmpty();
    }

    private static Set<String> ids(List<ContainerState> states) {
        return states.stream().map(ContainerState::id).collect(Collectors.toSet());
    }

    @Test
    void aOneShotStatsReadingCarriesCpuAndMemoryAndAnswersWithoutWaitingACycle() {
        String busy = engine.create(DockerTestSupport.testSpec(caseId).label("role", "busy")
                .sh("while :; do :; done").build());
        engine.start(busy);

        long t0 = System.nanoTime();
        ContainerStats first = engine.stats(busy, Duration.ofSeconds(10)).orElseThrow();
        long firstMillis = (System.nanoTime() - t0) / 1_000_000;
        await(Duration.ofSeconds(10), "a later reading with more CPU used", () -> engine.stats(busy, Duration.ofSeconds(10))
                .map(s -> s.read().isAfter(first.read()) && s.cpuTotalNanos() > first.cpuTotalNanos()).orElse(false));

        assertThat(first.cpuTotalNanos()).isPositive();
        assertThat(first.memoryUsageBytes()).isPositive();
        assertThat(first.memoryLimitBytes()).isPositive();
        // A stream=false reading without one-shot takes the engine about a second (two collection cycles).
        System.out.printf("one-shot stats reading: %d ms%n", firstMillis);

        engine.remove(busy);
        assertThat(engine.stats(busy, Duration.ofSeconds(10))).as("a removed container has no reading").isEmpty();
    }
}
