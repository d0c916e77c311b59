package io.berth.reconciler.scenario;

import io.berth.docker.ContainerState;
import io.berth.docker.EngineResource;
import io.berth.docker.FakeDockerEngine;
import io.berth.reconciler.model.ContainerDefinition;
import io.berth.reconciler.model.ContainerLabels;
import io.berth.reconciler.model.ContainerOptions;
import io.berth.reconciler.model.ServiceState;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskDefinition;
import io.berth.reconciler.model.TaskDefinitionSpec;
import io.berth.reconciler.model.TaskOptions;
import io.berth.reconciler.model.TaskStatus;
import io.berth.reconciler.testing.InMemoryStateStore;
import io.berth.reconciler.testing.LoopHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A shared volume is mounted only when Berth created it: its name alone may be any volume of the host, such as the
 * one holding Berth's admin token or PostgreSQL's data.
 */
class SharedVolumeOwnershipScenarioTest {

    private static final UUID INSTANCE = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID SERVICE = UUID.fromString("00000000-0000-0000-0000-000000000053");

    private final InMemoryStateStore store = new InMemoryStateStore();
    private final FakeDockerEngine engine = new FakeDockerEngine("host-a");
    private LoopHarness harness;

    @BeforeEach
    void setUp() {
        harness = LoopHarness.withOneHost(store, INSTANCE, engine);
    }

    private void run(boolean autoprovision) {
        ContainerDefinition main = new ContainerDefinition("main", "busybox:1.36", List.of("sleep", "300"), null,
                Map.of(), null, 32, null, true, List.of(), null, ContainerOptions.builder()
                .mountPoints(List.of(new ContainerOptions.MountPoint("data", "/data", false))).build());
        TaskOptions options = new TaskOptions(TaskOptions.NetworkMode.BRIDGE, List.of(new TaskOptions.Volume("data",
                null, new TaskOptions.DockerVolume("shared", autoprovision, "local", Map.of(), Map.of()))), Map.of());
        TaskDefinition td = new TaskDefinition("db-reader", 1, new TaskDefinitionSpec(List.of(main), null, null,
                options));
        store.putService(new ServiceState(SERVICE, "default", "db-reader", td, 1, false));
        harness.enqueueService(SERVICE);
        harness.runUntilIdle();
    }

    private List<Task> stopped() {
        return store.allTasks().stream().filter(t -> t.lastStatus() == TaskStatus.STOPPED).toList();
    }

    @ParameterizedTest(name = "autoprovision: {0}")
    @ValueSource(booleans = {false, true})
    void anExistingVolumeBerthDidNotCreateIsNotMounted(boolean autoprovision) {
        engine.createVolume("data", "local", Map.of(), Map.of("com.docker.compose.volume", "pgdata"));

        run(autoprovision);

        assertThat(engine.creates()).isZero();
        assertThat(stopped()).isNotEmpty().allSatisfy(t -> assertThat(t.stoppedReason())
                .startsWith("TaskDefinitionNotAllowed: volumes[0].name: shared volume \"data\" exists on the host but "
                        + "was not created by this Berth installation")
                .contains(ContainerLabels.INSTALLATION + "=" + LoopHarness.INSTALLATION));
    }

    @Test
    void aVolumeOfAnotherBerthInstallationIsNotMounted() {
        engine.createVolume("data", "local", Map.of(), Map.of(ContainerLabels.MANAGED, "true",
                ContainerLabels.INSTALLATION, UUID.randomUUID().toString()));

        run(false);

        assertThat(engine.creates()).isZero();
        assertThat(stopped()).isNotEmpty().allSatisfy(t -> assertThat(t.stoppedReason())
                .contains("was not created by this Berth installation"));
    }

    @Test
    void aTaskScopedVolumeOfAnotherTaskIsNotMountedAsAShared() {
        engine.createVolume("data", "local", Map.of(), Map.of(ContainerLabels.MANAGED, "true",
                ContainerLabels.INSTALLATION, LoopHarness.INSTALLATION.toString(),
                ContainerLabels.TASK_ID, UUID.randomUUID().toString()));

        run(false);

        assertThat(engine.creates()).isZero();
        assertThat(stopped()).isNotEmpty().allSatisfy(t -> assertThat(t.stoppedReason())
                .contains("was not created by this Berth installation"));
    }

    @Test
    void anAutoprovisionedVolumeIsLabelledAndMountedAgainByTheNextTask() {
        run(true);

        assertThat(engine.list(ContainerLabels.serviceFilter(SERVICE))).hasSize(1).allMatch(ContainerState::running);
        assertThat(engine.volumes(Map.of())).filteredOn(v -> v.name().equals("data")).singleElement()
                .extracting(EngineResource::labels).satisfies(labels -> assertThat(labels)
                        .containsEntry(ContainerLabels.MANAGED, "true")
                        .containsEntry(ContainerLabels.INSTALLATION, LoopHarness.INSTALLATION.toString()));

        run(false); // the same service, now without autoprovision: the volume Berth made is its own
        assertThat(stopped()).isEmpty();
    }
}
