package io.berth.reconciler.scenario;

import io.berth.docker.ContainerSpec;
import io.berth.docker.ContainerState;
import io.berth.docker.EngineResource;
import io.berth.docker.FakeDockerEngine;
import io.berth.docker.RuntimeOptions;
import io.berth.reconciler.model.ContainerDefinition;
import io.berth.reconciler.model.ContainerInstance;
import io.berth.reconciler.model.ContainerLabels;
import io.berth.reconciler.model.ContainerOptions;
import io.berth.reconciler.model.ServiceState;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskDefinition;
import io.berth.reconciler.model.TaskDefinitionSpec;
import io.berth.reconciler.model.TaskOptions;
import io.berth.reconciler.testing.InMemoryStateStore;
import io.berth.reconciler.testing.LoopHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** A multi-container task's own bridge network and volumes: created before its containers, gone after them. */
class TaskNetworkAndVolumesScenarioTest {

    private static final UUID INSTANCE = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID SERVICE = UUID.fromString("00000000-0000-0000-0000-000000000052");

    private final InMemoryStateStore store = new InMemoryStateStore();
    private final FakeDockerEngine engine = new FakeDockerEngine("host-a");
    private LoopHarness harness;

    @BeforeEach
    void setUp() {
        harness = LoopHarness.withOneHost(store, INSTANCE, engine);
    }

    private static ContainerDefinition container(String name, ContainerOptions options) {
        return new ContainerDefinition(name, "busybox:1.36", List.of("sleep", "300"), null, Map.of(), null, 32, null,
                true, List.of(), null, options);
    }

    /** front is listed first but mounts back's volumes, so back must be created first. */
    private static TaskDefinition webWithBackend() {
        ContainerDefinition front = container("front", ContainerOptions.builder().links(List.of("back:api"))
                .volumesFrom(List.of(new ContainerOptions.VolumeFrom("back", true)))
                .mountPoints(List.of(new ContainerOptions.MountPoint("scratch", "/scratch", false))).build());
        ContainerDefinition back = container("back", ContainerOptions.builder()
                .mountPoints(List.of(new ContainerOptions.MountPoint("data", "/data", false))).build());
        TaskOptions options = new TaskOptions(TaskOptions.NetworkMode.BRIDGE, List.of(
                new TaskOptions.Volume("data", null, new TaskOptions.DockerVolume("task", false, "local",
                        Map.of("type", "tmpfs"), Map.of("purpose", "cache"))),
                new TaskOptions.Volume("scratch", null, null)), Map.of());
        return new TaskDefinition("web", 1, new TaskDefinitionSpec(List.of(front, back), null, null, options));
    }

    private Map<String, ContainerSpec> specsByContainer() {
        return engine.list(ContainerLabels.serviceFilter(SERVICE)).stream()
                .collect(Collectors.toMap(c -> c.labels().get(ContainerLabels.CONTAINER), c -> engine.specOf(c.id())));
    }

    @Test
    void containersShareTheTasksNetworkAndVolumesWhichGoWithThem() {
        store.putService(new ServiceState(SERVICE, "default", "web", webWithBackend(), 1, false));
        harness.enqueueService(SERVICE);
        harness.runUntilIdle();

        Task task = store.allTasks().getFirst();
        String network = "berth-task-" + task.id();
        assertThat(engine.networks(Map.of(ContainerLabels.TASK_ID, task.id().toString())))
                .extracting(EngineResource::name).containsExactly(network);
        Map<String, EngineResource> volumes = engine.volumes(Map.of(ContainerLabels.TASK_ID, task.id().toString()))
                .stream().collect(Collectors.toMap(EngineResource::name, Function.identity()));
        assertThat(volumes).containsOnlyKeys("berth-" + task.id() + "-data", "berth-" + task.id() + "-scratch");
        assertThat(volumes.get("berth-" + task.id() + "-data").labels()).containsEntry("purpose", "cache")
                .containsEntry(ContainerLabels.INSTALLATION, LoopHarness.INSTALLATION.toString());

        Map<String, ContainerSpec> specs = specsByContainer();
        RuntimeOptions front = specs.get("front").options();
        RuntimeOptions back = specs.get("back").options();
        assertThat(front.networkMode()).isEqualTo(network);
        assertThat(front.networkAliases()).containsExactly("front");
        assertThat(back.networkAliases()).containsExactly("back", "api"); // front's link "back:api"
        assertThat(front.volumesFrom()).containsExactly(new RuntimeOptions.VolumeFrom(specs.get("back").name(), true));
        assertThat(front.mounts()).containsExactly(new RuntimeOptions.Mount("berth-" + task.id() + "-scratch", "/scratch", false, false));
        assertThat(back.mounts()).containsExactly(new RuntimeOptions.Mount("berth-" + task.id() + "-data", "/data", false, false));
        assertThat(engine.list(ContainerLabels.serviceFilter(SERVICE))).hasSize(2).allMatch(ContainerState::running);

        store.putService(new ServiceState(SERVICE, "default", "web", webWithBackend(), 1, true));
        harness.enqueueService(SERVICE);
        harness.runFor(Duration.ofSeconds(30), Duration.ofSeconds(5));

        assertThat(engine.list(ContainerLabels.serviceFilter(SERVICE))).isEmpty();
        assertThat(engine.networks(Map.of(ContainerLabels.MANAGED, "true"))).isEmpty();
        assertThat(engine.volumes(Map.of(ContainerLabels.MANAGED, "true"))).isEmpty();
    }

    @Test
    void aSingleContainerTaskStaysOnTheDefaultBridge() {
        TaskDefinition single = new TaskDefinition("one", 1, new TaskDefinitionSpec(
                List.of(container("main", ContainerOptions.NONE)), null, null));
        store.putService(new ServiceState(SERVICE, "default", "one", single, 1, false));
        harness.enqueueService(SERVICE);
        harness.runUntilIdle();

        assertThat(engine.list(ContainerLabels.serviceFilter(SERVICE))).hasSize(1).allMatch(ContainerState::running);
        assertThat(engine.networks(Map.of())).isEmpty();
        assertThat(specsByContainer().get("main").options().networkMode()).isNull();
    }
}
