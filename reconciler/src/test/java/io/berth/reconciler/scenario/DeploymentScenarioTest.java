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
import io.berth.reconciler.model.ServiceState;
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
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Deployments over the whole loop in virtual time: complete, trip the breaker and roll back, miss the deadline, restart. */
class DeploymentScenarioTest {

    private static final UUID INSTANCE = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID SERVICE = UUID.fromString("00000000-0000-0000-0000-000000000051");

    private final InMemoryStateStore store = new InMemoryStateStore();
    private final FakeDockerEngine engine = new FakeDockerEngine("host-a");
    private LoopHarness harness;

    @BeforeEach
    void setUp() {
        store.putInstance(new ContainerInstance(INSTANCE, "default", "unix:///fake.sock", "E1", "host-a",
                ContainerInstance.InstanceStatus.ACTIVE, true, null, 4096, 8192, Map.of()));
        harness = new LoopHarness(store);
        harness.register(INSTANCE, engine);
    }

    private static TaskDefinition web(int revision, String image, HealthCheck check) {
        return new TaskDefinition("web", revision, new TaskDefinitionSpec(List.of(new ContainerDefinition(
                "httpd", image, List.of("httpd", "-f"), null, Map.of(), 64, 64, null, true, List.of(), check)), null, null));
    }

    private void create(int desired, TaskDefinition td, DeploymentConfig config) {
        store.putService(new ServiceState(SERVICE, "default", "web", td, desired, false, Duration.ZERO, config));
        store.startDeployment(SERVICE, td.arn(), Deployment.Trigger.CREATED, harness.clock.instant());
        harness.enqueueService(SERVICE);
    }

    private void update(TaskDefinition td) {
        store.putTaskDefinition(td);
        store.startDeployment(SERVICE, td.arn(), Deployment.Trigger.UPDATED, harness.clock.instant());
        harness.enqueueService(SERVICE);
    }

    private Deployment deployment(String arn, Deployment.Trigger trigger) {
        return store.deployments(SERVICE).stream().filter(d -> d.taskDefinitionArn().equals(arn) && d.trigger() == trigger)
                .findFirst().orElseThrow();
    }

    private List<ContainerState> running() {
        return engine.list(ContainerLabels.serviceFilter(SERVICE)).stream().filter(ContainerState::running).toList();
    }

    private Set<String> runningRevisions() {
        return running().stream().map(c -> c.labels().get(ContainerLabels.TASK_DEFINITION)).collect(Collectors.toSet());
    }

    @Test
    void aGoodRolloutCompletesAndRetiresTheOldDeployment() {
        create(2, web(1, "busybox:1.36", null), DeploymentConfig.defaults());
        harness.runFor(Duration.ofSeconds(10), Duration.ofSeconds(1));
        assertThat(deployment("web:1", Deployment.Trigger.CREATED).rolloutState()).isEqualTo(Deployment.RolloutState.COMPLETED);

        update(web(2, "busybox:1.36", null));
        harness.runFor(Duration.ofSeconds(10), Duration.ofMillis(500));

        assertThat(deployment("web:2", Deployment.Trigger.UPDATED).rolloutState()).isEqualTo(Deployment.RolloutState.COMPLETED);
        assertThat(deployment("web:1", Deployment.Trigger.CREATED).status()).isEqualTo(Deployment.Status.INACTIVE);
        assertThat(runningRevisions()).containsExactly("web:2");
        assertThat(store.events(SERVICE)).anyMatch(e -> e.message().contains("completed: 2 of 2 tasks of web:2 are healthy"));
    }

    /**
     * The engine reports the new task healthy before Berth has recorded it RUNNING (its launch records the start
     * late): the pass that sees the healthy container completes the deployment. Before, the task counted only from
     * its record, no event followed, and the rollout waited for the resync, 10 s later. No time passes here.
     */
    @Test
    void aHealthEventBeforeTheRunningRecordStillCompletesTheRolloutWithoutAResync() {
        HealthCheck check = new HealthCheck(List.of("CMD", "true"), Duration.ofSeconds(1), Duration.ofSeconds(1), 3, Duration.ZERO);
        engine.withAutoHealthy(true); // healthy at its start: the health_status event comes with the start
        store.holdMarkRunning(1);     // the launch's RUNNING record comes after the passes that follow

        create(1, web(1, "busybox:1.36", check), DeploymentConfig.defaults());
        harness.runUntilIdle();

        assertThat(deployment("web:1", Deployment.Trigger.CREATED).rolloutState()).isEqualTo(Deployment.RolloutState.COMPLETED);
        assertThat(store.tasksOfService(SERVICE, 0)).singleElement()
                .satisfies(t -> assertThat(t.lastStatus()).isEqualTo(io.berth.reconciler.model.TaskStatus.RUNNING));
        store.releaseHeld(); // the late record changes nothing
        harness.runUntilIdle();
        assertThat(deployment("web:1", Deployment.Trigger.CREATED).rolloutState()).isEqualTo(Deployment.RolloutState.COMPLETED);
    }

    @Test
    void aRevisionThatCannotStartTripsTheBreakerAndRollsBackWhileTheOldTasksKeepRunning() {
        create(2, web(1, "busybox:1.36", null), DeploymentConfig.defaults());
        harness.runFor(Duration.ofSeconds(10), Duration.ofSeconds(1));
        engine.setImageAvailable("broken:1", false);
        engine.setRegistryReachable(false);

        update(web(2, "broken:1", null));
        harness.runFor(Duration.ofMinutes(2), Duration.ofMillis(500));

        Deployment failed = deployment("web:2", Deployment.Trigger.UPDATED);
        assertThat(failed.rolloutState()).isEqualTo(Deployment.RolloutState.ROLLED_BACK);
        // Two tasks start per pass, so the count that trips the threshold of 3 may be 3 or 4.
        assertThat(failed.reason()).containsPattern("circuit breaker tripped after [34] failed tasks of web:2 \\(threshold 3\\)")
                .contains("rolled back to web:1");
        assertThat(deployment("web:1", Deployment.Trigger.ROLLBACK).rolloutState()).isEqualTo(Deployment.RolloutState.COMPLETED);
        assertThat(store.service(SERVICE).orElseThrow().taskDefinition().arn()).isEqualTo("web:1");
        assertThat(running()).hasSize(2);
        assertThat(runningRevisions()).containsExactly("web:1");
    }

    @Test
    void aRevisionWhoseHealthCheckNeverPassesFailsAtTheProgressDeadline() {
        HealthCheck check = new HealthCheck(List.of("CMD", "true"), Duration.ofSeconds(1), Duration.ofSeconds(1), 3, Duration.ZERO);
        DeploymentConfig config = new DeploymentConfig(100, 200, Duration.ofSeconds(1),
                new CircuitBreakerConfig(true, true, null), Duration.ofSeconds(30));
        create(2, web(1, "busybox:1.36", null), config);
        harness.runFor(Duration.ofSeconds(10), Duration.ofSeconds(1));

        update(web(2, "busybox:1.36", check)); // the fake leaves health checks STARTING: never healthy
        harness.runFor(Duration.ofSeconds(20), Duration.ofSeconds(1));
        assertThat(deployment("web:2", Deployment.Trigger.UPDATED).rolloutState()).isEqualTo(Deployment.RolloutState.IN_PROGRESS);
        assertThat(running()).hasSize(4); // 100/200: the old two keep running beside the unhealthy new two

        harness.runFor(Duration.ofSeconds(15), Duration.ofSeconds(1));

        Deployment failed = deployment("web:2", Deployment.Trigger.UPDATED);
        assertThat(failed.rolloutState()).isEqualTo(Deployment.RolloutState.ROLLED_BACK);
        assertThat(failed.reason()).contains("no progress for 30s (progressDeadline)");
        harness.runFor(Duration.ofSeconds(10), Duration.ofSeconds(1));
        assertThat(runningRevisions()).containsExactly("web:1");
        assertThat(running()).hasSize(2);
    }

    @Test
    void aRestartReplacesEveryTaskOfTheSameRevision() {
        create(2, web(1, "busybox:1.36", null), DeploymentConfig.defaults());
        harness.runFor(Duration.ofSeconds(10), Duration.ofSeconds(1));
        Set<String> before = running().stream().map(ContainerState::id).collect(Collectors.toSet());

        store.startDeployment(SERVICE, "web:1", Deployment.Trigger.RESTART, harness.clock.instant());
        harness.enqueueService(SERVICE);
        harness.runFor(Duration.ofSeconds(10), Duration.ofMillis(500));

        assertThat(deployment("web:1", Deployment.Trigger.RESTART).rolloutState()).isEqualTo(Deployment.RolloutState.COMPLETED);
        assertThat(running()).hasSize(2).noneMatch(c -> before.contains(c.id()));
        List<Task> active = store.allTasks().stream().filter(Task::isActive).toList();
        assertThat(active).hasSize(2).allMatch(t -> t.deploymentId().equals(deployment("web:1", Deployment.Trigger.RESTART).id()));
    }
}
