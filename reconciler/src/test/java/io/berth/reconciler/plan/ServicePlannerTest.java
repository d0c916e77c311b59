package io.berth.reconciler.plan;

import io.berth.reconciler.model.BackoffConfig;
import io.berth.reconciler.model.CircuitBreakerConfig;
import io.berth.reconciler.model.ContainerInstance;
import io.berth.reconciler.model.DeploymentConfig;
import io.berth.reconciler.model.ServiceState;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskContainer;
import io.berth.reconciler.model.TaskStatus;
import io.berth.reconciler.model.PortMapping;
import io.berth.reconciler.model.StopCode;
import io.berth.reconciler.model.TaskDefinition;
import io.berth.reconciler.scheduler.Scheduler;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.berth.reconciler.plan.Fixtures.CLUSTER;
import static io.berth.reconciler.plan.Fixtures.SERVICE_ID;
import static io.berth.reconciler.plan.Fixtures.T0;
import static io.berth.reconciler.plan.Fixtures.container;
import static io.berth.reconciler.plan.Fixtures.createdState;
import static io.berth.reconciler.plan.Fixtures.deleting;
import static io.berth.reconciler.plan.Fixtures.exitedState;
import static io.berth.reconciler.plan.Fixtures.id;
import static io.berth.reconciler.plan.Fixtures.instance;
import static io.berth.reconciler.plan.Fixtures.newId;
import static io.berth.reconciler.plan.Fixtures.newIds;
import static io.berth.reconciler.plan.Fixtures.runningState;
import static io.berth.reconciler.plan.Fixtures.service;
import static io.berth.reconciler.plan.Fixtures.snapshot;
import static io.berth.reconciler.plan.Fixtures.task;
import static io.berth.reconciler.plan.Fixtures.taskDef;
import static io.berth.reconciler.plan.Fixtures.taskId;
import static io.berth.reconciler.plan.Fixtures.web;
import static org.assertj.core.api.Assertions.assertThat;

class ServicePlannerTest {

    static final Instant NOW = T0.plus(Duration.ofHours(1));
    static final ContainerInstance BIG = instance(id(1), 8192, 16384);

    static ServicePlan plan(ServiceSnapshot s) {
        return plan(s, Fixtures.settings(50, 50));
    }

    static ServicePlan plan(ServiceSnapshot s, PlannerSettings settings) {
        return new ServicePlanner(Scheduler.defaults(), settings).plan(s, NOW, newIds());
    }

    static List<UUID> stopped(ServicePlan plan) {
        return plan.actionsOf(TaskAction.Stop.class).stream().map(TaskAction::taskId).toList();
    }

    @Nested
    class Counts {

        @Test
        void scalesUpFromZeroToThreeOnOneInstance() {
            ServicePlan plan = plan(snapshot(service(web(1), 3)).instance(BIG).build());

            assertThat(plan.actions()).containsExactly(
                    new TaskAction.LaunchNew(newId(1), id(1)),
                    new TaskAction.LaunchNew(newId(2), id(1)),
                    new TaskAction.LaunchNew(newId(3), id(1)));
            assertThat(plan.events()).containsExactly("service web has started 3 tasks: a0000001, a0000002, a0000003");
            assertThat(plan.requeueAfter()).isNull();
            assertThat(plan.deleteService()).isFalse();
        }

        @Test
        void scalesDownFiveToTwoStoppingNotRunningFirstThenYoungest() {
            TaskDefinition td = web(1);
            ServiceSnapshot s = snapshot(service(td, 2)).instance(BIG)
                    .healthyTask(task(taskId(1), td).created(T0))
                    .healthyTask(task(taskId(2), td).created(T0.plusSeconds(60)))
                    .healthyTask(task(taskId(3), td).created(T0.plusSeconds(120)))
                    .healthyTask(task(taskId(4), td).created(T0.plusSeconds(180)))
                    // the oldest of all, but not running yet: it goes first
                    .task(task(taskId(5), td).pending().created(T0.minusSeconds(60)).build(), createdState(taskId(5), "app"))
                    .build();

            ServicePlan plan = plan(s);

            assertThat(stopped(plan)).containsExactly(taskId(5), taskId(4), taskId(3));
            assertThat(plan.actionsOf(TaskAction.Stop.class)).allSatisfy(stop -> {
                assertThat(stop.code()).isEqualTo(StopCode.ServiceSchedulerInitiated);
                assertThat(stop.reason()).isEqualTo("Service scaled in to desired count 2");
            });
            assertThat(plan.actionsOf(TaskAction.LaunchNew.class)).isEmpty();
            assertThat(plan.events()).containsExactly(
                    "service web has stopped 3 tasks: b0000005, b0000004, b0000003 (Service scaled in to desired count 2)");
        }

        @Test
        void scaleInStopsAreCappedPerPass() {
            TaskDefinition td = web(1);
            var b = snapshot(service(td, 0)).instance(BIG);
            for (int i = 1; i <= 5; i++) {
                b.healthyTask(task(taskId(i), td).created(T0.plusSeconds(i)));
            }
            ServicePlan plan = plan(b.build(), Fixtures.settings(50, 2));
            assertThat(stopped(plan)).containsExactly(taskId(5), taskId(4));
        }

        @Test
        void launchesAreCappedPerPassAndTheRestIsRequeuedAtOnce() {
            ServicePlan plan = plan(snapshot(service(web(1), 5)).instance(BIG).build(), Fixtures.settings(2, 50));

            assertThat(plan.actionsOf(TaskAction.LaunchNew.class)).hasSize(2);
            assertThat(plan.requeueAfter()).isEqualTo(Duration.ZERO);
        }

        @Test
        void tasksOnInstancesThatDidNotAnswerAreLeftAloneAndStillCount() {
            TaskDefinition td = web(1);
            ServiceSnapshot s = snapshot(service(td, 2)).instance(BIG).unobservedInstance(instance(id(2), 8192, 16384))
                    .healthyTask(task(taskId(1), td).on(id(1)))
                    // its containers are not in the snapshot: its engine did not answer, so that says nothing
                    .task(task(taskId(2), td).on(id(2)).running().build())
                    .build();

            ServicePlan plan = plan(s);

            assertThat(plan.actions()).isEmpty();
            assertThat(plan.events()).containsExactly("service web has reached a steady state.");
        }

        @Test
        void taskOnUnansweredInstanceIsNotJudgedEvenIfPending() {
            TaskDefinition td = web(1);
            ServiceSnapshot s = snapshot(service(td, 1)).unobservedInstance(instance(id(2), 8192, 16384)).instance(BIG)
                    .task(task(taskId(2), td).on(id(2)).pending().build())
                    .build();

            ServicePlan plan = plan(s);

            assertThat(plan.actions()).isEmpty();
        }
    }

    @Nested
    class Replacement {

        @Test
        void killedContainerIsStoppedAndReplacedInTheSamePassOnAFullHost() {
            // room for exactly one task, fixed host port 8080: the replacement fits only because the dead task
            // releases its CPU, memory and port in this pass
            TaskDefinition td = taskDef("web", 1, 256, 512, container("app", true, new PortMapping(80, 8080, "tcp")));
            ServiceSnapshot s = snapshot(service(td, 1)).instance(instance(id(1), 256, 512))
                    .task(task(taskId(1), td).running().build(), exitedState(taskId(1), "app", 137))
                    .build();

            ServicePlan plan = plan(s);

            assertThat(plan.actions()).hasSize(2);
            TaskAction.Stop stop = plan.actionsOf(TaskAction.Stop.class).getFirst();
            assertThat(stop.taskId()).isEqualTo(taskId(1));
            assertThat(stop.code()).isEqualTo(StopCode.EssentialContainerExited);
            assertThat(stop.reason()).contains("137");
            assertThat(plan.actionsOf(TaskAction.LaunchNew.class)).containsExactly(new TaskAction.LaunchNew(newId(1), id(1)));
            assertThat(plan.events()).containsExactly(
                    "service web task " + taskId(1).toString().substring(0, 8)
                            + " stopped: Essential container in task exited: app exited with code 137",
                    "service web has started 1 task: a0000001");
        }

        @Test
        void aDeadTaskWithAContainerStillRunningKeepsItsResources() {
            TaskDefinition td = taskDef("web", 1, 256, 512, container("app", true), container("logger", false));
            ServiceSnapshot s = snapshot(service(td, 1)).instance(instance(id(1), 256, 512))
                    .task(task(taskId(1), td).running().build(),
                            exitedState(taskId(1), "app", 1), runningState(taskId(1), "logger", T0))
                    .build();

            ServicePlan plan = plan(s);

            assertThat(stopped(plan)).containsExactly(taskId(1));
            assertThat(plan.actionsOf(TaskAction.LaunchNew.class)).isEmpty();
            assertThat(plan.events()).containsExactly(
                    "service web task " + taskId(1).toString().substring(0, 8)
                            + " stopped: Essential container in task exited: app exited with code 1",
                    "service web was unable to place 1 task: 1 instance checked — 1 lack CPU (need 256 units, largest free 0)");
        }

        @Test
        void quickFailuresBackOffWithoutLaunching() {
            TaskDefinition td = web(1);
            ServiceSnapshot s = snapshot(service(td, 1)).instance(BIG)
                    .task(task(taskId(1), td).stopped(StopCode.TaskFailedToStart, null, NOW.minusSeconds(120)).build())
                    .task(task(taskId(2), td).stopped(StopCode.TaskFailedToStart, null, NOW.minusSeconds(60)).build())
                    .task(task(taskId(3), td).stopped(StopCode.TaskFailedToStart, null, NOW.minusMillis(500)).build())
                    .build();

            ServicePlan plan = plan(s);

            assertThat(plan.actions()).isEmpty();
            assertThat(plan.requeueAfter()).isEqualTo(Duration.ofMillis(1500));
            assertThat(plan.events()).containsExactly(
                    "service web: task b0000003 failed to start; backing off, next replacement in 2s");
        }

        @Test
        void theServicesOwnBackoffReplacesBerthsDefault() {
            TaskDefinition td = web(1);
            DeploymentConfig own = new DeploymentConfig(100, 200, Duration.ofSeconds(3), CircuitBreakerConfig.defaults(),
                    Duration.ofMinutes(10), new BackoffConfig(Duration.ofSeconds(5), Duration.ofSeconds(8)));
            ServiceState service = new ServiceState(SERVICE_ID, CLUSTER, "web", td, 1, false, Duration.ZERO, own);
            Task crashed = task(taskId(3), td).stopped(StopCode.EssentialContainerExited, NOW.minusSeconds(2), NOW.minusSeconds(1))
                    .containers(List.of(new TaskContainer("app", "d3", TaskStatus.STOPPED, 1, null, List.of()))).build();
            ServiceSnapshot s = snapshot(service).instance(BIG)
                    .task(task(taskId(1), td).stopped(StopCode.EssentialContainerExited, NOW.minusSeconds(62), NOW.minusSeconds(61)).build())
                    .task(task(taskId(2), td).stopped(StopCode.TaskFailedHealthChecks, NOW.minusSeconds(32), NOW.minusSeconds(31)).build())
                    .task(crashed)
                    .build();

            ServicePlan plan = plan(s);

            // streak 3: 5 s doubled is 10 s, capped at the service's max of 8 s (Berth's default would say 2 s)
            assertThat(plan.actions()).isEmpty();
            assertThat(plan.requeueAfter()).isEqualTo(Duration.ofSeconds(7));
            assertThat(plan.events()).containsExactly(
                    "service web: task b0000003 exited (code 1); backing off, next replacement in 8s");
        }

        @Test
        void oneQuickFailureIsReplacedAtOnce() {
            TaskDefinition td = web(1);
            ServiceSnapshot s = snapshot(service(td, 1)).instance(BIG)
                    .task(task(taskId(1), td).stopped(StopCode.TaskFailedToStart, null, NOW.minusMillis(500)).build())
                    .build();

            assertThat(plan(s).actionsOf(TaskAction.LaunchNew.class)).hasSize(1);
        }
    }

    @Nested
    class RevisionChange {

        final TaskDefinition v1 = web(1);
        final TaskDefinition v2 = taskDef("web", 2, 256, 512, container("app", true));

        Fixtures.SnapshotBuilder threeOld() {
            return snapshot(service(v2, 3)).taskDefinition(v1).instance(BIG)
                    .healthyTask(task(taskId(1), v1).created(T0))
                    .healthyTask(task(taskId(2), v1).created(T0.plusSeconds(1)))
                    .healthyTask(task(taskId(3), v1).created(T0.plusSeconds(2)));
        }

        @Test
        void firstPassStartsThreeNewAndStopsNothing() {
            ServicePlan plan = plan(threeOld().build());

            assertThat(plan.actionsOf(TaskAction.LaunchNew.class)).hasSize(3);
            assertThat(plan.actionsOf(TaskAction.Stop.class)).isEmpty();
        }

        @Test
        void allNewRunningStopsAllOld() {
            ServicePlan plan = plan(threeOld()
                    .healthyTask(task(taskId(11), v2).created(NOW))
                    .healthyTask(task(taskId(12), v2).created(NOW))
                    .healthyTask(task(taskId(13), v2).created(NOW))
                    .build());

            assertThat(stopped(plan)).containsExactlyInAnyOrder(taskId(1), taskId(2), taskId(3));
            assertThat(plan.actionsOf(TaskAction.Stop.class))
                    .allSatisfy(st -> assertThat(st.reason()).isEqualTo("Task replaced by revision web:2"));
            assertThat(plan.actionsOf(TaskAction.LaunchNew.class)).isEmpty();
        }

        @Test
        void oneNewRunningStopsOneOldTheYoungest() {
            ServicePlan plan = plan(threeOld()
                    .healthyTask(task(taskId(11), v2).created(NOW))
                    .task(task(taskId(12), v2).pending().created(NOW).build(), createdState(taskId(12), "app"))
                    .task(task(taskId(13), v2).pending().created(NOW).build(), createdState(taskId(13), "app"))
                    .build());

            assertThat(stopped(plan)).containsExactly(taskId(3));
            assertThat(plan.actionsOf(TaskAction.LaunchNew.class)).isEmpty();
        }
    }

    @Nested
    class Events {

        static final String UNPLACEABLE =
                "service web was unable to place 2 tasks: 1 instance checked — 1 lack memory (need 512 MiB, largest free 256 MiB)";

        Fixtures.SnapshotBuilder unplaceable() {
            return snapshot(service(web(1), 2)).instance(instance(id(1), 4096, 256));
        }

        @Test
        void unplaceableTasksAreExplained() {
            ServicePlan plan = plan(unplaceable().build());

            assertThat(plan.actions()).isEmpty();
            assertThat(plan.events()).containsExactly(UNPLACEABLE);
        }

        @Test
        void partlyPlaceable() {
            ServicePlan plan = plan(snapshot(service(web(1), 2)).instance(instance(id(1), 4096, 768)).build());

            assertThat(plan.actionsOf(TaskAction.LaunchNew.class)).hasSize(1);
            assertThat(plan.events()).containsExactly("service web has started 1 task: a0000001",
                    "service web was unable to place 1 task: 1 instance checked — 1 lack memory (need 512 MiB, largest free 256 MiB)");
        }

        @Test
        void aRepeatWithinEventRepeatIsDropped() {
            ServicePlan plan = plan(unplaceable().lastEvent(NOW.minusSeconds(60), UNPLACEABLE).build());

            assertThat(plan.events()).isEmpty();
            assertThat(plan.isEmpty()).isTrue();
        }

        @Test
        void aRepeatAfterEventRepeatIsRecordedAgain() {
            ServicePlan plan = plan(unplaceable().lastEvent(NOW.minus(Duration.ofMinutes(5)), UNPLACEABLE).build());

            assertThat(plan.events()).containsExactly(UNPLACEABLE);
        }

        @Test
        void aDifferentLastEventDoesNotSuppress() {
            ServicePlan plan = plan(unplaceable().lastEvent(NOW.minusSeconds(1), "service web has reached a steady state.").build());

            assertThat(plan.events()).containsExactly(UNPLACEABLE);
        }

        @Test
        void steadyStateIsAnnouncedOnce() {
            TaskDefinition td = web(1);
            Fixtures.SnapshotBuilder b = snapshot(service(td, 2)).instance(BIG)
                    .healthyTask(task(taskId(1), td))
                    .healthyTask(task(taskId(2), td));

            ServicePlan first = plan(b.build());
            assertThat(first.actions()).isEmpty();
            assertThat(first.events()).containsExactly("service web has reached a steady state.");

            ServicePlan second = plan(b.lastEvent(NOW.minusSeconds(10), "service web has reached a steady state.").build());
            assertThat(second.isEmpty()).isTrue();
        }

        @Test
        void noSteadyStateWhileSomethingHappens() {
            TaskDefinition td = web(1);
            ServicePlan plan = plan(snapshot(service(td, 2)).instance(BIG)
                    .healthyTask(task(taskId(1), td))
                    .task(task(taskId(2), td).pending().build(), createdState(taskId(2), "app"))
                    .build());

            assertThat(plan.actions()).containsExactly(new TaskAction.Relaunch(taskId(2)));
            assertThat(plan.events()).isEmpty();
        }
    }

    @Nested
    class Deletion {

        @Test
        void deletingStopsEverythingThenDeletesTheService() {
            TaskDefinition td = web(1);
            ServicePlan first = plan(snapshot(deleting(td)).instance(BIG)
                    .healthyTask(task(taskId(1), td))
                    .healthyTask(task(taskId(2), td))
                    .build());

            assertThat(stopped(first)).containsExactly(taskId(1), taskId(2));
            assertThat(first.actionsOf(TaskAction.Stop.class)).allSatisfy(st -> {
                assertThat(st.code()).isEqualTo(StopCode.ServiceSchedulerInitiated);
                assertThat(st.reason()).isEqualTo("Service web was deleted");
            });
            assertThat(first.events()).containsExactly("service web has begun draining 2 tasks: the service was deleted");
            assertThat(first.deleteService()).isFalse();
            assertThat(first.requeueAfter()).isEqualTo(Duration.ZERO);

            // next pass: stops requested, containers exited
            ServicePlan second = plan(snapshot(deleting(td)).instance(BIG)
                    .task(task(taskId(1), td).stopRequested(StopCode.ServiceSchedulerInitiated, "Service web was deleted").build(),
                            exitedState(taskId(1), "app", 0))
                    .task(task(taskId(2), td).stopRequested(StopCode.ServiceSchedulerInitiated, "Service web was deleted").build(),
                            exitedState(taskId(2), "app", 143))
                    .build());

            assertThat(second.actions()).extracting(a -> a.getClass().getSimpleName() + ":" + a.taskId())
                    .containsExactly("MarkStopped:" + taskId(1), "MarkStopped:" + taskId(2));
            assertThat(second.deleteService()).isTrue();
        }

        @Test
        void nothingLeftDeletesAtOnce() {
            TaskDefinition td = web(1);
            ServicePlan plan = plan(snapshot(deleting(td)).instance(BIG)
                    .task(task(taskId(1), td).stopped(StopCode.ServiceSchedulerInitiated, T0, T0.plusSeconds(5)).build())
                    .build());

            assertThat(plan.actions()).isEmpty();
            assertThat(plan.deleteService()).isTrue();
        }

        @Test
        void aStoppingTaskOnAnUnansweredInstanceHoldsTheDeletion() {
            TaskDefinition td = web(1);
            ServicePlan plan = plan(snapshot(deleting(td)).unobservedInstance(instance(id(2), 1024, 1024))
                    .task(task(taskId(1), td).on(id(2)).stopRequested(StopCode.ServiceSchedulerInitiated, "deleted").build())
                    .build());

            assertThat(plan.deleteService()).isFalse();
            assertThat(plan.requeueAfter()).isEqualTo(Duration.ZERO);
        }
    }

    /**
     * A task gets at most one action per pass: the executor runs the Docker work of a plan's actions in parallel
     * (ServicePass.act), so Relaunch and Stop of one task would race — containers could be started after the
     * stop finished.
     */
    @Test
    void aTaskGetsAtMostOneActionPerPass() {
        TaskDefinition td = web(1);
        ServicePlan plan = plan(snapshot(service(td, 0)).instance(BIG)
                .task(task(taskId(1), td).pending().build(), createdState(taskId(1), "app"))
                .build());

        Map<UUID, Long> perTask = plan.actions().stream()
                .collect(Collectors.groupingBy(TaskAction::taskId, Collectors.counting()));
        assertThat(perTask).as("actions per task in %s", plan.actions()).allSatisfy((id, n) -> assertThat(n).isEqualTo(1L));
    }

    @Test
    void plannerIsAFunctionOfItsInputs() {
        TaskDefinition td = web(1);
        ServiceSnapshot s = snapshot(service(td, 4)).instance(BIG).instance(instance(id(2), 1024, 2048))
                .healthyTask(task(taskId(1), td))
                .task(task(taskId(2), td).running().build(), exitedState(taskId(2), "app", 1))
                .build();

        assertThat(plan(s)).isEqualTo(plan(s));
    }
}
