package io.berth.docker;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.berth.docker.DockerTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

/** User-defined networks (containers reach each other by alias) and labelled volumes on the real engine. */
@Tag("docker")
class NetworksAndVolumesEngineTest {

    private static DockerEngine engine;
    private final String caseId = DockerTestSupport.newCaseId();
    private final Map<String, String> labels = Map.of(DockerTestSupport.TEST_LABEL, DockerTestSupport.TEST_LABEL_VALUE,
            "berth.case", caseId);

    @BeforeAll
    static void connect() {
        engine = DockerTestSupport.localEngine();
    }

    @AfterEach
    void cleanUp() {
        DockerTestSupport.removeTestContainers(engine);
        engine.networks(labels).forEach(n -> engine.removeNetwork(n.name()));
        engine.volumes(labels).forEach(v -> engine.removeVolume(v.name()));
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void networkIsIdempotentListedByLabelAndContainersReachEachOtherByAlias() {
        String network = "berth-test-" + caseId;
        engine.createNetwork(network, labels);
        engine.createNetwork(network, labels); // a second create (a relaunch) finds it in place

        assertThat(engine.networks(labels)).extracting(EngineResource::name).containsExactly(network);
        String server = engine.create(DockerTestSupport.testSpec(caseId).cmd("httpd", "-f", "-p", "8080", "-h", "/www")
                .options(RuntimeOptions.builder().networkMode(network).networkAliases(List.of("back", "api")).build())
                .build());
        engine.start(server);
        String client = engine.create(DockerTestSupport.testSpec(caseId)
                .sh("until wget -q -O /dev/null http://api:8080/index.html; do sleep 0.2; done")
                .options(RuntimeOptions.builder().networkMode(network).build()).build());
        engine.start(client);

        await(Duration.ofSeconds(30), "the client to reach the server by its alias",
                () -> "exited".equals(engine.inspect(client).orElseThrow().status()));
        assertThat(engine.inspect(client).orElseThrow().exitCode()).isZero();

        engine.remove(client);
        engine.remove(server);
        engine.removeNetwork(network);
        engine.removeNetwork(network); // already gone: fine
        assertThat(engine.networks(labels)).isEmpty();
    }

    @Test
    void volumeWithDriverOptionsIsIdempotentListedAndRemoved() {
        String volume = "berth-test-" + caseId;
        Map<String, String> tmpfs = Map.of("type", "tmpfs", "device", "tmpfs", "o", "size=1m");
        engine.createVolume(volume, "local", tmpfs, labels);
        engine.createVolume(volume, "local", tmpfs, labels);

        assertThat(engine.volumes(labels)).extracting(EngineResource::name).containsExactly(volume);
        String writer = engine.create(DockerTestSupport.testSpec(caseId).sh("echo ok > /data/f && grep -q tmpfs /proc/mounts")
                .options(RuntimeOptions.builder().mounts(List.of(new RuntimeOptions.Mount(volume, "/data", false, false)))
                        .build()).build());
        engine.start(writer);
        await(Duration.ofSeconds(20), "the writer to finish", () -> "exited".equals(engine.inspect(writer).orElseThrow().status()));
        assertThat(engine.inspect(writer).orElseThrow().exitCode()).isZero();

        engine.remove(writer);
        engine.removeVolume(volume);
        engine.removeVolume(volume);
        assertThat(engine.volumes(labels)).isEmpty();
    }
}
