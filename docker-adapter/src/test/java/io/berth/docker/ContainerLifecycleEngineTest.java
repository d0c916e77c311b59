package io.berth.docker;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static io.berth.docker.DockerTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Create/start/inspect/list/stop/remove against the real local engine. */
@Tag("docker")
class ContainerLifecycleEngineTest {

    private static DockerEngine engine;
    private final String caseId = DockerTestSupport.newCaseId();

    @BeforeAll
    static void connect() {
        engine = DockerTestSupport.localEngine();
        DockerTestSupport.removeTestContainers(engine); // leftovers of a killed earlier run
    }

    @AfterEach
    void cleanUp() {
        DockerTestSupport.removeTestContainers(engine);
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void infoDescribesTheEngine() {
        EngineInfo info = engine.info();

        assertThat(engine.ping()).isTrue();
        assertThat(info.engineId()).isNotBlank();
        assertThat(info.cpus()).isPositive();
        assertThat(info.memoryBytes()).isPositive();
        assertThat(info.serverVersion()).isNotBlank();
        assertThat(info.apiVersion()).matches("1\\.\\d+");
        assertThat(info.operatingSystem()).isNotBlank();
        assertThat(info.architecture()).isNotBlank();
    }

    @Test
    void fullLifecycleAndIdempotentStopAndRemove() {
        ContainerSpec spec = DockerTestSupport.testSpec(caseId).cmd("sleep", "300").init(true)
                .env("GREETING", "hi").cpuShares(256).memory(32L << 20).stopTimeout(Duration.ofSeconds(5)).build();

        String id = engine.create(spec);
        ContainerState created = engine.inspect(id).orElseThrow();
        assertThat(created.status()).isEqualTo("created");
        assertThat(created.name()).isEqualTo(spec.name());
        assertThat(created.labels()).containsAllEntriesOf(spec.labels());
        assertThat(created.startedAt()).isNull();
        assertThat(created.exitCode()).isNull();

        engine.start(id);
        engine.start(id); // already running: fine
        ContainerState running = engine.inspect(id).orElseThrow();
        assertThat(running.running()).isTrue();
        assertThat(running.startedAt()).isNotNull();
        assertThat(running.finishedAt()).isNull();

        assertThat(engine.list(Map.of("berth.case", caseId)))
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.id()).isEqualTo(id);
                    assertThat(c.status()).isEqualTo("running");
                    assertThat(c.running()).isTrue();
                });

        engine.stop(id, Duration.ofSeconds(5));
        ContainerState stopped = engine.inspect(id).orElseThrow();
        assertThat(stopped.status()).isEqualTo("exited");
        assertThat(stopped.exitCode()).isEqualTo(143); // the init passed SIGTERM on: no 10 s wait for SIGKILL
        assertThat(stopped.finishedAt()).isAfterOrEqualTo(stopped.startedAt());
        engine.stop(id, Duration.ofSeconds(1)); // already stopped: fine

        engine.remove(id);
        assertThat(engine.inspect(id)).isEmpty();
        engine.remove(id);
        engine.stop(id, Duration.ofSeconds(1));
        assertThat(engine.list(Map.of("berth.case", caseId))).isEmpty();
    }

    @Test
    void listFiltersByLabelKeyAndValue() {
        String a = engine.create(DockerTestSupport.testSpec(caseId).label("role", "a").cmd("true").build());
        String b = engine.create(DockerTestSupport.testSpec(caseId).label("role", "b").cmd("true").build());
        java.util.Map<String, String> keyOnly = new java.util.HashMap<>();
        keyOnly.put("berth.case", null);

        assertThat(engine.list(Map.of("berth.case", caseId, "role", "a"))).extracting(ContainerState::id).containsExactly(a);
        assertThat(engine.list(Map.of("berth.case", caseId))).extracting(ContainerState::id).containsExactlyInAnyOrder(a, b);
        assertThat(engine.list(keyOnly)).extracting(ContainerState::id).contains(a, b);
    }

    @Test
    void dynamicHostPortIsBoundReportedAndServes() throws Exception {
        ContainerSpec spec = DockerTestSupport.testSpec(caseId).cmd("httpd", "-f", "-p", "8080", "-h", "/www")
                .port(8080, 0, "tcp").build();
        String id = engine.create(spec);
        engine.start(id);

        ContainerState state = engine.inspect(id).orElseThrow();
        assertThat(state.ports()).singleElement().satisfies(p -> {
            assertThat(p.containerPort()).isEqualTo(8080);
            assertThat(p.hostPort()).isPositive();
            assertThat(p.protocol()).isEqualTo("tcp");
        });
        int hostPort = state.ports().getFirst().hostPort();
        assertThat(engine.list(Map.of("berth.case", caseId)).getFirst().ports()).isEqualTo(state.ports());

        String[] body = new String[1];
        await(Duration.ofSeconds(10), "httpd on host port " + hostPort, () -> {
            try (InputStream in = URI.create("http://127.0.0.1:" + hostPort + "/index.html").toURL().openStream()) {
                body[0] = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                return true;
            } catch (Exception notYet) {
                return false;
            }
        });
        assertThat(body[0]).isNotBlank();
    }

    @Test
    void missingImageIsImageNotFound() {
        ContainerSpec spec = SpecBuilder.image("busybox:9.9").label(DockerTestSupport.TEST_LABEL, DockerTestSupport.TEST_LABEL_VALUE).build();

        assertThatThrownBy(() -> engine.create(spec)).isInstanceOfSatisfying(EngineException.class,
                e -> assertThat(e.kind()).isEqualTo(EngineException.Kind.IMAGE_NOT_FOUND));
    }

    @Test
    void nameConflictOnAFirstAttemptIsConflict() {
        ContainerSpec spec = DockerTestSupport.testSpec(caseId).cmd("true").build();
        engine.create(spec);

        assertThatThrownBy(() -> engine.create(spec)).isInstanceOfSatisfying(EngineException.class,
                e -> assertThat(e.kind()).isEqualTo(EngineException.Kind.CONFLICT));
    }

    @Test
    void startOfAMissingContainerIsNotFound() {
        assertThatThrownBy(() -> engine.start("berth-test-does-not-exist")).isInstanceOfSatisfying(EngineException.class,
                e -> assertThat(e.kind()).isEqualTo(EngineException.Kind.NOT_FOUND));
    }
}
