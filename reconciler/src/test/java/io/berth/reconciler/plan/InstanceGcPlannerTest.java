package io.berth.reconciler.plan;

import io.berth.reconciler.model.ContainerLabels;
import io.berth.reconciler.model.ObservedContainer;
import io.berth.reconciler.model.StopCode;
import io.berth.reconciler.model.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static io.berth.reconciler.plan.Fixtures.T0;
import static io.berth.reconciler.plan.Fixtures.id;
import static io.berth.reconciler.plan.Fixtures.labelled;
import static io.berth.reconciler.plan.Fixtures.task;
import static io.berth.reconciler.plan.Fixtures.taskId;
import static io.berth.reconciler.plan.Fixtures.web;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

class InstanceGcPlannerTest {

    static final UUID HERE = id(1);
    static final UUID ELSEWHERE = id(2);
    static final Duration RETENTION = Duration.ofHours(1);
    static final Instant NOW = T0.plus(Duration.ofDays(1));
    static final UUID T = taskId(1);

    static Map<String, String> taskLabel(String value) {
        return Map.of(ContainerLabels.MANAGED, "true", ContainerLabels.TASK_ID, value);
    }

    static Task stoppedAgo(Duration ago) {
        return task(T, web(1)).on(HERE).stopped(StopCode.EssentialContainerExited, T0, NOW.minus(ago)).build();
    }

    /** null expectedRunning = the container is left alone. */
    static Stream<Arguments> cases() {
        Task active = task(T, web(1)).on(HERE).running().build();
        Task deletedServiceTask = task(T, web(1)).on(HERE).service(null, "web")
                .stopped(StopCode.ServiceSchedulerInitiated, T0, NOW.minusSeconds(10)).build();
        Task oneOff = task(T, web(1)).on(HERE).service(null, null)
                .stopped(StopCode.EssentialContainerExited, T0, NOW.minusSeconds(10)).build();
        return Stream.of(
                // container running?, task (null = unknown), expected running flag of the removal, reason fragment
                argumentSet("unknown task, running container → remove (running)", true, null, true, "unknown"),
                argumentSet("unknown task, exited container → remove", false, null, false, "unknown"),
                argumentSet("task placed on another instance → remove",
                        true, task(T, web(1)).on(ELSEWHERE).running().build(), true, "another instance"),
                argumentSet("stopped task with a running container → remove, running=true",
                        true, stoppedAgo(Duration.ofSeconds(5)), true, "is STOPPED"),
                argumentSet("stopped within retention → keep", false, stoppedAgo(Duration.ofMinutes(59)), null, null),
                argumentSet("stopped exactly retention ago → remove", false, stoppedAgo(RETENTION), false, "stopped more than"),
                argumentSet("stopped after retention → remove", false, stoppedAgo(Duration.ofHours(2)), false, "stopped more than"),
                argumentSet("stopped without stoppedAt → remove",
                        false, task(T, web(1)).on(HERE).stopped(StopCode.UserInitiated, T0, null).build(), false, "stopped more than"),
                argumentSet("stopped task of a deleted service → remove at once", false, deletedServiceTask, false, "was deleted"),
                argumentSet("stopped one-off task within retention → keep", false, oneOff, null, null),
                argumentSet("active task → keep", true, active, null, null),
                argumentSet("active task, exited container → keep", false, active, null, null),
                argumentSet("stop requested, container still running → keep (the stop is under way)",
                        true, task(T, web(1)).on(HERE).stopRequested(StopCode.UserInitiated, "x").build(), null, null));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void plan(boolean containerRunning, Task task, Boolean expectedRunning, String reasonFragment) {
        ObservedContainer c = labelled("c1", containerRunning, taskLabel(T.toString()));
        Map<UUID, Task> tasks = new HashMap<>();
        if (task != null) {
            tasks.put(task.id(), task);
        }

        List<ContainerCleanup> cleanups = InstanceGcPlanner.plan(HERE, List.of(c), tasks, NOW, RETENTION);

        if (expectedRunning == null) {
            assertThat(cleanups).isEmpty();
        } else {
            assertThat(cleanups).singleElement().satisfies(cl -> {
                assertThat(cl.containerId()).isEqualTo("c1");
                assertThat(cl.running()).isEqualTo(expectedRunning);
                assertThat(cl.reason()).contains(reasonFragment);
            });
        }
    }

    static Stream<Arguments> notOurs() {
        return Stream.of(
                argumentSet("no labels", Map.of()),
                argumentSet("managed but no task-id label", Map.of(ContainerLabels.MANAGED, "true")),
                argumentSet("malformed task-id label", taskLabel("not-a-uuid")),
                argumentSet("empty task-id label", taskLabel("")));
    }

    @ParameterizedTest
    @MethodSource("notOurs")
    void containersWithoutAUsableTaskIdAreUntouched(Map<String, String> labels) {
        assertThat(InstanceGcPlanner.plan(HERE, List.of(labelled("x", true, labels)), Map.of(), NOW, RETENTION)).isEmpty();
    }

    @Test
    void judgesEachContainerOnItsOwn() {
        Task active = task(taskId(1), web(1)).on(HERE).running().build();
        List<ObservedContainer> containers = List.of(
                labelled("keep", true, taskLabel(taskId(1).toString())),
                labelled("orphan", false, taskLabel(taskId(2).toString())),
                labelled("foreign", true, Map.of("com.example", "x")));

        List<ContainerCleanup> cleanups = InstanceGcPlanner.plan(HERE, containers, Map.of(active.id(), active), NOW, RETENTION);

        assertThat(cleanups).extracting(ContainerCleanup::containerId).containsExactly("orphan");
    }
}
