package io.berth.reconciler.plan;

import io.berth.reconciler.model.ObservedContainer;
import io.berth.reconciler.model.PortMapping;
import io.berth.reconciler.model.StopCode;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskContainer;
import io.berth.reconciler.model.TaskDefinition;
import io.berth.reconciler.model.TaskStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static io.berth.reconciler.plan.Fixtures.T0;
import static io.berth.reconciler.plan.Fixtures.container;
import static io.berth.reconciler.plan.Fixtures.createdState;
import static io.berth.reconciler.plan.Fixtures.dockerId;
import static io.berth.reconciler.plan.Fixtures.exitedState;
import static io.berth.reconciler.plan.Fixtures.id;
import static io.berth.reconciler.plan.Fixtures.oomState;
import static io.berth.reconciler.plan.Fixtures.runningState;
import static io.berth.reconciler.plan.Fixtures.state;
import static io.berth.reconciler.plan.Fixtures.task;
import static io.berth.reconciler.plan.Fixtures.taskDef;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

class TaskEvaluatorTest {

    /** "app" is essential, "sidecar" is not. */
    static final TaskDefinition TD = taskDef("web", 1, 256, 512, container("app", true), container("sidecar", false));
    static final UUID T = id(7);
    static final Instant NOW = T0.plusSeconds(3600);

    static Optional<TaskAction> evaluate(Task task, ObservedContainer... observed) {
        return TaskEvaluator.evaluate(task, TD.spec(), List.of(observed), NOW);
    }

    static TaskContainer recorded(String name, TaskStatus status, Integer exitCode, String reason) {
        return new TaskContainer(name, dockerId(T, name), status, exitCode, reason, List.of());
    }

    static Stream<Arguments> cases() {
        Task running = task(T, TD).running().build();
        Task pending = task(T, TD).pending().build();
        Task provisioning = task(T, TD).provisioning().build();
        return Stream.of(
                argumentSet("essential container exited → Stop with the exit code",
                        running, new ObservedContainer[]{exitedState(T, "app", 3), runningState(T, "sidecar", T0)},
                        expect(TaskAction.Stop.class, a -> {
                            var stop = (TaskAction.Stop) a;
                            assertThat(stop.code()).isEqualTo(StopCode.EssentialContainerExited);
                            assertThat(stop.reason()).isEqualTo("Essential container in task exited: app exited with code 3");
                            assertThat(stop.containers()).containsExactly(
                                    recorded("app", TaskStatus.STOPPED, 3, null),
                                    recorded("sidecar", TaskStatus.RUNNING, null, null));
                        })),
                argumentSet("essential container OOM-killed → reason says OOM",
                        running, new ObservedContainer[]{oomState(T, "app"), runningState(T, "sidecar", T0)},
                        expect(TaskAction.Stop.class, a -> {
                            var stop = (TaskAction.Stop) a;
                            assertThat(stop.code()).isEqualTo(StopCode.EssentialContainerExited);
                            assertThat(stop.reason()).isEqualTo(
                                    "Essential container in task exited: app was OOM-killed (memory limit reached), exit code 137");
                            assertThat(stop.containers().getFirst().reason()).contains("OutOfMemoryError");
                        })),
                argumentSet("essential container failed with an engine error → error in the reason",
                        pending, new ObservedContainer[]{state(T, "app", "exited", 127, false, "exec: \"nginx\": not found", T0)},
                        expect(TaskAction.Stop.class, a -> assertThat(((TaskAction.Stop) a).reason())
                                .isEqualTo("Essential container in task exited: app exited with code 127: exec: \"nginx\": not found"))),
                argumentSet("essential container dead without exit code → its status",
                        running, new ObservedContainer[]{state(T, "app", "dead", null, false, null, T0), runningState(T, "sidecar", T0)},
                        expect(TaskAction.Stop.class, a -> assertThat(((TaskAction.Stop) a).reason())
                                .isEqualTo("Essential container in task exited: app is dead"))),
                argumentSet("non-essential container exited → RecordContainers only",
                        running, new ObservedContainer[]{runningState(T, "app", T0), exitedState(T, "sidecar", 0)},
                        expect(TaskAction.RecordContainers.class, a -> assertThat(((TaskAction.RecordContainers) a).containers())
                                .containsExactly(recorded("app", TaskStatus.RUNNING, null, null),
                                        recorded("sidecar", TaskStatus.STOPPED, 0, null)))),
                argumentSet("PROVISIONING with no containers → Relaunch",
                        provisioning, new ObservedContainer[]{}, expect(TaskAction.Relaunch.class, a -> { })),
                argumentSet("PENDING with a container only created → Relaunch",
                        pending, new ObservedContainer[]{runningState(T, "app", T0), createdState(T, "sidecar")},
                        expect(TaskAction.Relaunch.class, a -> { })),
                argumentSet("PENDING, all running → MarkRunning with the earliest startedAt",
                        pending, new ObservedContainer[]{runningState(T, "app", T0.plusSeconds(5)), runningState(T, "sidecar", T0.plusSeconds(2))},
                        expect(TaskAction.MarkRunning.class, a -> {
                            var mark = (TaskAction.MarkRunning) a;
                            assertThat(mark.startedAt()).isEqualTo(T0.plusSeconds(2));
                            assertThat(mark.containers()).containsExactly(
                                    recorded("app", TaskStatus.RUNNING, null, null),
                                    recorded("sidecar", TaskStatus.RUNNING, null, null));
                        })),
                argumentSet("PENDING, essentials running, non-essential already exited → MarkRunning",
                        pending, new ObservedContainer[]{runningState(T, "app", T0.plusSeconds(5)), exitedState(T, "sidecar", 0)},
                        expect(TaskAction.MarkRunning.class, a -> assertThat(((TaskAction.MarkRunning) a).containers())
                                .contains(recorded("sidecar", TaskStatus.STOPPED, 0, null)))),
                argumentSet("PENDING, running, no startedAt reported → now",
                        pending, new ObservedContainer[]{runningState(T, "app", null), runningState(T, "sidecar", null)},
                        expect(TaskAction.MarkRunning.class, a -> assertThat(((TaskAction.MarkRunning) a).startedAt()).isEqualTo(NOW))),
                argumentSet("RUNNING, essential container vanished → Stop",
                        running, new ObservedContainer[]{runningState(T, "sidecar", T0)},
                        expect(TaskAction.Stop.class, a -> {
                            var stop = (TaskAction.Stop) a;
                            assertThat(stop.code()).isEqualTo(StopCode.EssentialContainerExited);
                            assertThat(stop.reason()).isEqualTo("Essential container in task exited: app was removed outside Berth");
                        })),
                argumentSet("PENDING with the essential container not there yet is no failure → Relaunch",
                        pending, new ObservedContainer[]{runningState(T, "sidecar", T0)}, expect(TaskAction.Relaunch.class, a -> { })),
                argumentSet("restarting/paused count as running → nothing to do",
                        running, new ObservedContainer[]{state(T, "app", "restarting", null, false, null, T0), state(T, "sidecar", "paused", null, false, null, T0)},
                        Optional.<Consumer<TaskAction>>empty()),
                argumentSet("desired STOPPED with a running container → Stop with the stored code and reason",
                        task(T, TD).stopRequested(StopCode.UserInitiated, "stopped by alice").build(),
                        new ObservedContainer[]{runningState(T, "app", T0), exitedState(T, "sidecar", 0)},
                        expect(TaskAction.Stop.class, a -> {
                            var stop = (TaskAction.Stop) a;
                            assertThat(stop.code()).isEqualTo(StopCode.UserInitiated);
                            assertThat(stop.reason()).isEqualTo("stopped by alice");
                        })),
                argumentSet("desired STOPPED, nothing running → MarkStopped",
                        task(T, TD).stopRequested(StopCode.UserInitiated, "stopped by alice").build(),
                        new ObservedContainer[]{exitedState(T, "app", 0)},
                        expect(TaskAction.MarkStopped.class, a -> assertThat(((TaskAction.MarkStopped) a).containers())
                                .contains(recorded("app", TaskStatus.STOPPED, 0, null)))),
                argumentSet("desired STOPPED, no containers at all → MarkStopped",
                        task(T, TD).stopRequested(StopCode.ServiceSchedulerInitiated, "scale-in").build(),
                        new ObservedContainer[]{}, expect(TaskAction.MarkStopped.class, a -> { })),
                argumentSet("RUNNING and all as recorded → nothing",
                        running, new ObservedContainer[]{runningState(T, "app", T0), runningState(T, "sidecar", T0)},
                        Optional.<Consumer<TaskAction>>empty()),
                argumentSet("containers of other names are ignored",
                        running, new ObservedContainer[]{runningState(T, "app", T0), runningState(T, "sidecar", T0), runningState(T, "debug", T0)},
                        Optional.<Consumer<TaskAction>>empty()));
    }

    static Optional<Consumer<TaskAction>> expect(Class<? extends TaskAction> type, Consumer<TaskAction> more) {
        return Optional.of(a -> {
            assertThat(a).isInstanceOf(type);
            assertThat(a.taskId()).isEqualTo(T);
            more.accept(a);
        });
    }

    @ParameterizedTest
    @MethodSource("cases")
    void evaluate(Task task, ObservedContainer[] observed, Optional<Consumer<TaskAction>> expected) {
        Optional<TaskAction> action = evaluate(task, observed);
        if (expected.isEmpty()) {
            assertThat(action).isEmpty();
        } else {
            assertThat(action).isPresent();
            expected.get().accept(action.get());
        }
    }

    @Test
    void hostPortsTheEngineBoundAreRecorded() {
        Task pending = task(T, TD).pending().build();
        ObservedContainer app = new ObservedContainer(dockerId(T, "app"), runningState(T, "app", T0).labels(),
                "running", true, null, false, ObservedContainer.Health.NONE, null,
                List.of(new PortMapping(80, 32768, "tcp")), T0);
        var action = evaluate(pending, app, runningState(T, "sidecar", T0));
        assertThat(action).get().isInstanceOf(TaskAction.MarkRunning.class);
        assertThat(((TaskAction.MarkRunning) action.get()).containers().getFirst().hostPorts())
                .containsExactly(new PortMapping(80, 32768, "tcp"));
    }

    @Test
    void aRunningDuplicateWinsOverAnExitedOne() {
        Task running = task(T, TD).running().build();
        ObservedContainer exitedDuplicate = new ObservedContainer("old", exitedState(T, "app", 1).labels(),
                "exited", false, 1, false, ObservedContainer.Health.NONE, null, List.of(), T0);
        ObservedContainer runningApp = runningState(T, "app", T0);
        // in either order the running one is taken
        assertThat(evaluate(running, exitedDuplicate, runningApp, runningState(T, "sidecar", T0))).isEmpty();
        assertThat(evaluate(running, runningApp, exitedDuplicate, runningState(T, "sidecar", T0))).isEmpty();
    }

    @Test
    void containersWithoutNameLabelAreIgnored() {
        Task running = task(T, TD).running().build();
        ObservedContainer unlabelled = new ObservedContainer("x", Map.of(), "exited", false, 1, false,
                ObservedContainer.Health.NONE, null, List.of(), T0);
        assertThat(evaluate(running, unlabelled, runningState(T, "app", T0), runningState(T, "sidecar", T0))).isEmpty();
    }
}
