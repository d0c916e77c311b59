package io.berth.reconciler.scenario;

import io.berth.docker.ContainerState;
import io.berth.docker.FakeDockerEngine;
import io.berth.reconciler.model.ContainerDefinition;
import io.berth.reconciler.model.ContainerInstance;
import io.berth.reconciler.model.ContainerLabels;
import io.berth.reconciler.model.ServiceEvent;
import io.berth.reconciler.model.ServiceState;
import io.berth.reconciler.model.TaskDefinition;
import io.berth.reconciler.model.TaskDefinitionSpec;
import io.berth.reconciler.testing.InMemoryStateStore;
import io.berth.reconciler.testing.LoopHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A service's tasks ended by faults are told in the service's events, with the task's stoppedReason. */
class ServiceFaultEventsScenarioTest {

    private static final UUID INSTANCE = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID SERVICE = UUID.fromString("00000000-0000-0000-0000-000000000051");

    private final InMemoryStateStore store = new InMemoryStateStore();
    private final FakeDockerEngine engine = new FakeDockerEngine("host-a");
    private LoopHarness harness;

    @BeforeEach
    void setUp() {
        harness = LoopHarness.withOneHost(store, INSTANCE, engine);
    }

    private void service(String image) {
        TaskDefinition td = new TaskDefinition("worker", 1, new TaskDefinitionSpec(List.of(new ContainerDefinition(
                "main", image, List.of("sleep", "1000"), null, Map.of(), 10, 32, null, true, List.of(), null)), null, null));
        store.putService(new ServiceState(SERVICE, "default", "worker", td, 1, false));
        harness.enqueueService(SERVICE);
        harness.runUntilIdle();
    }

    private List<String> events() {
        return store.events(SERVICE).stream().map(ServiceEvent::message).toList();
    }

    @Test
    void oomKillOfAServiceTaskIsAnEventNamingTheKill() {
        service("busybox:1.36");
        ContainerState c = engine.list(ContainerLabels.serviceFilter(SERVICE)).getFirst();

        engine.oomKill(c.id());
        harness.runUntilIdle();

        String task = c.labels().get(ContainerLabels.TASK_ID).substring(0, 8);
        assertThat(events()).contains("service worker task " + task + " stopped: Essential container in task exited: "
                + "main was OOM-killed (memory limit reached), exit code 137");
    }

    @Test
    void missingImageIsAnEventWithThePullError() {
        engine.setImageAvailable("worker:404", false);
        service("worker:404");

        assertThat(events()).anyMatch(e -> e.contains("failed to start: CannotPullContainerError: image worker:404 was not found"));
        assertThat(engine.containerCount()).isZero();
    }
}
