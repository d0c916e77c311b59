package io.berth.reconciler.scenario;

import io.berth.docker.ContainerState;
import io.berth.docker.FakeDockerEngine;
import io.berth.reconciler.model.BackoffConfig;
import io.berth.reconciler.model.CircuitBreakerConfig;
import io.berth.reconciler.model.ContainerDefinition;
import io.berth.reconciler.model.ContainerInstance;
import io.berth.reconciler.model.ContainerLabels;
import io.berth.reconciler.model.Deployment;
import io.berth.reconciler.model.DeploymentConfig;
import io.berth.reconciler.model.ServiceEvent;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A service whose task keeps crashing, with its own {@code deployment.backoff}, over the whole loop in virtual time. */
class CrashLoopBackoffScenarioTest {

    private static final UUID INSTANCE = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID SERVICE = UUID.fromString("00000000-0000-0000-0000-000000000052");
    private static final Duration STEP = Duration.ofMillis(250);

    private final InMemoryStateStore store = new InMemoryStateStore();
    private final FakeDockerEngine engine = new FakeDockerEngine("host-a");
    private LoopHarness harness;

    @BeforeEach
    void setUp() {
        store.putInstance(new ContainerInstance(INSTANCE, "default", "unix:///fake.sock", "E1", "host-a",
                ContainerInstance.InstanceStatus.ACTIVE, true, null, 4096, 8192, Map.of()));
        harness = new LoopHarness(store);
        harness.register(INSTANCE, engine);
        TaskDefinition td = new TaskDefinition("web", 1, new TaskDefinitionSpec(List.of(new ContainerDefinition(
                "app", "busybox:1.36", List.of("sh", "-c", "exit 1"), null, Map.of(), 64, 64, null, true, List.of(), null)),
                null, null));
        store.putTaskDefinition(td);
        // The breaker is off: this is about the pace of replacements, not about giving up on them.
        DeploymentConfig config = new DeploymentConfig(100, 200, Duration.ofSeconds(1), new CircuitBreakerConfig(false, false, null),
                Duration.ofHours(1), new BackoffConfig(Duration.ofSeconds(4), Duration.ofSeconds(16)));
        store.putService(new ServiceState(SERVICE, "default", "web", td, 1, false, Duration.ZERO, config));
        store.startDeployment(SERVICE, td.arn(), Deployment.Trigger.CREATED, harness.clock.instant());
        harness.enqueueService(SERVICE);
    }

    /** Runs the loop, crashing (exit code 1) every container of the service as soon as it runs, while {@code crash}. */
    private void run(Duration total, boolean crash) {
        Instant end = harness.clock.instant().plus(total);
        while (harness.clock.instant().isBefore(end)) {
            harness.runFor(STEP, STEP);
            if (crash) {
                engine.list(ContainerLabels.serviceFilter(SERVICE)).stream().filter(ContainerState::running)
                        .forEach(c -> engine.kill(c.id(), 1));
            }
        }
    }

    private List<Task> crashed() {
        return store.allTasks().stream().filter(Task::isStopped)
                .filter(t -> t.stopCode() == StopCode.EssentialContainerExited)
                .sorted(Comparator.comparing(Task::stoppedAt)).toList();
    }

    /** Seconds between one crash and the start of the next task, in order. */
    private List<Long> pauses() {
        List<Task> all = store.allTasks().stream().sorted(Comparator.comparing(Task::createdAt)).toList();
        List<Long> pauses = new ArrayList<>();
        for (int i = 1; i < all.size(); i++) {
            Task previous = all.get(i - 1);
            if (previous.stoppedAt() != null) {
                pauses.add(Duration.between(previous.stoppedAt(), all.get(i).createdAt()).toSeconds());
            }
        }
        return pauses;
    }

    @Test
    void replacementsSlowDownExponentiallyUpToTheServicesMaximumAndSaySoInEvents() {
        run(Duration.ofSeconds(70), true);

        // First crash replaced at once, then 4 s, 8 s, 16 s, 16 s ... (the service's 4 s..16 s, not Berth's 1 s..5 m)
        assertThat(pauses()).startsWith(0L, 4L, 8L, 16L, 16L);
        assertThat(store.events(SERVICE)).extracting(ServiceEvent::message)
                .anyMatch(m -> m.matches("service web: task [0-9a-f]{8} exited \\(code 1\\); backing off, next replacement in 4s"))
                .anyMatch(m -> m.matches("service web: task [0-9a-f]{8} exited \\(code 1\\); backing off, next replacement in 8s"))
                .anyMatch(m -> m.matches("service web: task [0-9a-f]{8} exited \\(code 1\\); backing off, next replacement in 16s"))
                .noneMatch(m -> m.contains("next replacement in 32s"));
    }

    @Test
    void aStableRunResetsTheBackoff() {
        run(Duration.ofSeconds(40), true);
        int before = crashed().size();
        run(Duration.ofSeconds(20), false); // the next task runs for longer than stableRun (10 s)
        List<Task> running = store.allTasks().stream().filter(Task::isActive).toList();
        assertThat(running).hasSize(1);

        engine.list(ContainerLabels.serviceFilter(SERVICE)).stream().filter(ContainerState::running)
                .forEach(c -> engine.kill(c.id(), 1)); // it crashes once after its stable run
        run(Duration.ofSeconds(1), false);

        assertThat(crashed()).hasSize(before + 1);
        // replaced at once, without waiting the 16 s the streak had reached
        assertThat(store.allTasks().stream().filter(Task::isActive).toList()).hasSize(1);
        assertThat(pauses().getLast()).isZero();
    }
}
