package io.berth.reconciler.taskwork;

import io.berth.docker.ContainerState;
import io.berth.docker.DockerEngine;
import io.berth.docker.DockerEngines;
import io.berth.docker.EngineConfig;
import io.berth.docker.EngineResource;
import io.berth.docker.PullPolicy;
import io.berth.reconciler.model.ContainerDefinition;
import io.berth.reconciler.model.ContainerLabels;
import io.berth.reconciler.model.ContainerOptions;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskDefinitionSpec;
import io.berth.reconciler.model.TaskOptions;
import io.berth.reconciler.model.TaskStatus;
import io.berth.reconciler.policy.ClusterPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared-volume ownership check against the real engine: Docker's volume create returns an existing volume as it
 * is, so only its labels tell Berth's volumes from the host's (Berth's own data, PostgreSQL's).
 */
@Tag("docker")
class SharedVolumeOwnershipEngineTest {

    /** On everything this test creates, so that a killed run can be cleaned up by label. */
    private static final String TEST_LABEL = "berth.test";
    private static final UUID INSTALLATION = UUID.randomUUID();

    private DockerEngine engine;
    private TaskLauncher launcher;
    private final List<String> volumes = new ArrayList<>();
    private final List<UUID> tasks = new ArrayList<>();

    @BeforeEach
    void connect() {
        engine = DockerEngines.connect(EngineConfig.of(EngineConfig.LOCAL_ENDPOINT));
        launcher = new TaskLauncher(new ExecutorSettings(PullPolicy.DEFAULT, Duration.ofSeconds(1), INSTALLATION),
                Clock.systemUTC());
    }

    @AfterEach
    void cleanUp() {
        for (UUID task : tasks) {
            for (ContainerState c : engine.list(Map.of(ContainerLabels.TASK_ID, task.toString()))) {
                engine.remove(c.id());
            }
        }
        volumes.forEach(engine::removeVolume);
        engine.close();
    }

    /** A task mounting the shared volume of that name (a shared volume's Docker name is its name in the task). */
    private LaunchResult launch(String volume, boolean autoprovision) {
        volumes.add(volume);
        ContainerDefinition main = new ContainerDefinition("main", "busybox:1.36", List.of("sleep", "30"), null,
                Map.of(), null, 32, null, true, List.of(), null, ContainerOptions.builder()
                .dockerLabels(Map.of(TEST_LABEL, "shared-volume"))
                .mountPoints(List.of(new ContainerOptions.MountPoint(volume, "/data", false))).build());
        TaskDefinitionSpec spec = new TaskDefinitionSpec(List.of(main), null, null, new TaskOptions(
                TaskOptions.NetworkMode.BRIDGE, List.of(new TaskOptions.Volume(volume, null, new TaskOptions.DockerVolume(
                "shared", autoprovision, "local", Map.of(), Map.of(TEST_LABEL, "shared-volume")))), Map.of()));
        UUID id = UUID.randomUUID();
        tasks.add(id);
        Task task = new Task(id, "default", null, null, "shared", 1, UUID.randomUUID(), TaskStatus.RUNNING,
                TaskStatus.PROVISIONING, null, null, 0, 32, List.of(), Clock.systemUTC().instant(), null, null);
        return launcher.launch(task, spec, engine, ClusterPolicy.DENY_ALL);
    }

    private EngineResource volume(String name) {
        return engine.volumes(Map.of(TEST_LABEL, "shared-volume")).stream().filter(v -> v.name().equals(name)).findFirst()
                .orElseThrow();
    }

    @Test
    void aVolumeOfTheHostIsNotMountedEvenWithAutoprovision() {
        String name = "berth-test-foreign-" + UUID.randomUUID();
        engine.createVolume(name, null, Map.of(), Map.of(TEST_LABEL, "shared-volume"));

        for (boolean autoprovision : new boolean[]{false, true}) {
            LaunchResult result = launch(name, autoprovision);

            assertThat(result).isInstanceOfSatisfying(LaunchResult.Failed.class, f -> assertThat(f.reason())
                    .startsWith("TaskDefinitionNotAllowed: volumes[0].name: shared volume \"" + name + "\" exists on "
                            + "the host but was not created by this Berth installation"));
            assertThat(engine.list(Map.of(ContainerLabels.TASK_ID, tasks.getLast().toString()))).isEmpty();
        }
        assertThat(volume(name).labels()).doesNotContainKey(ContainerLabels.INSTALLATION);
    }

    @Test
    void aVolumeBerthProvisionedIsLabelledAndMountedByLaterTasks() {
        String name = "berth-test-own-" + UUID.randomUUID();

        assertThat(launch(name, true)).isInstanceOf(LaunchResult.Started.class);
        assertThat(volume(name).labels()).containsEntry(ContainerLabels.MANAGED, "true")
                .containsEntry(ContainerLabels.INSTALLATION, INSTALLATION.toString());

        assertThat(launch(name, false)).isInstanceOf(LaunchResult.Started.class);
    }
}
