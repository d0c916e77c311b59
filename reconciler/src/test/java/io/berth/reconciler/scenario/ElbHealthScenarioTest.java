package io.berth.reconciler.scenario;

import io.berth.docker.ContainerState;
import io.berth.docker.FakeDockerEngine;
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
import io.berth.reconciler.plan.LoadBalancerFacts;
import io.berth.reconciler.testing.InMemoryStateStore;
import io.berth.reconciler.testing.LoopHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tasks behind a load balancer over the whole loop in virtual time: one the balancer reports unhealthy is stopped
 * with {@code TaskFailedElbHealthChecks} and replaced after its grace period; a revision whose tasks the balancer
 * never finds healthy trips the circuit breaker; a balancer that says nothing stops nothing.
 */
class ElbHealthScenarioTest {

    private static final UUID INSTANCE = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID SERVICE = UUID.fromString("00000000-0000-0000-0000-000000000054");
    private static final String GROUP = "web-tg";

    private final InMemoryStateStore store = new InMemoryStateStore();
    private final FakeDockerEngine engine = new FakeDockerEngine("host-a");
    private LoopHarness harness;
    /** What the balancer says of each task, decided by the test from the task; absent = no report. */
    private volatile Function<Task, String> balancer = t -> null;

    @BeforeEach
    void setUp() {
        store.putInstance(new ContainerInstance(INSTANCE, "default", "unix:///fake.sock", "E1", "host-a",
                ContainerInstance.InstanceStatus.ACTIVE, true, null, 4096, 8192, Map.of()));
        harness = new LoopHarness(store);
        harness.register(INSTANCE, engine);
        harness.loadBalancerHealth = (service, tasks) -> {
            Map<UUID, Map<String, String>> states = new HashMap<>();
            for (Task t : tasks) {
                String state = balancer.apply(t);
                if (state != null) {
                    states.put(t.id(), Map.of(GROUP, state));
                }
            }
            return new LoadBalancerFacts(List.of(GROUP), states);
        };
    }

    private static TaskDefinition web(int revision) {
        return new TaskDefinition("web", revision, new TaskDefinitionSpec(List.of(new ContainerDefinition(
                "httpd", "busybox:1.36", List.of("httpd", "-f"), null, Map.of("REV", "r" + revision), 64, 64, null,
                true, List.of(), null)), null, null));
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

    private List<Task> stoppedForElb() {
        return store.allTasks().stream().filter(Task::isStopped)
                .filter(t -> t.stopCode() == StopCode.TaskFailedElbHealthChecks).toList();
    }

    private Deployment deployment(String arn, Deployment.Trigger trigger) {
        return store.deployments(SERVICE).stream().filter(d -> d.taskDefinitionArn().equals(arn) && d.trigger() == trigger)
                .findFirst().orElseThrow();
    }

    @Test
    void aTaskTheBalancerFindsUnhealthyIsStoppedAfterItsGraceAndReplaced() {
        balancer = t -> "healthy";
        create(2, web(1), Duration.ofSeconds(30));
        assertThat(deployment("web:1", Deployment.Trigger.CREATED).rolloutState()).isEqualTo(Deployment.RolloutState.COMPLETED);
        Task sick = store.allTasks().getFirst();
        Instant graceEnds = sick.startedAt().plusSeconds(30);
        // still in grace when the balancer turns
        harness.runFor(Duration.between(harness.clock.instant(), graceEnds.minusSeconds(10)), Duration.ofSeconds(1));

        balancer = t -> t.id().equals(sick.id()) ? "unhealthy" : "healthy";
        harness.enqueueService(SERVICE); // what the board does when a target changes state
        harness.runFor(Duration.ofSeconds(9), Duration.ofSeconds(1));
        assertThat(stoppedForElb()).isEmpty();

        harness.runFor(Duration.ofSeconds(2), Duration.ofSeconds(5)); // the pass the planner asked for at the grace's end
        assertThat(stoppedForElb()).singleElement().satisfies(t -> {
            assertThat(t.id()).isEqualTo(sick.id());
            assertThat(t.stoppedReason()).isEqualTo("Task failed ELB health checks in (target-group web-tg)");
        });
        harness.runFor(Duration.ofSeconds(3), Duration.ofMillis(500));
        assertThat(running()).hasSize(2).noneMatch(c -> sick.id().toString().equals(c.labels().get(ContainerLabels.TASK_ID)));
        assertThat(store.events(SERVICE)).extracting(ServiceEvent::message).contains(
                "service web: task %s failed ELB health checks in target group web-tg; stopping it to replace it"
                        .formatted(sick.id().toString().substring(0, 8)));
    }

    @Test
    void aBalancerThatSaysNothingOrIsStillCheckingStopsNothingButHoldsTheRolloutBack() {
        balancer = t -> t.revision() == 1 ? "healthy" : null;
        create(1, web(1), Duration.ZERO);
        TaskDefinition v2 = web(2);
        store.putTaskDefinition(v2);
        store.startDeployment(SERVICE, v2.arn(), Deployment.Trigger.UPDATED, harness.clock.instant());
        harness.enqueueService(SERVICE);
        harness.runFor(Duration.ofSeconds(20), Duration.ofMillis(500));
        balancer = t -> t.revision() == 1 ? "healthy" : "initial";
        harness.runFor(LoopHarness.RESYNC.plusSeconds(1), Duration.ofMillis(500));

        assertThat(stoppedForElb()).isEmpty();
        assertThat(running()).hasSize(2); // the old task waits for the new one
        assertThat(deployment("web:2", Deployment.Trigger.UPDATED).rolloutState()).isEqualTo(Deployment.RolloutState.IN_PROGRESS);

        balancer = t -> "healthy";
        harness.enqueueService(SERVICE);
        harness.runFor(Duration.ofSeconds(5), Duration.ofMillis(500));
        assertThat(running()).singleElement().satisfies(c -> assertThat(c.labels().get(ContainerLabels.TASK_DEFINITION)).isEqualTo("web:2"));
        assertThat(deployment("web:2", Deployment.Trigger.UPDATED).rolloutState()).isEqualTo(Deployment.RolloutState.COMPLETED);
    }

    @Test
    void aRevisionTheBalancerFindsUnhealthyTripsTheBreakerAndRollsBack() {
        balancer = t -> "healthy";
        create(2, web(1), Duration.ZERO);
        balancer = t -> t.revision() == 2 ? "unhealthy" : "healthy";
        TaskDefinition v2 = web(2);
        store.putTaskDefinition(v2);
        store.startDeployment(SERVICE, v2.arn(), Deployment.Trigger.UPDATED, harness.clock.instant());
        harness.enqueueService(SERVICE);
        for (int i = 0; i < 60; i++) {
            harness.runFor(Duration.ofMillis(500), Duration.ofMillis(500));
            harness.enqueueService(SERVICE);
        }

        Deployment failed = deployment("web:2", Deployment.Trigger.UPDATED);
        assertThat(failed.rolloutState()).isEqualTo(Deployment.RolloutState.ROLLED_BACK);
        assertThat(failed.reason()).containsPattern("circuit breaker tripped after [34] failed tasks of web:2 \\(threshold 3\\)");
        assertThat(stoppedForElb()).hasSizeGreaterThanOrEqualTo(3).allMatch(t -> t.revision() == 2);
        assertThat(running()).hasSize(2).allMatch(c -> "web:1".equals(c.labels().get(ContainerLabels.TASK_DEFINITION)));
    }
}
