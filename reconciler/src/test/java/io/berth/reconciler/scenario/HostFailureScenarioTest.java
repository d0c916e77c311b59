package io.berth.reconciler.scenario;

import io.berth.docker.ContainerState;
import io.berth.docker.FakeDockerEngine;
import io.berth.reconciler.model.ContainerDefinition;
import io.berth.reconciler.model.ContainerInstance;
import io.berth.reconciler.model.ContainerLabels;
import io.berth.reconciler.model.ServiceState;
import io.berth.reconciler.model.StopCode;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskDefinition;
import io.berth.reconciler.model.TaskDefinitionSpec;
import io.berth.reconciler.testing.InMemoryStateStore;
import io.berth.reconciler.testing.LoopHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A host that stops answering: its tasks are replaced elsewhere after the grace period, and cleaned up when it returns. */
class HostFailureScenarioTest {

    private static final UUID A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID B = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    private static final UUID SERVICE = UUID.fromString("00000000-0000-0000-0000-000000000051");

    private final InMemoryStateStore store = new InMemoryStateStore();
    private final FakeDockerEngine engineA = new FakeDockerEngine("host-a");
    private final FakeDockerEngine engineB = new FakeDockerEngine("host-b");
    private LoopHarness harness;

    @BeforeEach
    void setUp() {
        for (var id : List.of(A, B)) {
            store.putInstance(new ContainerInstance(id, "default", "tcp://" + id, "E" + id, id.toString(),
                    ContainerInstance.InstanceStatus.ACTIVE, true, null, 4096, 8192, Map.of()));
        }
        harness = new LoopHarness(store);
        harness.register(A, engineA);
        harness.register(B, engineB);
        TaskDefinition td = new TaskDefinition("web", 1, new TaskDefinitionSpec(List.of(new ContainerDefinition(
                "httpd", "busybox:1.36", List.of(), null, Map.of(), 64, 64, null, true, List.of(), null)), null, null));
        store.putService(new ServiceState(SERVICE, "default", "web", td, 4, false));
        harness.enqueueService(SERVICE);
        harness.runFor(Duration.ofSeconds(5), Duration.ofSeconds(1));
    }

    private static List<ContainerState> running(FakeDockerEngine engine) {
        return engine.list(ContainerLabels.serviceFilter(SERVICE)).stream().filter(ContainerState::running).toList();
    }

    @Test
    void tasksOfALostHostAreReplacedElsewhereAfterTheGraceAndRemovedWhenItReturns() {
        assertThat(running(engineA)).hasSize(2);
        assertThat(running(engineB)).hasSize(2);

        engineB.setReachable(false);
        harness.runFor(Duration.ofSeconds(5), Duration.ofSeconds(1));
        assertThat(running(engineA)).as("within the grace nothing is replaced").hasSize(2);

        harness.runFor(LoopHarness.HOST_LOST_GRACE.plusSeconds(3), Duration.ofSeconds(1));
        assertThat(running(engineA)).hasSize(4);
        List<Task> lost = store.allTasks().stream().filter(t -> t.stopCode() == StopCode.HostLost).toList();
        assertThat(lost).hasSize(2).allMatch(t -> t.instanceId().equals(B) && t.isStopped());
        assertThat(lost.getFirst().stoppedReason()).contains("stopped answering");

        engineB.setReachable(true);
        harness.runFor(LoopHarness.RESYNC.plusSeconds(2), Duration.ofSeconds(1));
        assertThat(running(engineB)).as("the returned host's stale containers are stopped").isEmpty();
        assertThat(running(engineA)).hasSize(4);
        assertThat(store.allTasks().stream().filter(Task::isActive)).hasSize(4);
    }
}
