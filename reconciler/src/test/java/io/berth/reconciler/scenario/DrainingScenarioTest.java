package io.berth.reconciler.scenario;

import io.berth.docker.ContainerState;
import io.berth.docker.FakeDockerEngine;
import io.berth.reconciler.model.ContainerDefinition;
import io.berth.reconciler.model.ContainerInstance;
import io.berth.reconciler.model.ContainerLabels;
import io.berth.reconciler.model.DeploymentConfig;
import io.berth.reconciler.model.ServiceState;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskDefinition;
import io.berth.reconciler.model.TaskDefinitionSpec;
import io.berth.reconciler.scheduler.placement.Placement;
import io.berth.reconciler.scheduler.placement.PlacementStrategy;
import io.berth.reconciler.testing.InMemoryStateStore;
import io.berth.reconciler.testing.LoopHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Draining over the whole loop in virtual time: the service's tasks leave the drained host for the others, keeping
 * the placement strategy, and at no pass are there more than maximumPercent active or fewer than
 * minimumHealthyPercent running.
 */
class DrainingScenarioTest {

    private static final UUID A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID B = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    private static final UUID C = UUID.fromString("00000000-0000-0000-0000-00000000000c");
    private static final UUID SERVICE = UUID.fromString("00000000-0000-0000-0000-000000000051");
    private static final int DESIRED = 6;

    private final InMemoryStateStore store = new InMemoryStateStore();
    private final Map<UUID, FakeDockerEngine> engines = new LinkedHashMap<>();
    private final List<String> violations = new ArrayList<>();
    private LoopHarness harness;

    private void cluster(DeploymentConfig bounds) {
        Map<UUID, String> zones = Map.of(A, "a", B, "a", C, "b");
        for (UUID id : List.of(A, B, C)) {
            store.putInstance(instance(id, zones.get(id), ContainerInstance.InstanceStatus.ACTIVE));
            engines.put(id, new FakeDockerEngine("host-" + id.toString().substring(35)));
        }
        harness = new LoopHarness(store);
        engines.forEach(harness::register);
        TaskDefinition td = new TaskDefinition("web", 1, new TaskDefinitionSpec(List.of(new ContainerDefinition(
                "httpd", "busybox:1.36", List.of(), null, Map.of(), 64, 64, null, true, List.of(), null)), null, null));
        Placement spreadZoneThenInstance = new Placement(List.of(new PlacementStrategy.Spread("zone"),
                PlacementStrategy.Spread.INSTANCES), List.of());
        store.putService(new ServiceState(SERVICE, "default", "web", td, DESIRED, false, Duration.ZERO, bounds,
                List.of(), spreadZoneThenInstance));
        harness.enqueueService(SERVICE);
        harness.runFor(Duration.ofSeconds(10), Duration.ofSeconds(1));
    }

    private static ContainerInstance instance(UUID id, String zone, ContainerInstance.InstanceStatus status) {
        return new ContainerInstance(id, "default", "tcp://" + id, "E" + id, id.toString(), status, true, null,
                4096, 8192, Map.of("zone", zone));
    }

    private List<ContainerState> running(UUID instance) {
        return engines.get(instance).list(ContainerLabels.serviceFilter(SERVICE)).stream()
                .filter(ContainerState::running).toList();
    }

    private int runningEverywhere() {
        return engines.keySet().stream().mapToInt(id -> running(id).size()).sum();
    }

    @ParameterizedTest(name = "minimumHealthyPercent {0}, maximumPercent {1}")
    @CsvSource({"100, 200", "50, 100", "50, 150", "0, 100"})
    void drainingMovesEveryTaskOffTheHostWithinTheBounds(int minimumHealthyPercent, int maximumPercent) {
        DeploymentConfig bounds = new DeploymentConfig(minimumHealthyPercent, maximumPercent, Duration.ofSeconds(3));
        cluster(bounds);
        // spread by zone: 3 in zone a (A and B), 3 in zone b (C)
        assertThat(running(C)).hasSize(3);
        assertThat(running(A).size() + running(B).size()).isEqualTo(3);
        int maximumActive = DESIRED * maximumPercent / 100;
        int minimumRunning = (int) Math.ceil(DESIRED * minimumHealthyPercent / 100.0);
        harness.afterEachPass(() -> {
            long active = store.allTasks().stream().filter(Task::isActive).count();
            int running = runningEverywhere();
            if (active > maximumActive || running > maximumActive) {
                violations.add("%d active tasks, %d running containers > maximum %d at %s"
                        .formatted(active, running, maximumActive, harness.clock.instant()));
            }
            if (running < minimumRunning) {
                violations.add("%d running < minimum %d at %s".formatted(running, minimumRunning, harness.clock.instant()));
            }
        });

        store.putInstance(instance(C, "b", ContainerInstance.InstanceStatus.DRAINING));
        harness.enqueueService(SERVICE);
        harness.runFor(Duration.ofSeconds(60), Duration.ofMillis(500));

        assertThat(violations).isEmpty();
        assertThat(running(C)).as("nothing of the service runs on the drained host").isEmpty();
        assertThat(running(A).size() + running(B).size()).isEqualTo(DESIRED);
        assertThat(running(A)).as("spread across instances within the remaining zone").hasSize(3);
        assertThat(store.allTasks().stream().filter(Task::isActive)).hasSize(DESIRED)
                .noneMatch(t -> t.instanceId().equals(C));
        assertThat(store.events(SERVICE)).anyMatch(e -> e.message().contains("Container instance 00000000 is draining"));
    }

    @ParameterizedTest(name = "minimumHealthyPercent {0}, maximumPercent {1}")
    @CsvSource({"100, 100"})
    void boundsThatAllowNoMoveAreExplained(int minimumHealthyPercent, int maximumPercent) {
        cluster(new DeploymentConfig(minimumHealthyPercent, maximumPercent, Duration.ofSeconds(3)));

        store.putInstance(instance(C, "b", ContainerInstance.InstanceStatus.DRAINING));
        harness.enqueueService(SERVICE);
        harness.runFor(Duration.ofSeconds(20), Duration.ofSeconds(1));

        assertThat(running(C)).hasSize(3);
        assertThat(store.events(SERVICE)).anyMatch(e -> e.message().contains(
                "cannot move its tasks off draining instances: maximumPercent 100"));
    }
}
