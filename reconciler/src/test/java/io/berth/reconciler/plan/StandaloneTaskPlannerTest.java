package io.berth.reconciler.plan;

import io.berth.reconciler.model.ContainerDefinition;
import io.berth.reconciler.model.ContainerLabels;
import io.berth.reconciler.model.ObservedContainer;
import io.berth.reconciler.model.StopCode;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskContainer;
import io.berth.reconciler.model.TaskDefinitionSpec;
import io.berth.reconciler.model.TaskStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What a one-off task's pass decides, per observed state: a table. */
class StandaloneTaskPlannerTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final UUID ID = UUID.fromString("00000000-0000-0000-0000-0000000000t1".replace("t", "7"));
    private static final UUID INSTANCE = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final TaskDefinitionSpec SPEC = new TaskDefinitionSpec(List.of(
            new ContainerDefinition("main", "busybox:1.36", List.of("true"), null, Map.of(), null, 64, null, true, List.of(), null),
            new ContainerDefinition("side", "busybox:1.36", List.of("sleep", "9"), null, Map.of(), null, 64, null, false, List.of(), null)),
            null, null);

    private static Task task(TaskStatus desired, TaskStatus last) {
        return new Task(ID, "default", null, null, "job", 1, INSTANCE, desired, last,
                desired == TaskStatus.STOPPED ? StopCode.UserInitiated : null, desired == TaskStatus.STOPPED ? "by hand" : null,
                0, 128, List.of(TaskContainer.pending("main"), TaskContainer.pending("side")), NOW, null,
                last == TaskStatus.STOPPED ? NOW : null);
    }

    private static ObservedContainer c(String name, String status, Integer exit) {
        return new ObservedContainer(name + "-id",
                Map.of(ContainerLabels.TASK_ID, ID.toString(), ContainerLabels.CONTAINER, name), status,
                "running".equals(status), exit, false, null, null, List.of(), NOW.minusSeconds(5));
    }

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("new task, nothing on the host: launch", task(TaskStatus.RUNNING, TaskStatus.PROVISIONING),
                        List.of(), false, TaskAction.Relaunch.class, null),
                Arguments.of("launch interrupted after the first container: launch the rest (adopting the first)",
                        task(TaskStatus.RUNNING, TaskStatus.PENDING), List.of(c("main", "running", null)), false,
                        TaskAction.Relaunch.class, null),
                Arguments.of("all started: RUNNING", task(TaskStatus.RUNNING, TaskStatus.PENDING),
                        List.of(c("main", "running", null), c("side", "running", null)), false, TaskAction.MarkRunning.class, null),
                Arguments.of("batch container done: stop the task (never relaunch)", task(TaskStatus.RUNNING, TaskStatus.RUNNING),
                        List.of(c("main", "exited", 0), c("side", "running", null)), false, TaskAction.Stop.class,
                        StopCode.EssentialContainerExited),
                Arguments.of("finished before it was seen RUNNING: still stopped, not relaunched",
                        task(TaskStatus.RUNNING, TaskStatus.PENDING), List.of(c("main", "exited", 0), c("side", "running", null)),
                        false, TaskAction.Stop.class, StopCode.EssentialContainerExited),
                Arguments.of("non-essential exit: recorded, task goes on", task(TaskStatus.RUNNING, TaskStatus.RUNNING),
                        List.of(c("main", "running", null), c("side", "exited", 1)), false, TaskAction.RecordContainers.class, null),
                Arguments.of("stop asked, containers running: stop them", task(TaskStatus.STOPPED, TaskStatus.RUNNING),
                        List.of(c("main", "running", null), c("side", "running", null)), false, TaskAction.Stop.class,
                        StopCode.UserInitiated),
                Arguments.of("stop asked, nothing runs: STOPPED", task(TaskStatus.STOPPED, TaskStatus.RUNNING),
                        List.of(c("main", "exited", 137)), false, TaskAction.MarkStopped.class, null),
                Arguments.of("stop asked before launch: STOPPED without launching", task(TaskStatus.STOPPED, TaskStatus.PROVISIONING),
                        List.of(), false, TaskAction.MarkStopped.class, null),
                Arguments.of("host lost: STOPPED (HostLost), never moved", task(TaskStatus.RUNNING, TaskStatus.RUNNING),
                        List.of(), true, TaskAction.MarkLost.class, null),
                Arguments.of("already STOPPED: nothing, ever", task(TaskStatus.STOPPED, TaskStatus.STOPPED),
                        List.of(), false, null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decides(String name, Task task, List<ObservedContainer> observed, boolean lost, Class<?> expected, StopCode code) {
        Optional<TaskAction> action = StandaloneTaskPlanner.plan(task, SPEC, new ArrayList<>(observed), lost, NOW);
        if (expected == null) {
            assertThat(action).isEmpty();
            return;
        }
        assertThat(action).get().isInstanceOf(expected);
        if (action.get() instanceof TaskAction.Stop stop) {
            assertThat(stop.code()).isEqualTo(code);
        }
    }
}
