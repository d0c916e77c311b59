package io.berth.reconciler.scenario;

import io.berth.docker.ContainerState;
import io.berth.docker.FakeDockerEngine;
import io.berth.reconciler.model.CircuitBreakerConfig;
import io.berth.reconciler.model.ContainerDefinition;
import io.berth.reconciler.model.ContainerInstance;
import io.berth.reconciler.model.ContainerLabels;
import io.berth.reconciler.model.Deployment;
import io.berth.reconciler.model.DeploymentConfig;
import io.berth.reconciler.model.HealthCheck;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tasks whose health check turns unhealthy, over the whole loop in virtual time: stopped and replaced as in ECS,
 * not before the service's healthCheckGracePeriod, and counted by the circuit breaker of their deployment.
 */
class UnhealthyTaskScenarioTest {

    private static final UUID INSTANCE = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID SERVICE = UUID.fromString("00000000-0000-0000-0000-000000000053");
    private static final HealthCheck CHECK = new HealthCheck(List.of("CMD", "true"), Duration.ofSeconds(1),
            Duration.ofSeconds(1), 3, Duration.ZERO);

    private final InMemoryStateStore store = new InMemoryStateStore();
    private final FakeDockerEngine engine = new FakeDockerEngine("host-a").withAutoHealthy(true);
    private LoopHarness harness;

    @BeforeEach
    void setUp() {
        store.putInstance(new ContainerInstance(INSTANCE, "default", "unix:///fake.sock", "E1", "host-a",
                ContainerInstance.InstanceStatus.ACTIVE, true, null, 4096, 8192, Map.of()));
        harness = new LoopHarness(store);
        harness.register(INSTANCE, engine);
    }

    private static TaskDefinition web(int revision, String marker) {
        return new TaskDefinition("web", revision, new TaskDefinitionSpec(List.of(new ContainerDefinition(
                "httpd", "busybox:1.36", List.of("httpd", "-f"), null, Map.of("REV", marker), 64, 64, null, true,
                List.of(), CHECK)), null, null));
    }

    private void create(int desired, TaskDefinition td, Duration grace) {
        store.putTaskDefinition(td);
        DeploymentConfig config = new DeploymentConfig(100, 200, Duration.ofSeconds(1),
                new CircuitBreakerConfig(true, true, 3), Duration.ofMinutes(10));
        store.putService(new ServiceState(SERVICE, "default", "web", td, desired, false, grace, config));
        store.startDeployment(SERVICE, td.arn(), Deployment.Trigger.CREATED, harness.clock.instant());
        harness.enqueueService(SERVICE);
        harness.runFor(LoopHarness.RESYNC.plusSeconds(1), Duration.ofMillis(500));
    }

    private List<ContainerState> running() {
        return engine.list(ContainerLabels.serviceFilter(SERVICE)).stream().filter(ContainerState::running).toList();
    }

    private List<Task> stoppedUnhealthy() {
        return store.allTasks().stream().filter(Task::isStopped)
                .filter(t -> t.stopCode() == StopCode.TaskFailedHealthChecks).toList();
    }

    private Deployment deployment(String arn, Deployment.Trigger trigger) {
        return store.deployments(SERVICE).stream().filter(d -> d.taskDefinitionArn().equals(arn) && d.trigger() == trigger)
                .findFirst().orElseThrow();
    }

    @Test
    void anUnhealthyTaskIsStoppedWithEcssReasonAndReplaced() {
        create(2, web(1, "a"), Duration.ZERO);
        List<ContainerState> before = running();
        assertThat(before).hasSize(2);
        ContainerState sick = before.getFirst();
        String sickTask = sick.labels().get(ContainerLabels.TASK_ID);

        engine.setHealth(sick.id(), ContainerState.Health.UNHEALTHY);
        harness.runFor(Duration.ofSeconds(3), Duration.ofMillis(500));

        assertThat(stoppedUnhealthy()).singleElement().satisfies(t -> {
            assertThat(t.id().toString()).isEqualTo(sickTask);
            assertThat(t.stoppedReason()).isEqualTo("Task failed container health checks");
        });
        assertThat(engine.inspect(sick.id()).map(ContainerState::running)).contains(false);
        assertThat(running()).hasSize(2).noneMatch(c -> c.id().equals(sick.id()));
        assertThat(store.events(SERVICE)).extracting(ServiceEvent::message).contains(
                "service web: task %s failed container health checks (httpd unhealthy); stopping it to replace it"
                        .formatted(sickTask.substring(0, 8)));
    }

    @Test
    void anUnhealthyReportWithinTheGracePeriodIsIgnoredUntilTheGraceEnds() {
        create(1, web(1, "a"), Duration.ofSeconds(30));
        ContainerState young = running().getFirst();
        Instant started = store.allTasks().getFirst().startedAt();

        engine.setHealth(young.id(), ContainerState.Health.UNHEALTHY);
        harness.runFor(Duration.between(harness.clock.instant(), started.plusSeconds(29)), Duration.ofSeconds(1));
        assertThat(stoppedUnhealthy()).isEmpty();
        assertThat(running()).extracting(ContainerState::id).containsExactly(young.id());

        // No event comes when the grace ends: the pass that looks again then is the one the planner asked for.
        harness.runFor(Duration.ofSeconds(2), Duration.ofSeconds(5));
        assertThat(stoppedUnhealthy()).hasSize(1);
        assertThat(stoppedUnhealthy().getFirst().stoppedAt()).isBefore(started.plusSeconds(31));
    }

    @Test
    void aRevisionWhoseTasksTurnUnhealthyTripsTheBreakerAndRollsBack() {
        create(2, web(1, "a"), Duration.ZERO);
        assertThat(deployment("web:1", Deployment.Trigger.CREATED).rolloutState()).isEqualTo(Deployment.RolloutState.COMPLETED);

        engine.withAutoHealthy(false); // web:2 never passes its check: starting, then unhealthy
        TaskDefinition v2 = web(2, "b");
        store.putTaskDefinition(v2);
        store.startDeployment(SERVICE, v2.arn(), Deployment.Trigger.UPDATED, harness.clock.instant());
        harness.enqueueService(SERVICE);
        for (int i = 0; i < 60; i++) { // every web:2 container turns unhealthy a moment after it starts, web:1 ones pass
            harness.runFor(Duration.ofMillis(500), Duration.ofMillis(500));
            for (ContainerState c : running()) {
                boolean v2Task = "web:2".equals(c.labels().get(ContainerLabels.TASK_DEFINITION));
                engine.setHealth(c.id(), v2Task ? ContainerState.Health.UNHEALTHY : ContainerState.Health.HEALTHY);
            }
        }

        Deployment failed = deployment("web:2", Deployment.Trigger.UPDATED);
        assertThat(failed.rolloutState()).isEqualTo(Deployment.RolloutState.ROLLED_BACK);
        assertThat(failed.reason()).containsPattern("circuit breaker tripped after [34] failed tasks of web:2 \\(threshold 3\\)")
                .contains("rolled back to web:1");
        assertThat(stoppedUnhealthy()).hasSizeGreaterThanOrEqualTo(3).allMatch(t -> t.revision() == 2);
        assertThat(running()).hasSize(2).allMatch(c -> "web:1".equals(c.labels().get(ContainerLabels.TASK_DEFINITION)));
    }
}
