package io.berth.reconciler.scenario;

import io.berth.docker.ContainerState;
import io.berth.docker.FakeDockerEngine;
import io.berth.reconciler.model.ContainerDefinition;
import io.berth.reconciler.model.ContainerInstance;
import io.berth.reconciler.model.ContainerLabels;
import io.berth.reconciler.model.DeploymentConfig;
import io.berth.reconciler.model.SchedulingStrategy;
import io.berth.reconciler.model.ServiceState;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskDefinition;
import io.berth.reconciler.model.TaskDefinitionSpec;
import io.berth.reconciler.scheduler.placement.Placement;
import io.berth.reconciler.testing.InMemoryStateStore;
import io.berth.reconciler.testing.LoopHarness;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A daemon service over the whole loop in virtual time, beside a replica service: a host that joins gets its daemon
 * task, and a host that drains loses its replica tasks first and its daemon task last, with no daemon task started
 * elsewhere in its place.
 */
class DaemonScenarioTest {

    private static final UUID A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID B = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    private static final UUID C = UUID.fromString("00000000-0000-0000-0000-00000000000c");
    private static final UUID AGENT = UUID.fromString("00000000-0000-0000-0000-0000000000d1");
    private static final UUID API = UUID.fromString("00000000-0000-0000-0000-0000000000a1");

    private final InMemoryStateStore store = new InMemoryStateStore();
    private final Map<UUID, FakeDockerEngine> engines = new LinkedHashMap<>();
    private final List<String> violations = new ArrayList<>();
    private LoopHarness harness;

    private static ContainerInstance instance(UUID id, ContainerInstance.InstanceStatus status) {
        return new ContainerInstance(id, "default", "tcp://" + id, "E" + id, "host-" + id.toString().substring(35),
                status, true, null, 4096, 8192, Map.of());
    }

    private static TaskDefinition td(String family) {
        return new TaskDefinition(family, 1, new TaskDefinitionSpec(List.of(new ContainerDefinition(
                "main", "busybox:1.36", List.of(), null, Map.of(), 64, 64, null, true, List.of(), null)), null, null));
    }

    private void join(UUID id) {
        store.putInstance(instance(id, ContainerInstance.InstanceStatus.ACTIVE));
        engines.put(id, new FakeDockerEngine("host-" + id.toString().substring(35)));
        harness.register(id, engines.get(id));
    }

    private List<ContainerState> running(UUID instance, UUID service) {
        return engines.get(instance).list(ContainerLabels.serviceFilter(service)).stream()
                .filter(ContainerState::running).toList();
    }

    private int desiredCount(UUID service) {
        return store.service(service).orElseThrow().desiredCount();
    }

    @Test
    void aJoiningHostGetsItsTaskAndADrainingHostStopsItsReplicasFirstAndItsDaemonLast() {
        harness = new LoopHarness(store);
        join(A);
        join(B);
        DeploymentConfig bounds = new DeploymentConfig(100, 200, Duration.ofSeconds(3));
        store.putService(new ServiceState(AGENT, "default", "agent", td("agent"), 0, false, Duration.ZERO,
                new DeploymentConfig(0, 100, Duration.ofSeconds(3)), List.of(), Placement.SERVICE_DEFAULT,
                SchedulingStrategy.DAEMON));
        store.putService(new ServiceState(API, "default", "api", td("api"), 4, false, Duration.ZERO, bounds,
                List.of(), Placement.SERVICE_DEFAULT));
        harness.enqueueService(AGENT);
        harness.enqueueService(API);
        harness.runFor(Duration.ofSeconds(10), Duration.ofSeconds(1));

        assertThat(running(A, AGENT)).hasSize(1);
        assertThat(running(B, AGENT)).hasSize(1);
        assertThat(desiredCount(AGENT)).isEqualTo(2);

        // a host joins: the registration wakes every service, as the API does
        join(C);
        harness.enqueueService(AGENT);
        harness.runFor(Duration.ofSeconds(10), Duration.ofSeconds(1));

        assertThat(running(C, AGENT)).hasSize(1);
        assertThat(desiredCount(AGENT)).isEqualTo(3);
        assertThat(running(B, API)).as("the replica service has tasks on the host to drain").isNotEmpty();

        harness.afterEachPass(() -> {
            if (running(B, AGENT).isEmpty() && !running(B, API).isEmpty()) {
                violations.add("daemon task on B stopped while %d replica tasks still run there at %s"
                        .formatted(running(B, API).size(), harness.clock.instant()));
            }
            long agents = store.allTasks().stream().filter(Task::isActive)
                    .filter(t -> t.serviceId().equals(AGENT)).count();
            if (agents > 3) {
                violations.add(agents + " active daemon tasks on 3 hosts at " + harness.clock.instant());
            }
        });
        store.putInstance(instance(B, ContainerInstance.InstanceStatus.DRAINING));
        harness.enqueueService(AGENT);
        harness.enqueueService(API);
        harness.runFor(Duration.ofSeconds(60), Duration.ofMillis(500));

        assertThat(violations).isEmpty();
        assertThat(running(B, API)).isEmpty();
        assertThat(running(B, AGENT)).as("the daemon task stopped last").isEmpty();
        assertThat(running(A, API).size() + running(C, API).size()).isEqualTo(4);
        assertThat(running(A, AGENT)).hasSize(1);
        assertThat(running(C, AGENT)).hasSize(1);
        assertThat(desiredCount(AGENT)).isEqualTo(2);
        assertThat(store.events(AGENT)).anyMatch(e -> e.message().contains("is draining and its replica tasks have stopped"));
    }
}
