package io.berth.reconciler.scenario;

import io.berth.docker.ContainerState;
import io.berth.docker.FakeDockerEngine;
import io.berth.reconciler.model.ContainerDefinition;
import io.berth.reconciler.model.ContainerInstance;
import io.berth.reconciler.model.ContainerLabels;
import io.berth.reconciler.model.PortMapping;
import io.berth.reconciler.model.ServiceState;
import io.berth.reconciler.model.StopCode;
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

/** The whole loop over an in-memory engine, in virtual time: converge, replace, adopt, delete, back off. */
class ServiceLoopScenarioTest {

    private static final UUID INSTANCE = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID SERVICE = UUID.fromString("00000000-0000-0000-0000-0000000000s1".replace("s", "5"));

    private final InMemoryStateStore store = new InMemoryStateStore();
    private final FakeDockerEngine engine = new FakeDockerEngine("host-a");
    private LoopHarness harness;

    @BeforeEach
    void setUp() {
        harness = LoopHarness.withOneHost(store, INSTANCE, engine);
    }

    private static TaskDefinition web(int revision, String image) {
        return new TaskDefinition("web", revision, new TaskDefinitionSpec(List.of(new ContainerDefinition(
                "httpd", image, List.of("httpd", "-f"), null, Map.of(), 128, 64, null, true,
                List.of(new PortMapping(8080, 0, "tcp")), null)), null, null));
    }

    private void service(int desired, TaskDefinition td, boolean deleting) {
        store.putService(new ServiceState(SERVICE, "default", "web", td, desired, deleting));
        harness.enqueueService(SERVICE);
    }

    private List<ContainerState> running() {
        return engine.list(ContainerLabels.serviceFilter(SERVICE)).stream().filter(ContainerState::running).toList();
    }

    private List<Task> activeTasks() {
        return store.allTasks().stream().filter(Task::isActive).toList();
    }

    @Test
    void convergesToDesiredCountAndStaysConverged() {
        service(3, web(1, "busybox:1.36"), false);
        harness.runUntilIdle();

        assertThat(running()).hasSize(3);
        assertThat(activeTasks()).hasSize(3).allMatch(t -> t.lastStatus() == TaskStatus.RUNNING);
        assertThat(store.events(SERVICE)).anyMatch(e -> e.message().contains("has started 3 tasks"));

        int creates = engine.creates();
        harness.runFor(Duration.ofMinutes(1), Duration.ofSeconds(5)); // resyncs change nothing
        assertThat(engine.creates()).isEqualTo(creates);
        assertThat(store.events(SERVICE)).anyMatch(e -> e.message().contains("reached a steady state"));
    }

    @Test
    void killedContainerIsReplacedOnTheEventWithoutWaitingForResync() {
        service(3, web(1, "busybox:1.36"), false);
        harness.runUntilIdle();
        ContainerState victim = running().getFirst();

        engine.kill(victim.id(), 137);
        harness.runUntilIdle(); // no clock movement: only the die event can have triggered the pass

        assertThat(running()).hasSize(3).noneMatch(c -> c.id().equals(victim.id()));
        Task stopped = store.allTasks().stream().filter(Task::isStopped).findFirst().orElseThrow();
        assertThat(stopped.stopCode()).isEqualTo(StopCode.EssentialContainerExited);
        assertThat(stopped.stoppedReason()).contains("httpd exited with code 137");
        assertThat(stopped.containers().getFirst().exitCode()).isEqualTo(137);
    }

    @Test
    void replacementOnTheEventEvenWhenTheEnginesListStillShowsTheDeadContainerRunning() {
        engine.withListLaggingAfterExit(true);
        service(3, web(1, "busybox:1.36"), false);
        harness.runUntilIdle();
        ContainerState victim = running().getFirst();

        engine.kill(victim.id(), 137);
        harness.runUntilIdle(); // no clock movement: the die event alone must be enough

        assertThat(engine.inspect(victim.id()).orElseThrow().running()).isFalse();
        assertThat(running()).hasSize(3).noneMatch(c -> c.id().equals(victim.id()));
    }

    @Test
    void oomKillIsReportedAsSuch() {
        service(1, web(1, "busybox:1.36"), false);
        harness.runUntilIdle();

        engine.oomKill(running().getFirst().id());
        harness.runUntilIdle();

        Task stopped = store.allTasks().stream().filter(Task::isStopped).findFirst().orElseThrow();
        assertThat(stopped.stoppedReason()).contains("OOM-killed");
        assertThat(running()).hasSize(1);
    }

    @Test
    void restartedLoopAdoptsRunningContainersAndStartsNoDuplicates() {
        service(3, web(1, "busybox:1.36"), false);
        harness.runUntilIdle();
        int creates = engine.creates();

        harness.restart();
        harness.runFor(Duration.ofSeconds(30), Duration.ofSeconds(5));

        assertThat(engine.creates()).isEqualTo(creates);
        assertThat(running()).hasSize(3);
        assertThat(activeTasks()).hasSize(3);
    }

    @Test
    void crashBetweenWritingTheTaskAndCreatingItsContainerIsFinishedByTheNextPass() {
        TaskDefinition td = web(1, "busybox:1.36");
        service(1, td, false);
        // What a crash right after the task row was written leaves behind: a PROVISIONING row, no container.
        store.insertTasks(List.of(new Task(UUID.randomUUID(), "default", SERVICE, "web", "web", 1, INSTANCE,
                TaskStatus.RUNNING, TaskStatus.PROVISIONING, null, null, 128, 64, List.of(),
                harness.clock.instant(), null, null)));

        harness.runUntilIdle();

        assertThat(running()).hasSize(1);
        assertThat(store.allTasks()).hasSize(1);
        assertThat(store.allTasks().getFirst().lastStatus()).isEqualTo(TaskStatus.RUNNING);
    }

    @Test
    void orphanContainerWithoutTaskIsRemovedButAnotherBerthsIsNot() {
        service(1, web(1, "busybox:1.36"), false);
        harness.runUntilIdle();
        String orphan = engine.create(new io.berth.docker.ContainerSpec("stray", "busybox:1.36", List.of(), List.of(),
                Map.of(), Map.of(ContainerLabels.MANAGED, "true", ContainerLabels.INSTALLATION, LoopHarness.INSTALLATION.toString(),
                ContainerLabels.CLUSTER, "default", ContainerLabels.TASK_ID, UUID.randomUUID().toString()),
                0, 0, 0, List.of(), null, false, null));
        // Another Berth's container on the same engine (same cluster name, other installation) is not ours to remove.
        String foreign = engine.create(new io.berth.docker.ContainerSpec("foreign", "busybox:1.36", List.of(), List.of(),
                Map.of(), Map.of(ContainerLabels.MANAGED, "true", ContainerLabels.INSTALLATION, UUID.randomUUID().toString(),
                ContainerLabels.CLUSTER, "default", ContainerLabels.TASK_ID, UUID.randomUUID().toString()),
                0, 0, 0, List.of(), null, false, null));

        harness.runFor(LoopHarness.RESYNC.plusSeconds(1), Duration.ofSeconds(1));

        assertThat(engine.inspect(orphan)).isEmpty();
        assertThat(engine.inspect(foreign)).isPresent();
        assertThat(running()).hasSize(1);
    }

    @Test
    void scaleDownAndDeleteRemoveEverything() {
        service(3, web(1, "busybox:1.36"), false);
        harness.runUntilIdle();

        service(1, web(1, "busybox:1.36"), false);
        harness.runUntilIdle();
        assertThat(running()).hasSize(1);

        service(1, web(1, "busybox:1.36"), true);
        harness.runUntilIdle();

        assertThat(store.service(SERVICE)).isEmpty();
        assertThat(engine.list(ContainerLabels.serviceFilter(SERVICE))).isEmpty();
    }

    @Test
    void newRevisionStartsNewTasksAndStopsOldOnesOnlyOnceTheNewOnesCountAsHealthy() {
        service(2, web(1, "busybox:1.36"), false);
        harness.runUntilIdle();
        harness.runFor(Duration.ofSeconds(30), Duration.ofSeconds(5));

        service(2, web(2, "busybox:1.36"), false);
        harness.runUntilIdle();
        // 100/200: two new tasks start, the two old ones keep running until the new ones have run minHealthyTime (3 s)
        assertThat(running()).hasSize(4);
        assertThat(activeTasks()).filteredOn(t -> t.revision() == 1).hasSize(2);

        harness.runFor(Duration.ofSeconds(4), Duration.ofMillis(500));

        assertThat(activeTasks()).hasSize(2).allMatch(t -> t.revision() == 2);
        assertThat(running()).hasSize(2)
                .allMatch(c -> c.labels().get(ContainerLabels.TASK_DEFINITION).equals("web:2"));
    }

    @Test
    void missingImageFailsTasksWithClearReasonAndBacksOffExponentially() {
        engine.setImageAvailable("nope:1", false);
        engine.setRegistryReachable(false);
        service(1, web(1, "nope:1"), false);

        harness.runFor(Duration.ofMinutes(2), Duration.ofMillis(500));

        List<Task> failed = store.allTasks().stream().filter(Task::isStopped).toList();
        assertThat(failed).isNotEmpty().allMatch(t -> t.stopCode() == StopCode.TaskFailedToStart);
        assertThat(failed.getFirst().stoppedReason()).startsWith("CannotPullContainerError");
        // Delays 0, 1, 2, 4, 8, 16, 32, 64 s: at most ~9 attempts in two minutes, not hundreds.
        assertThat(failed.size()).isBetween(5, 10);
        assertThat(store.events(SERVICE)).anyMatch(e -> e.message().contains("backing off"));
    }

    @Test
    void unplaceableTaskIsExplained() {
        TaskDefinition huge = new TaskDefinition("web", 1, new TaskDefinitionSpec(List.of(new ContainerDefinition(
                "httpd", "busybox:1.36", List.of(), null, Map.of(), 128, 8192, null, true, List.of(), null)), null, null));
        service(1, huge, false);

        harness.runUntilIdle();

        assertThat(running()).isEmpty();
        assertThat(store.events(SERVICE)).anyMatch(e -> e.message().equals(
                "service web was unable to place 1 task: 1 instance checked — 1 lack memory (need 8192 MiB, largest free 4096 MiB)"));
    }
}
