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
import io.berth.reconciler.model.TaskDefinition;
import io.berth.reconciler.model.TaskDefinitionSpec;
import io.berth.reconciler.testing.InMemoryStateStore;
import io.berth.reconciler.testing.LoopHarness;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random sequences of health changes during a rollout, over the whole loop and FakeDockerEngine in virtual time.
 * Whatever the containers' health checks report, and whatever the deployment bounds, Berth itself never takes the
 * service below minimumHealthyPercent of healthy tasks (it may stop a healthy task only while enough others stay
 * healthy) and never runs more than maximumPercent of desired tasks. Zero violations.
 */
class RolloutHealthPropertyTest {

    private static final UUID INSTANCE = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID SERVICE = UUID.fromString("00000000-0000-0000-0000-000000000054");
    private static final HealthCheck CHECK = new HealthCheck(List.of("CMD", "true"), Duration.ofSeconds(1),
            Duration.ofSeconds(1), 3, Duration.ZERO);
    private static final Duration STEP = Duration.ofMillis(250);

    /** One step of the environment: these containers (by index among the running ones) report this health. */
    record Change(int container, ContainerState.Health health) {
    }

    record Scenario(int desired, int minimumHealthyPercent, int maximumPercent, Duration grace, List<List<Change>> steps) {
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<Change> change = Combinators.combine(Arbitraries.integers().between(0, 20),
                Arbitraries.of(ContainerState.Health.HEALTHY, ContainerState.Health.HEALTHY, ContainerState.Health.UNHEALTHY))
                .as(Change::new);
        return Combinators.combine(
                Arbitraries.integers().between(1, 6),
                Arbitraries.of(0, 50, 75, 100),
                Arbitraries.of(100, 150, 200),
                Arbitraries.of(Duration.ZERO, Duration.ofSeconds(2)),
                change.list().ofMaxSize(3).list().ofMinSize(10).ofMaxSize(80))
                .as(Scenario::new);
    }

    private static TaskDefinition web(int revision) {
        return new TaskDefinition("web", revision, new TaskDefinitionSpec(List.of(new ContainerDefinition(
                "httpd", "busybox:1.36", List.of("httpd", "-f"), null, Map.of("REV", "r" + revision), 64, 64, null, true,
                List.of(), CHECK)), null, null));
    }

    @Property(tries = 150)
    void berthNeverTakesTheServiceBelowMinimumHealthyNorAboveMaximumPercent(@ForAll("scenarios") Scenario sc) {
        InMemoryStateStore store = new InMemoryStateStore();
        FakeDockerEngine engine = new FakeDockerEngine("host-a").withAutoHealthy(true);
        store.putInstance(new ContainerInstance(INSTANCE, "default", "unix:///fake.sock", "E1", "host-a",
                ContainerInstance.InstanceStatus.ACTIVE, true, null, 64 * 1024, 64 * 1024, Map.of()));
        LoopHarness harness = new LoopHarness(store);
        harness.register(INSTANCE, engine);
        TaskDefinition v1 = web(1);
        store.putTaskDefinition(v1);
        DeploymentConfig config = new DeploymentConfig(sc.minimumHealthyPercent(), sc.maximumPercent(), Duration.ofSeconds(1),
                new CircuitBreakerConfig(true, true, null), Duration.ofMinutes(1));
        store.putService(new ServiceState(SERVICE, "default", "web", v1, sc.desired(), false, sc.grace(), config));
        store.startDeployment(SERVICE, v1.arn(), Deployment.Trigger.CREATED, harness.clock.instant());
        harness.enqueueService(SERVICE);
        harness.runFor(LoopHarness.RESYNC.plusSeconds(1), STEP);

        // the rollout: new containers start "starting" and the random steps decide what their checks say
        engine.withAutoHealthy(false);
        TaskDefinition v2 = web(2);
        store.putTaskDefinition(v2);
        store.startDeployment(SERVICE, v2.arn(), Deployment.Trigger.UPDATED, harness.clock.instant());
        harness.enqueueService(SERVICE);

        int ceiling = Math.max(sc.desired(), sc.desired() * sc.maximumPercent() / 100);
        int floor = Math.ceilDiv(sc.desired() * sc.minimumHealthyPercent(), 100);
        List<String> violations = new ArrayList<>();
        int healthyStops = 0;
        for (int i = 0; i < sc.steps().size(); i++) {
            List<ContainerState> running = running(engine);
            for (Change c : sc.steps().get(i)) {
                if (!running.isEmpty()) {
                    engine.setHealth(running.get(c.container() % running.size()).id(), c.health());
                }
            }
            int runningBefore = running(engine).size();
            Set<String> healthyBefore = healthyIds(engine);

            harness.runFor(STEP, STEP);

            Set<String> healthyAfter = healthyIds(engine);
            Set<String> stoppedHealthy = healthyBefore.stream().filter(id -> !running(engine).stream()
                    .map(ContainerState::id).toList().contains(id)).collect(Collectors.toSet());
            healthyStops += stoppedHealthy.size();
            if (!stoppedHealthy.isEmpty() && healthyAfter.size() < Math.min(healthyBefore.size(), floor)) {
                violations.add("step %d: stopped %d healthy tasks leaving %d healthy < minimum %d (had %d)"
                        .formatted(i, stoppedHealthy.size(), healthyAfter.size(), floor, healthyBefore.size()));
            }
            int runningAfter = running(engine).size();
            if (runningAfter > Math.max(ceiling, runningBefore)) {
                violations.add("step %d: %d running > maximum %d (had %d)".formatted(i, runningAfter, ceiling, runningBefore));
            }
        }

        Statistics.label("healthy tasks stopped by Berth").collect(healthyStops > 0);
        Statistics.label("rollout").collect(store.deployments(SERVICE).stream()
                .filter(d -> d.taskDefinitionArn().equals("web:2")).findFirst().map(d -> d.rolloutState().name()).orElse("?"));
        assertThat(violations).as(sc.toString()).isEmpty();
    }

    private static List<ContainerState> running(FakeDockerEngine engine) {
        return engine.list(ContainerLabels.serviceFilter(SERVICE)).stream().filter(ContainerState::running)
                .sorted(Comparator.comparing(ContainerState::id)).toList();
    }

    private static Set<String> healthyIds(FakeDockerEngine engine) {
        return running(engine).stream().filter(c -> c.health() == ContainerState.Health.HEALTHY)
                .map(ContainerState::id).collect(Collectors.toSet());
    }
}
