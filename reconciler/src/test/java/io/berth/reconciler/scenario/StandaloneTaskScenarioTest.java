package io.berth.reconciler.scenario;

import io.berth.docker.ContainerState;
import io.berth.docker.FakeDockerEngine;
import io.berth.reconciler.model.ContainerDefinition;
import io.berth.reconciler.model.ContainerInstance;
import io.berth.reconciler.model.ContainerLabels;
import io.berth.reconciler.model.ContainerOverride;
import io.berth.reconciler.model.StopCode;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskContainer;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** One-off (run-task) tasks through the whole loop over an in-memory engine, in virtual time. */
class StandaloneTaskScenarioTest {

    private static final UUID INSTANCE = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final Duration STEP = Duration.ofSeconds(1);

    private final InMemoryStateStore store = new InMemoryStateStore();
    private final FakeDockerEngine engine = new FakeDockerEngine("host-a");
    private LoopHarness harness;

    @BeforeEach
    void setUp() {
        harness = LoopHarness.withOneHost(store, INSTANCE, engine);
        harness.runUntilIdle();
    }

    private static ContainerDefinition container(String name, boolean essential, Integer memory) {
        return new ContainerDefinition(name, "busybox:1.36", List.of("sh", "-c", "echo " + name), null,
                Map.of("MODE", "batch"), 10, memory, null, essential, List.of(), null);
    }

    private static TaskDefinition batch() {
        return new TaskDefinition("job", 1, new TaskDefinitionSpec(List.of(container("main", true, 64)), null, null));
    }

    private static TaskDefinition withSidecar() {
        return new TaskDefinition("pair", 1, new TaskDefinitionSpec(List.of(container("main", true, 64),
                container("side", false, 64)), null, null));
    }

    private Task task(UUID id) {
        return store.tasks(List.of(id)).get(id);
    }

    private ContainerState container(UUID taskId, String name) {
        return engine.list(Map.of(ContainerLabels.TASK_ID, taskId.toString())).stream()
                .filter(c -> name.equals(c.labels().get(ContainerLabels.CONTAINER))).findFirst().orElseThrow();
    }

    private TaskContainer recorded(UUID taskId, String name) {
        return task(taskId).containers().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private UUID runOne(TaskDefinition td) {
        RunTaskPlan plan = harness.runTask(td, 1, TaskOverrides.NONE, "ci", "batch");
        assertThat(plan.failures()).isEmpty();
        harness.runUntilIdle();
        return plan.tasks().getFirst().id();
    }

    @Test
    void batchTaskRunsToCompletionAndIsNeverRestarted() {
        UUID id = runOne(batch());
        assertThat(task(id).lastStatus()).isEqualTo(TaskStatus.RUNNING);
        assertThat(container(id, "main").running()).isTrue();

        engine.kill(container(id, "main").id(), 0);
        harness.runFor(Duration.ofMinutes(2), STEP);

        Task t = task(id);
        assertThat(t.lastStatus()).isEqualTo(TaskStatus.STOPPED);
        assertThat(t.desiredStatus()).isEqualTo(TaskStatus.STOPPED);
        assertThat(t.stopCode()).isEqualTo(StopCode.EssentialContainerExited);
        assertThat(t.stoppedReason()).startsWith("Essential container in task exited");
        assertThat(recorded(id, "main").exitCode()).isEqualTo(0);
        assertThat(engine.creates()).isEqualTo(1);
        assertThat(store.allTasks()).hasSize(1);
        assertThat(store.runTaskInfo(id)).containsExactly("ci", "batch");
    }

    @Test
    void essentialExitStopsTheOtherContainers() {
        UUID id = runOne(withSidecar());
        assertThat(container(id, "side").running()).isTrue();

        engine.kill(container(id, "main").id(), 3);
        harness.runUntilIdle();

        assertThat(container(id, "side").running()).isFalse();
        Task t = task(id);
        assertThat(t.lastStatus()).isEqualTo(TaskStatus.STOPPED);
        assertThat(t.stoppedReason()).isEqualTo("Essential container in task exited: main exited with code 3");
        assertThat(recorded(id, "main").exitCode()).isEqualTo(3);
        assertThat(recorded(id, "side").lastStatus()).isEqualTo(TaskStatus.STOPPED);
    }

    @Test
    void nonEssentialExitLeavesTheTaskRunning() {
        UUID id = runOne(withSidecar());

        engine.kill(container(id, "side").id(), 1);
        harness.runFor(Duration.ofMinutes(1), STEP);

        assertThat(task(id).lastStatus()).isEqualTo(TaskStatus.RUNNING);
        assertThat(container(id, "main").running()).isTrue();
        assertThat(recorded(id, "side").exitCode()).isEqualTo(1);
        assertThat(engine.creates()).isEqualTo(2);
    }

    @Test
    void stopTaskStopsItsContainersWithTheUsersReason() {
        UUID id = runOne(withSidecar());

        harness.stopTask(id, "no longer needed");
        harness.runUntilIdle();

        Task t = task(id);
        assertThat(t.lastStatus()).isEqualTo(TaskStatus.STOPPED);
        assertThat(t.stopCode()).isEqualTo(StopCode.UserInitiated);
        assertThat(t.stoppedReason()).isEqualTo("no longer needed");
        assertThat(engine.list(Map.of(ContainerLabels.TASK_ID, id.toString()))).noneMatch(ContainerState::running);
        assertThat(engine.creates()).isEqualTo(2);
    }

    @Test
    void stoppedContainersGoAfterTheirRetentionAndRecordsAfterTheirs() {
        UUID id = runOne(batch());
        engine.kill(container(id, "main").id(), 0);
        harness.runUntilIdle();
        assertThat(task(id).isStopped()).isTrue();

        harness.runFor(LoopHarness.CONTAINER_RETENTION.minusSeconds(30), STEP);
        assertThat(engine.containerCount()).isEqualTo(1); // kept for logs and exit codes
        harness.runFor(Duration.ofMinutes(1), STEP);
        assertThat(engine.containerCount()).isZero();
        assertThat(task(id)).isNotNull();

        harness.runFor(LoopHarness.RECORD_RETENTION, Duration.ofSeconds(5));
        assertThat(task(id)).isNull();
        assertThat(engine.creates()).isEqualTo(1);
    }

    @Test
    void restartedBerthAdoptsRunningTasksWithoutDuplicates() {
        UUID id = runOne(batch());
        harness.restart();
        harness.runFor(Duration.ofMinutes(1), STEP);

        assertThat(task(id).lastStatus()).isEqualTo(TaskStatus.RUNNING);
        assertThat(engine.creates()).isEqualTo(1);

        engine.kill(container(id, "main").id(), 0); // and the adopted task still finishes
        harness.runFor(Duration.ofSeconds(30), STEP);
        assertThat(task(id).isStopped()).isTrue();
    }

    @Test
    void taskWrittenButNotLaunchedBeforeACrashIsLaunchedOnceAfterRestart() {
        RunTaskPlan plan = harness.runTask(batch(), 1, TaskOverrides.NONE, null, null);
        harness.restart(); // the new loop learns of the task from the resync alone
        harness.runFor(Duration.ofSeconds(30), STEP);

        assertThat(task(plan.tasks().getFirst().id()).lastStatus()).isEqualTo(TaskStatus.RUNNING);
        assertThat(engine.creates()).isEqualTo(1);
    }

    @Test
    void overridesReachTheContainerAndTheReservation() {
        TaskOverrides overrides = new TaskOverrides(List.of(new ContainerOverride("main", List.of("sh", "-c", "exit 7"),
                Map.of("EXTRA", "1"), null, 256)));
        RunTaskPlan plan = harness.runTask(batch(), 1, overrides, null, null);
        harness.runUntilIdle();
        UUID id = plan.tasks().getFirst().id();

        assertThat(task(id).reservedMemory()).isEqualTo(256);
        assertThat(store.overridesOf(id)).isEqualTo(overrides);
        ContainerState c = container(id, "main");
        assertThat(engine.inspect(c.id())).isPresent();
        assertThat(engine.specOf(c.id()).command()).containsExactly("sh", "-c", "exit 7");
        assertThat(engine.specOf(c.id()).env()).containsEntry("EXTRA", "1").containsEntry("MODE", "batch");
    }

    @Test
    void tasksThatFitNowhereAreReportedAsFailuresWithTheSchedulersReason() {
        TaskDefinition big = new TaskDefinition("big", 1, new TaskDefinitionSpec(List.of(container("main", true, 1500)),
                null, null));
        RunTaskPlan plan = harness.runTask(big, 3, TaskOverrides.NONE, null, null);

        assertThat(plan.tasks()).hasSize(2);
        assertThat(plan.failures()).hasSize(1);
        assertThat(plan.failures().getFirst().reason()).contains("lack memory");
        assertThat(store.allTasks()).hasSize(2);
    }

    @Test
    void missingImageStopsTheTaskAsFailedToStartWithoutLeavingContainers() {
        engine.setImageAvailable("busybox:1.36", false);
        engine.setRegistryReachable(true);
        UUID id = runOne(batch());
        harness.runFor(Duration.ofSeconds(30), STEP);

        Task t = task(id);
        assertThat(t.lastStatus()).isEqualTo(TaskStatus.STOPPED);
        assertThat(t.stopCode()).isEqualTo(StopCode.TaskFailedToStart);
        assertThat(t.stoppedReason()).startsWith("CannotPullContainerError");
        assertThat(engine.containerCount()).isZero();
    }
}
