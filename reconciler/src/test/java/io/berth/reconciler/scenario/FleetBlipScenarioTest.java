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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Berth's link to most of its hosts blips for longer than the lost-host grace, and comes back host by host, seconds
 * apart, as a real heal does: no task may be replaced, no container stopped.
 */
class FleetBlipScenarioTest {

    private static final UUID SERVICE = UUID.fromString("00000000-0000-0000-0000-000000000052");

    private final InMemoryStateStore store = new InMemoryStateStore();
    private final Map<UUID, FakeDockerEngine> engines = new LinkedHashMap<>();
    private LoopHarness harness;

    @BeforeEach
    void setUp() {
        harness = new LoopHarness(store);
        for (int i = 1; i <= 4; i++) {
            UUID id = new UUID(0, 0xa0 + i);
            store.putInstance(new ContainerInstance(id, "default", "tcp://" + id, "E" + id, id.toString(),
                    ContainerInstance.InstanceStatus.ACTIVE, true, null, 4096, 8192, Map.of()));
            FakeDockerEngine engine = new FakeDockerEngine("host-" + i);
            engines.put(id, engine);
            harness.register(id, engine);
        }
        TaskDefinition td = new TaskDefinition("web", 1, new TaskDefinitionSpec(List.of(new ContainerDefinition(
                "httpd", "busybox:1.36", List.of(), null, Map.of(), 64, 64, null, true, List.of(), null)), null, null));
        store.putService(new ServiceState(SERVICE, "default", "web", td, 8, false));
        harness.enqueueService(SERVICE);
        harness.runFor(Duration.ofSeconds(5), Duration.ofSeconds(1));
    }

    private Set<String> runningContainers() {
        Set<String> ids = new HashSet<>();
        engines.values().forEach(e -> e.list(ContainerLabels.serviceFilter(SERVICE)).stream()
                .filter(ContainerState::running).forEach(c -> ids.add(c.id())));
        return ids;
    }

    @Test
    void threeOfFourHostsCutPastTheGraceAndHealedOneByOneKeepEveryTask() {
        Set<String> before = runningContainers();
        assertThat(before).hasSize(8);
        List<FakeDockerEngine> cut = new ArrayList<>(engines.values()).subList(1, 4); // the first stays: Berth's own

        cut.forEach(e -> e.setReachable(false));
        harness.runFor(LoopHarness.HOST_LOST_GRACE.plusSeconds(8), Duration.ofSeconds(1));
        for (FakeDockerEngine e : cut) { // a heartbeat or two apart
            e.setReachable(true);
            harness.runFor(Duration.ofSeconds(3), Duration.ofSeconds(1));
        }
        harness.runFor(LoopHarness.RESYNC.plus(LoopHarness.HOST_LOST_GRACE), Duration.ofSeconds(1));

        List<Task> lost = store.allTasks().stream().filter(t -> t.stopCode() == StopCode.HostLost).toList();
        assertThat(lost).as("tasks declared lost after a blip").isEmpty();
        assertThat(runningContainers()).as("the same containers run").isEqualTo(before);
        assertThat(store.allTasks().stream().filter(Task::isActive)).hasSize(8);
    }

    @Test
    void aHostStillSilentAFullGraceAfterTheOthersAnsweredIsLost() {
        List<FakeDockerEngine> cut = new ArrayList<>(engines.values()).subList(1, 4);
        cut.forEach(e -> e.setReachable(false));
        harness.runFor(LoopHarness.HOST_LOST_GRACE.plusSeconds(8), Duration.ofSeconds(1));
        cut.get(0).setReachable(true);
        cut.get(1).setReachable(true);
        harness.runFor(LoopHarness.HOST_LOST_GRACE.plus(LoopHarness.RESYNC), Duration.ofSeconds(1));

        List<Task> lost = store.allTasks().stream().filter(t -> t.stopCode() == StopCode.HostLost).toList();
        assertThat(lost).isNotEmpty();
        UUID dead = engines.entrySet().stream().filter(e -> e.getValue() == cut.get(2)).findFirst().orElseThrow().getKey();
        assertThat(lost).allMatch(t -> t.instanceId().equals(dead));
        assertThat(store.allTasks().stream().filter(Task::isActive)).hasSize(8);
    }
}
