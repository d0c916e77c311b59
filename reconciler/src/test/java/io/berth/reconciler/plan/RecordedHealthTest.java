package io.berth.reconciler.plan;

import io.berth.reconciler.model.ContainerDefinition;
import io.berth.reconciler.model.HealthCheck;
import io.berth.reconciler.model.HealthStatus;
import io.berth.reconciler.model.ObservedContainer;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskContainer;
import io.berth.reconciler.model.TaskDefinition;
import io.berth.reconciler.model.TaskStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import static io.berth.reconciler.plan.Fixtures.T0;
import static io.berth.reconciler.plan.Fixtures.id;
import static io.berth.reconciler.plan.Fixtures.runningState;
import static io.berth.reconciler.plan.Fixtures.task;
import static io.berth.reconciler.plan.Fixtures.taskDef;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/** The health Berth records per container and per task: what the API and GET /v1/watch show. */
class RecordedHealthTest {

    private static final HealthCheck CHECK = new HealthCheck(List.of("CMD", "true"), Duration.ofSeconds(1),
            Duration.ofSeconds(1), 3, Duration.ZERO);
    private static final UUID T = id(9);

    private static ContainerDefinition def(String name, boolean essential, HealthCheck check) {
        return new ContainerDefinition(name, "nginx:1.27", null, null, null, null, null, null, essential, List.of(), check);
    }

    private static ObservedContainer running(String name, ObservedContainer.Health health) {
        ObservedContainer s = runningState(T, name, T0);
        return new ObservedContainer(s.id(), s.labels(), s.status(), true, null, false, health, null, List.of(), T0);
    }

    static Stream<Arguments> containers() {
        return Stream.of(
                argumentSet("essential with a check, healthy", def("app", true, CHECK), running("app", ObservedContainer.Health.HEALTHY), HealthStatus.HEALTHY),
                argumentSet("essential with a check, unhealthy", def("app", true, CHECK), running("app", ObservedContainer.Health.UNHEALTHY), HealthStatus.UNHEALTHY),
                argumentSet("essential with a check, no verdict yet", def("app", true, CHECK), running("app", ObservedContainer.Health.STARTING), HealthStatus.STARTING),
                argumentSet("a non-essential container's check does not count", def("side", false, CHECK), running("side", ObservedContainer.Health.UNHEALTHY), HealthStatus.UNKNOWN),
                argumentSet("no check", def("app", true, null), running("app", ObservedContainer.Health.NONE), HealthStatus.UNKNOWN),
                argumentSet("not reported", def("app", true, CHECK), null, HealthStatus.UNKNOWN));
    }

    @ParameterizedTest
    @MethodSource("containers")
    void aContainersHealthCountsWhereItsCheckGatesTheTask(ContainerDefinition def, ObservedContainer state, HealthStatus expected) {
        assertThat(RecordedHealth.of(def, state)).isEqualTo(expected);
    }

    static Stream<Arguments> tasks() {
        return Stream.of(
                argumentSet("healthy + not counted → HEALTHY", List.of(HealthStatus.HEALTHY, HealthStatus.UNKNOWN), HealthStatus.HEALTHY),
                argumentSet("healthy + starting → UNKNOWN", List.of(HealthStatus.HEALTHY, HealthStatus.STARTING), HealthStatus.UNKNOWN),
                argumentSet("unhealthy + starting → UNHEALTHY", List.of(HealthStatus.UNHEALTHY, HealthStatus.STARTING), HealthStatus.UNHEALTHY),
                argumentSet("nothing counts → UNKNOWN", List.of(HealthStatus.UNKNOWN, HealthStatus.UNKNOWN), HealthStatus.UNKNOWN));
    }

    @ParameterizedTest
    @MethodSource("tasks")
    void aTasksHealthIsEcssRule(List<HealthStatus> containers, HealthStatus expected) {
        List<TaskContainer> recorded = containers.stream()
                .map(h -> new TaskContainer("c", "d", TaskStatus.RUNNING, null, null, List.of(), h)).toList();
        assertThat(HealthStatus.ofTask(recorded)).isEqualTo(expected);
    }

    /** A health change of a running task is recorded by the pass (a change the watch stream shows). */
    @Test
    void theEvaluatorRecordsAHealthChange() {
        TaskDefinition td = new TaskDefinition("web", 1, new io.berth.reconciler.model.TaskDefinitionSpec(
                List.of(def("app", true, CHECK)), 256, 512));
        Task starting = task(T, td).running().build();
        Optional<TaskAction> action = TaskEvaluator.evaluate(starting, td.spec(),
                List.of(running("app", ObservedContainer.Health.HEALTHY)), T0.plusSeconds(5));
        assertThat(action).containsInstanceOf(TaskAction.RecordContainers.class);
        assertThat(((TaskAction.RecordContainers) action.orElseThrow()).containers())
                .extracting(TaskContainer::health).containsExactly(HealthStatus.HEALTHY);
    }
}
