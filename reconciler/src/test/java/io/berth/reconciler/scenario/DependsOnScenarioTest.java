package io.berth.reconciler.scenario;

import io.berth.docker.ContainerState;
import io.berth.docker.FakeDockerEngine;
import io.berth.reconciler.model.ContainerDefinition;
import io.berth.reconciler.model.ContainerDependency;
import io.berth.reconciler.model.ContainerDependency.Condition;
import io.berth.reconciler.model.ContainerInstance;
import io.berth.reconciler.model.ContainerLabels;
import io.berth.reconciler.model.ContainerOptions;
import io.berth.reconciler.model.HealthCheck;
import io.berth.reconciler.model.ServiceState;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskDefinition;
import io.berth.reconciler.model.TaskDefinitionSpec;
import io.berth.reconciler.model.TaskStatus;
import io.berth.reconciler.testing.InMemoryStateStore;
import io.berth.reconciler.testing.LoopHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * dependsOn, level-triggered: each pass starts the containers whose conditions hold; a condition that can never
 * hold, or a startTimeout that passes, fails the task with a reason naming the container and the condition.
 */
class DependsOnScenarioTest {

    private static final UUID INSTANCE = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID SERVICE = UUID.fromString("00000000-0000-0000-0000-000000000053");
    private static final HealthCheck CHECK = new HealthCheck(List.of("CMD", "true"), Duration.ofSeconds(1),
            Duration.ofSeconds(1), 3, Duration.ZERO);

    private final InMemoryStateStore store = new InMemoryStateStore();
    private final FakeDockerEngine engine = new FakeDockerEngine("host-a");
    private LoopHarness harness;

    @BeforeEach
    void setUp() {
        harness = LoopHarness.withOneHost(store, INSTANCE, engine);
    }

    private static ContainerDefinition container(String name, boolean essential, HealthCheck check,
                                                 ContainerOptions options) {
        return new ContainerDefinition(name, "busybox:1.36", List.of("sleep", "300"), null, Map.of(), null, 32, null,
                essential, List.of(), check, options);
    }

    /** sidecar (listed first) waits for app HEALTHY; app waits for migrate SUCCESS. */
    private void run(Duration appStartTimeout) {
        ContainerDefinition sidecar = container("sidecar", false, null, ContainerOptions.builder()
                .dependsOn(List.of(new ContainerDependency("app", Condition.HEALTHY))).build());
        ContainerDefinition app = container("app", true, CHECK, ContainerOptions.builder().startTimeout(appStartTimeout)
                .dependsOn(List.of(new ContainerDependency("migrate", Condition.SUCCESS))).build());
        ContainerDefinition migrate = container("migrate", false, null, ContainerOptions.NONE);
        TaskDefinition td = new TaskDefinition("web", 1, new TaskDefinitionSpec(List.of(sidecar, app, migrate), null, null));
        store.putService(new ServiceState(SERVICE, "default", "web", td, 1, false));
        harness.enqueueService(SERVICE);
        harness.runUntilIdle();
    }

    private ContainerState container(String name) {
        return engine.list(ContainerLabels.serviceFilter(SERVICE)).stream()
                .filter(c -> name.equals(c.labels().get(ContainerLabels.CONTAINER)))
                .filter(c -> !"exited".equals(c.status()) || name.equals("migrate"))
                .findFirst().orElseThrow();
    }

    private Task onlyTask() {
        return store.allTasks().stream().filter(t -> !t.isStopped()).findFirst().orElseThrow();
    }

    @Test
    void containersStartInDependencyOrderAsConditionsComeToHold() {
        run(null);

        assertThat(container("migrate").running()).isTrue();
        assertThat(container("app").status()).isEqualTo("created");
        assertThat(container("sidecar").status()).isEqualTo("created");
        assertThat(onlyTask().lastStatus()).isEqualTo(TaskStatus.PENDING);

        engine.kill(container("migrate").id(), 0);
        harness.runFor(Duration.ofSeconds(3), Duration.ofSeconds(1));
        assertThat(container("app").running()).isTrue();
        assertThat(container("sidecar").status()).as("app is not healthy yet").isEqualTo("created");

        engine.setHealth(container("app").id(), ContainerState.Health.HEALTHY);
        harness.runFor(Duration.ofSeconds(3), Duration.ofSeconds(1));
        assertThat(container("sidecar").running()).isTrue();
        assertThat(onlyTask().lastStatus()).isEqualTo(TaskStatus.RUNNING);
        assertThat(store.allTasks()).hasSize(1);
    }

    @Test
    void aSuccessDependencyThatFailsFailsTheTaskNamingContainerAndCondition() {
        run(null);
        Task first = onlyTask();

        engine.kill(container("migrate").id(), 1);
        harness.runFor(Duration.ofSeconds(2), Duration.ofSeconds(1));

        Task stopped = store.tasks(List.of(first.id())).get(first.id());
        assertThat(stopped.lastStatus()).isEqualTo(TaskStatus.STOPPED);
        assertThat(stopped.stoppedReason()).isEqualTo(
                "DependencyConditionNeverMet: container app depends on migrate SUCCESS, but migrate exited with code 1");
        assertThat(engine.list(Map.of(ContainerLabels.TASK_ID, first.id().toString()))).isEmpty();
    }

    @Test
    void aConditionThatDoesNotHoldWithinStartTimeoutFailsTheTask() {
        run(Duration.ofSeconds(30));
        Task first = onlyTask();

        harness.runFor(Duration.ofSeconds(20), Duration.ofSeconds(1));
        assertThat(store.tasks(List.of(first.id())).get(first.id()).lastStatus()).isEqualTo(TaskStatus.PENDING);
        harness.runFor(Duration.ofSeconds(15), Duration.ofSeconds(1));

        Task stopped = store.tasks(List.of(first.id())).get(first.id());
        assertThat(stopped.lastStatus()).isEqualTo(TaskStatus.STOPPED);
        assertThat(stopped.stoppedReason()).isEqualTo("DependencyTimeout: container app depends on migrate SUCCESS, "
                + "which did not hold within its startTimeout of 30s");
    }
}
