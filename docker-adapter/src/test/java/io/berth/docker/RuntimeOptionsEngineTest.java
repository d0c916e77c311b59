package io.berth.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ulimit;
import com.github.dockerjava.api.model.VolumesFrom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.berth.docker.DockerTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

/** Every {@link RuntimeOptions} field reaches the real engine: create, start, then read it back with inspect. */
@Tag("docker")
class RuntimeOptionsEngineTest {

    private static DockerEngine engine;
    private static DockerClient raw;
    private final String caseId = DockerTestSupport.newCaseId();

    @BeforeAll
    static void connect() {
        engine = DockerTestSupport.localEngine();
        EngineConfig config = EngineConfig.of(EngineConfig.LOCAL_ENDPOINT);
        raw = DockerEngines.client(DockerEngines.clientConfig(config), Duration.ofSeconds(5), Duration.ofSeconds(30), 4);
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

    @Test
    void processSettingsReachTheEngine() {
        RuntimeOptions options = RuntimeOptions.builder()
                .workingDir("/tmp").user("65534:65534").hostname("web-one")
                .readonlyRootfs(true).capAdd(List.of("NET_ADMIN")).capDrop(List.of("CAP_MKNOD"))
                .ulimits(List.of(new RuntimeOptions.Ulimit("nofile", 1024, 2048)))
                .log("json-file", Map.of("max-size", "1m", "max-file", "2"))
                .extraHosts(List.of(new RuntimeOptions.HostEntry("db.internal", "198.18.0.99")))
                .dns(List.of("198.18.0.53"))
                .build();
        String id = engine.create(DockerTestSupport.testSpec(caseId).cmd("sleep", "300").init(true)
                .stopTimeout(Duration.ofSeconds(7)).options(options).build());
        engine.start(id);

        InspectContainerResponse c = raw.inspectContainerCmd(id).exec();
        assertThat(c.getState().getRunning()).isTrue();
        assertThat(c.getConfig().getWorkingDir()).isEqualTo("/tmp");
        assertThat(c.getConfig().getUser()).isEqualTo("65534:65534");
        assertThat(c.getConfig().getHostName()).isEqualTo("web-one");
        HostConfig host = c.getHostConfig();
        assertThat(host.getInit()).isTrue();
        assertThat(host.getReadonlyRootfs()).isTrue();
        assertThat(host.getPrivileged()).isFalse();
        assertThat(host.getCapAdd()).containsExactly(Capability.NET_ADMIN);
        assertThat(host.getCapDrop()).containsExactly(Capability.MKNOD);
        assertThat(host.getUlimits()).containsExactly(new Ulimit("nofile", 1024L, 2048L));
        assertThat(host.getLogConfig().getType().getType()).isEqualTo("json-file");
        assertThat(host.getLogConfig().getConfig()).containsEntry("max-size", "1m").containsEntry("max-file", "2");
        assertThat(host.getExtraHosts()).containsExactly("db.internal:198.18.0.99");
        assertThat(host.getDns()).containsExactly("198.18.0.53");
    }

    @Test
    void privilegedIsPassedOn() {
        // Created, not started: this machine's engine itself runs without every capability, so a privileged
        // container cannot start here ("unable to apply caps"); the flag reaching the engine is what is checked.
        String id = engine.create(DockerTestSupport.testSpec(caseId).cmd("true")
                .options(RuntimeOptions.builder().privileged(true).build()).build());

        assertThat(raw.inspectContainerCmd(id).exec().getHostConfig().getPrivileged()).isTrue();
    }

    @Test
    void securityOptionsArePassedOn() {
        String id = engine.create(DockerTestSupport.testSpec(caseId).cmd("true")
                .options(RuntimeOptions.builder().securityOpts(List.of("no-new-privileges", "apparmor=unconfined"))
                        .build()).build());

        assertThat(raw.inspectContainerCmd(id).exec().getHostConfig().getSecurityOpts())
                .containsExactly("no-new-privileges", "apparmor=unconfined");
    }

    @Test
    void localLogDriverNamedVolumeAndVolumesFrom() {
        RuntimeOptions producerOptions = RuntimeOptions.builder().log("local", Map.of())
                .mounts(List.of(new RuntimeOptions.Mount("berth-test-" + caseId, "/data", false, false)))
                .build();
        ContainerSpec producer = DockerTestSupport.testSpec(caseId).sh("echo hi > /data/x; sleep 300")
                .options(producerOptions).build();
        String producerId = engine.create(producer);
        engine.start(producerId);
        RuntimeOptions readerOptions = RuntimeOptions.builder()
                .volumesFrom(List.of(new RuntimeOptions.VolumeFrom(producer.name(), true))).build();
        String readerId = engine.create(DockerTestSupport.testSpec(caseId).sh("cat /data/x && ! touch /data/y")
                .options(readerOptions).build());
        engine.start(readerId);

        await(Duration.ofSeconds(20), "reader to finish", () -> !engine.inspect(readerId).orElseThrow().running());
        assertThat(engine.inspect(readerId).orElseThrow().exitCode()).as("read-only view of the volume").isZero();
        HostConfig producerHost = raw.inspectContainerCmd(producerId).exec().getHostConfig();
        assertThat(producerHost.getLogConfig().getType().getType()).isEqualTo("local");
        assertThat(raw.inspectContainerCmd(readerId).exec().getHostConfig().getVolumesFrom())
                .containsExactly(new VolumesFrom(producer.name(), AccessMode.ro));
        engine.remove(readerId);
        engine.remove(producerId);
        raw.removeVolumeCmd("berth-test-" + caseId).exec();
    }
}
