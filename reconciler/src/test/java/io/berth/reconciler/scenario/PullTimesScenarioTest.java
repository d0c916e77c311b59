package io.berth.reconciler.scenario;

import io.berth.docker.FakeDockerEngine;
import io.berth.reconciler.model.ContainerDefinition;
import io.berth.reconciler.model.ServiceState;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskDefinition;
import io.berth.reconciler.model.TaskDefinitionSpec;
import io.berth.reconciler.model.TaskOverrides;
import io.berth.reconciler.model.TaskStatus;
import io.berth.reconciler.plan.RunTaskPlan;
import io.berth.reconciler.testing.InMemoryStateStore;
import io.berth.reconciler.testing.LoopHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ECS's pullStartedAt / pullStoppedAt through the loop: recorded when a launch pulled (or failed to pull) an image,
 * spanning every pull of a multi-container task, and absent when the images came from the host's cache.
 * Each fake pull takes 7 s of virtual time.
 */
class PullTimesScenarioTest {

    private static final UUID INSTANCE = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID SERVICE = UUID.fromString("00000000-0000-0000-0000-000000000052");
    private static final Duration PULL = Duration.ofSeconds(7);

    private final InMemoryStateStore store = new InMemoryStateStore();
    private final FakeDockerEngine engine = new FakeDockerEngine("host-a");
    private LoopHarness harness;
    private Instant t0;

    @BeforeEach
    void setUp() {
        harness = LoopHarness.withOneHost(store, INSTANCE, engine);
        harness.runUntilIdle();
        engine.onPull(() -> harness.clock.advance(PULL));
        t0 = harness.clock.instant();
    }

    private static ContainerDefinition container(String name, String image) {
        return new ContainerDefinition(name, image, List.of("sleep", "300"), null, Map.of(), 10, 64, null, true,
                List.of(), null);
    }

    private UUID runOne(ContainerDefinition... containers) {
        TaskDefinition td = new TaskDefinition("job", 1, new TaskDefinitionSpec(List.of(containers), null, null));
        RunTaskPlan plan = harness.runTask(td, 1, TaskOverrides.NONE, null, null);
        assertThat(plan.failures()).isEmpty();
        harness.runUntilIdle();
        return plan.tasks().getFirst().id();
    }

    private Task task(UUID id) {
        return store.tasks(List.of(id)).get(id);
    }

    @Test
    void aPulledImageGivesTheTaskItsPullWindowBeforeItStarted() {
        UUID id = runOne(container("main", "busybox:1.36"));

        assertThat(task(id).lastStatus()).isEqualTo(TaskStatus.RUNNING);
        assertThat(store.pullTimes(id)).contains(List.of(t0, t0.plus(PULL)));
        assertThat(task(id).startedAt()).isAfterOrEqualTo(t0.plus(PULL));
    }

    @Test
    void theWindowSpansEveryPullOfAMultiContainerTask() {
        UUID id = runOne(container("web", "web:1"), container("side", "side:1"));

        assertThat(store.pullTimes(id)).contains(List.of(t0, t0.plus(PULL).plus(PULL)));
    }

    @Test
    void noPullTimesWhenTheImageCameFromTheHostsCache() {
        engine.setRegistryReachable(false); // the pull fails and the cached copy is used: no image was pulled

        UUID id = runOne(container("main", "busybox:1.36"));

        assertThat(task(id).lastStatus()).isEqualTo(TaskStatus.RUNNING);
        assertThat(store.pullTimes(id)).isEmpty();
    }

    @Test
    void aFailedPullStillRecordsWhenItWasTried() {
        engine.setImageAvailable("gone:1", false);

        UUID id = runOne(container("main", "gone:1"));

        assertThat(task(id).lastStatus()).isEqualTo(TaskStatus.STOPPED);
        assertThat(task(id).stoppedReason()).startsWith("CannotPullContainerError: ");
        assertThat(store.pullTimes(id)).contains(List.of(t0, t0.plus(PULL)));
    }

    @Test
    void serviceTasksGetThemToo() {
        TaskDefinition td = new TaskDefinition("app", 1, new TaskDefinitionSpec(
                List.of(container("main", "busybox:1.36")), null, null));
        store.putService(new ServiceState(SERVICE, "default", "app", td, 1, false));
        harness.enqueueService(SERVICE);
        harness.runUntilIdle();

        Task t = store.allTasks().stream().filter(x -> SERVICE.equals(x.serviceId())).findFirst().orElseThrow();
        assertThat(t.lastStatus()).isEqualTo(TaskStatus.RUNNING);
        assertThat(store.pullTimes(t.id())).contains(List.of(t0, t0.plus(PULL)));
    }
}
