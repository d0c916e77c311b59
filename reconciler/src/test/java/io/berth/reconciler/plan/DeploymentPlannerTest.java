package io.berth.reconciler.plan;

import io.berth.reconciler.model.CircuitBreakerConfig;
import io.berth.reconciler.model.ContainerDefinition;
import io.berth.reconciler.model.Deployment;
import io.berth.reconciler.model.DeploymentConfig;
import io.berth.reconciler.model.ServiceState;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskDefinition;
import io.berth.reconciler.model.TaskDefinitionSpec;
import io.berth.reconciler.model.TaskStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class DeploymentPlannerTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant NOW = T0.plusSeconds(60);
    private static final UUID OLD = UUID.fromString("00000000-0000-0000-0000-0000000000d1");
    private static final UUID NEW = UUID.fromString("00000000-0000-0000-0000-0000000000d2");
    private static final TaskDefinition V2 = new TaskDefinition("web", 2, new TaskDefinitionSpec(List.of(new ContainerDefinition(
            "app", "img", List.of(), null, Map.of(), 10, 10, null, true, List.of(), null)), null, null));

    private static Deployment deployment(UUID id, String arn, Deployment.Status status, Deployment.RolloutState state, int failed) {
        return new Deployment(id, arn, status, state, null, Deployment.Trigger.UPDATED, 2, failed, T0, null);
    }

    private static ServiceState service(int desired, CircuitBreakerConfig breaker, Duration deadline, Deployment... deployments) {
        DeploymentConfig config = new DeploymentConfig(100, 200, Duration.ofSeconds(3), breaker, deadline);
        return new ServiceState(UUID.randomUUID(), "default", "web", V2, desired, false, Duration.ZERO, config, List.of(deployments));
    }

    private static Task running(UUID deployment, int n, String arn) {
        String[] parts = arn.split(":");
        return new Task(UUID.nameUUIDFromBytes((deployment + "-" + n).getBytes()), "default", UUID.randomUUID(), "web",
                parts[0], Integer.parseInt(parts[1]), UUID.randomUUID(), TaskStatus.RUNNING, TaskStatus.RUNNING, null, null,
                10, 10, List.of(), T0, T0.plusSeconds(5), null, deployment);
    }

    private static Set<UUID> ids(List<Task> tasks) {
        return tasks.stream().map(Task::id).collect(Collectors.toSet());
    }

    @ParameterizedTest(name = "desired {0}, threshold {1} → {2}")
    @CsvSource({"10,,5", "2,,3", "1,,3", "1000,,200", "401,,200", "7,,4", "10,1,1"})
    void breakerThresholdIsHalfTheDesiredCountClampedTo3And200(int desired, Integer threshold, int expected) {
        assertThat(new CircuitBreakerConfig(true, true, threshold).effectiveThreshold(desired)).isEqualTo(expected);
    }

    @Test
    void completesWhenEveryDesiredTaskOfThePrimaryIsHealthyAndNothingOlderRuns() {
        List<Task> active = List.of(running(NEW, 1, "web:2"), running(NEW, 2, "web:2"));
        ServiceState s = service(2, CircuitBreakerConfig.defaults(), Duration.ofMinutes(10),
                deployment(NEW, "web:2", Deployment.Status.PRIMARY, Deployment.RolloutState.IN_PROGRESS, 0),
                deployment(OLD, "web:1", Deployment.Status.ACTIVE, Deployment.RolloutState.COMPLETED, 0));

        assertThat(DeploymentPlanner.decide(s, active, ids(active), NOW)).containsExactly(
                new DeploymentDecision.Complete(NEW, "2 of 2 tasks of web:2 are healthy"),
                new DeploymentDecision.Deactivate(OLD));
    }

    @Test
    void doesNotCompleteWhileOlderTasksRunOrNewOnesAreNotHealthy() {
        List<Task> active = new ArrayList<>(List.of(running(NEW, 1, "web:2"), running(NEW, 2, "web:2"), running(OLD, 1, "web:1")));
        ServiceState s = service(2, CircuitBreakerConfig.defaults(), Duration.ofMinutes(10),
                deployment(NEW, "web:2", Deployment.Status.PRIMARY, Deployment.RolloutState.IN_PROGRESS, 0),
                deployment(OLD, "web:1", Deployment.Status.ACTIVE, Deployment.RolloutState.COMPLETED, 0));

        assertThat(DeploymentPlanner.decide(s, active, ids(active), NOW)).isEmpty();
        active.removeLast();
        assertThat(DeploymentPlanner.decide(s, active, Set.of(active.getFirst().id()), NOW))
                .containsExactly(new DeploymentDecision.Deactivate(OLD));
    }

    @Test
    void trippedBreakerRollsBackToTheNewestCompletedDeployment() {
        ServiceState s = service(2, CircuitBreakerConfig.defaults(), Duration.ofMinutes(10),
                deployment(NEW, "web:2", Deployment.Status.PRIMARY, Deployment.RolloutState.IN_PROGRESS, 3),
                deployment(OLD, "web:1", Deployment.Status.ACTIVE, Deployment.RolloutState.COMPLETED, 0));
        List<Task> active = List.of(running(OLD, 1, "web:1"));

        assertThat(DeploymentPlanner.decide(s, active, ids(active), NOW)).containsExactly(new DeploymentDecision.RollBack(NEW,
                "circuit breaker tripped after 3 failed tasks of web:2 (threshold 3); rolled back to web:1", "web:1"));
    }

    @Test
    void withoutRollbackOrWithoutACompletedDeploymentTheRolloutFails() {
        Deployment primary = deployment(NEW, "web:2", Deployment.Status.PRIMARY, Deployment.RolloutState.IN_PROGRESS, 5);
        Deployment completed = deployment(OLD, "web:1", Deployment.Status.INACTIVE, Deployment.RolloutState.COMPLETED, 0);

        assertThat(DeploymentPlanner.decide(service(2, new CircuitBreakerConfig(true, false, null), Duration.ofMinutes(10),
                primary, completed), List.of(), Set.of(), NOW))
                .containsExactly(new DeploymentDecision.Fail(NEW, "circuit breaker tripped after 5 failed tasks of web:2 (threshold 3)"));
        assertThat(DeploymentPlanner.decide(service(2, CircuitBreakerConfig.defaults(), Duration.ofMinutes(10), primary),
                List.of(), Set.of(), NOW)).containsExactly(new DeploymentDecision.Fail(NEW,
                "circuit breaker tripped after 5 failed tasks of web:2 (threshold 3); no completed deployment to roll back to"));
    }

    @Test
    void aDisabledBreakerNeverTrips() {
        ServiceState s = service(2, new CircuitBreakerConfig(false, true, null), Duration.ofMinutes(10),
                deployment(NEW, "web:2", Deployment.Status.PRIMARY, Deployment.RolloutState.IN_PROGRESS, 50));

        assertThat(DeploymentPlanner.decide(s, List.of(), Set.of(), NOW)).isEmpty();
    }

    @Test
    void progressDeadlineCountsFromTheLastTaskThatBecameHealthy() {
        Task healthy = running(NEW, 1, "web:2"); // started T0+5s
        ServiceState s = service(2, CircuitBreakerConfig.defaults(), Duration.ofSeconds(30),
                deployment(NEW, "web:2", Deployment.Status.PRIMARY, Deployment.RolloutState.IN_PROGRESS, 0));

        assertThat(DeploymentPlanner.decide(s, List.of(healthy), Set.of(healthy.id()), T0.plusSeconds(34))).isEmpty();
        assertThat(DeploymentPlanner.decide(s, List.of(healthy), Set.of(healthy.id()), T0.plusSeconds(35)))
                .containsExactly(new DeploymentDecision.Fail(NEW, "no progress for 30s (progressDeadline); no completed deployment to roll back to"));
        assertThat(DeploymentPlanner.decide(s, List.of(healthy), Set.of(), T0.plusSeconds(30)))
                .hasSize(1).first().isInstanceOf(DeploymentDecision.Fail.class);
    }

    @Test
    void finishedDeploymentsAreLeftAlone() {
        ServiceState s = service(2, CircuitBreakerConfig.defaults(), Duration.ofSeconds(1),
                deployment(NEW, "web:2", Deployment.Status.PRIMARY, Deployment.RolloutState.COMPLETED, 99));

        assertThat(DeploymentPlanner.decide(s, List.of(), Set.of(), NOW)).isEmpty();
    }
}
